import "server-only";
import { db } from "@/lib/db";
import { needsReverify } from "@/lib/criteria/reverify";
import { readCriteria } from "@/lib/specs/completeness";

const verdictHistorySelect = {
  id: true,
  verdict: true,
  note: true,
  evidenceUrl: true,
  createdAt: true,
  specRevisionId: true,
  user: { select: { name: true } },
} as const;

export { needsReverify };

/** A feature's criteria in order (retired last), each with its verdict history. */
export async function listCriteria(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      approvedSpecRevisionId: true,
      approvedSpecRevision: { select: { successCriteria: true } },
      criteria: {
        select: {
          id: true,
          position: true,
          given: true,
          when: true,
          then: true,
          text: true,
          successCriterionKeys: true,
          specRevisionNumber: true,
          verdict: true,
          verdictAt: true,
          verdictSpecRevisionId: true,
          retiredAt: true,
          retiredReason: true,
          version: true,
          verdicts: { select: verdictHistorySelect, orderBy: { id: "desc" }, take: 20 },
        },
        orderBy: [{ position: "asc" }],
      },
    },
  });
  if (!feature) return null;
  const criteria = feature.criteria
    .map((c) => ({ ...c, reverify: !c.retiredAt && needsReverify(c, feature.approvedSpecRevisionId) }))
    .sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt));
  return {
    criteria,
    approvedSpecRevisionId: feature.approvedSpecRevisionId,
    // The approved spec's success criteria, which criteria can be linked to.
    successCriteria: readCriteria(feature.approvedSpecRevision?.successCriteria),
  };
}

export const QA_QUEUE_LIMIT = 200;

/**
 * QA's queue: active criteria of the team's live features that are untested
 * or need re-verifying, oldest first, grouped by feature.
 */
export async function listQaQueue(teamId: string) {
  const rows = await db.acceptanceCriterion.findMany({
    where: {
      retiredAt: null,
      feature: { teamId, stage: { notIn: ["RETIRED"] } },
    },
    select: {
      id: true,
      given: true,
      when: true,
      then: true,
      text: true,
      verdict: true,
      verdictSpecRevisionId: true,
      createdAt: true,
      feature: { select: { id: true, title: true, approvedSpecRevisionId: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const open = rows
    .filter((r) => r.verdict === "UNTESTED" || needsReverify(r, r.feature.approvedSpecRevisionId))
    .slice(0, QA_QUEUE_LIMIT)
    .map((r) => ({ ...r, reverify: r.verdict !== "UNTESTED" }));
  const groups = new Map<string, { feature: { id: string; title: string }; criteria: typeof open }>();
  for (const row of open) {
    const group = groups.get(row.feature.id) ?? { feature: { id: row.feature.id, title: row.feature.title }, criteria: [] };
    group.criteria.push(row);
    groups.set(row.feature.id, group);
  }
  return [...groups.values()];
}

/** Rows for the CSV export: one per criterion, with its latest verdict. */
export async function listCriteriaForExport(teamId: string, featureId?: string) {
  return db.acceptanceCriterion.findMany({
    where: { feature: { teamId }, ...(featureId ? { featureId } : {}) },
    select: {
      given: true,
      when: true,
      then: true,
      text: true,
      verdict: true,
      verdictAt: true,
      verdictSpecRevisionId: true,
      retiredAt: true,
      specRevisionNumber: true,
      feature: { select: { title: true, approvedSpecRevisionId: true } },
      verdicts: { select: { note: true, evidenceUrl: true, user: { select: { name: true } } }, orderBy: { id: "desc" }, take: 1 },
    },
    orderBy: [{ feature: { createdAt: "asc" } }, { position: "asc" }],
  });
}
