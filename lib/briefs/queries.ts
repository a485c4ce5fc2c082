import "server-only";
import { readPocResults } from "@/lib/briefs/completeness";
import { db } from "@/lib/db";
import { readCriteria } from "@/lib/specs/completeness";

const revisionSelect = {
  id: true,
  number: true,
  intendedUse: true,
  outOfScopeUses: true,
  data: true,
  metrics: true,
  dataSlices: true,
  failureModes: true,
  caveats: true,
  monitoring: true,
  improvements: true,
  futureEnhancements: true,
  pocResults: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

function view<T extends { pocResults: unknown }>(row: T) {
  return { ...row, pocResults: readPocResults(row.pocResults) };
}

/**
 * The feature (team-scoped), its brief's latest revision, and the approved
 * spec's success criteria: one PoC result row each. One query.
 */
export async function getBriefPage(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      id: true,
      title: true,
      approvedSpecRevision: { select: { number: true, successCriteria: true } },
      briefRevisions: { select: revisionSelect, orderBy: { number: "desc" }, take: 1 },
    },
  });
  if (!feature) return null;
  const latest = feature.briefRevisions[0];
  return {
    id: feature.id,
    title: feature.title,
    approvedSpecNumber: feature.approvedSpecRevision?.number ?? null,
    // null: no spec approved yet, so there is nothing to report results against.
    criteria: feature.approvedSpecRevision ? readCriteria(feature.approvedSpecRevision.successCriteria) : null,
    latest: latest ? view(latest) : null,
  };
}

/** One revision of a feature's brief, or null (also for another team's feature). */
export async function getBriefRevision(teamId: string, featureId: string, number: number) {
  const row = await db.briefRevision.findFirst({
    where: { featureId, number, feature: { teamId } },
    select: revisionSelect,
  });
  return row ? view(row) : null;
}
