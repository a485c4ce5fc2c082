import "server-only";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";

const FEATURE_GONE = "That feature no longer exists.";

/**
 * The feature, locked for the rest of the transaction so that changes to one
 * feature (moves, sign-offs, responsibilities) happen one after another.
 * Team in the WHERE: another team's feature id finds nothing.
 *
 * Locks are taken team first, then features (in id order when several), by
 * every command: here a shared lock on the team row, which membership
 * changes (FOR UPDATE) wait for and hold off. So what a feature change reads
 * about members (an assignee's roles, an owner, a signer's role) stays true
 * until it commits, and a member's release sees everything they held.
 */
export async function lockFeature(tx: Tx, teamId: string, featureId: string) {
  await holdTeam(tx, teamId);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Feature" WHERE id = ${featureId}::uuid AND "teamId" = ${teamId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new ActionError("not_found", FEATURE_GONE);
  return tx.feature.findUniqueOrThrow({
    where: { id: featureId },
    select: { id: true, teamId: true, title: true, stage: true, pausedFrom: true, version: true },
  });
}

/** The team row, shared: membership changes wait until this transaction ends. */
export async function holdTeam(tx: Tx, teamId: string) {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR KEY SHARE`;
}
