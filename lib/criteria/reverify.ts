/** Needs re-verifying: judged, but against a spec revision that is no longer the approved one. */
export function needsReverify(
  c: { verdict: string; verdictSpecRevisionId: string | null },
  approvedSpecRevisionId: string | null,
) {
  return c.verdict !== "UNTESTED" && c.verdictSpecRevisionId !== approvedSpecRevisionId;
}
