import "server-only";
import { db } from "@/lib/db";
import { readCriteria } from "@/lib/specs/completeness";

const revisionSelect = {
  id: true,
  number: true,
  status: true,
  problem: true,
  customerContext: true,
  constraints: true,
  successCriteria: true,
  phases: true,
  outOfScope: true,
  openQuestions: true,
  createdAt: true,
  authorId: true,
  author: { select: { name: true } },
} as const;


function view<T extends { successCriteria: unknown }>(row: T) {
  return { ...row, successCriteria: readCriteria(row.successCriteria) };
}

/**
 * The feature (team-scoped), its latest revision with its review decisions,
 * and the approved revision with who approved it and when.
 */
export async function getSpecPage(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      id: true,
      title: true,
      approvedSpecRevision: { select: revisionSelect },
      specRevisions: { select: revisionSelect, orderBy: { number: "desc" }, take: 1 },
    },
  });
  if (!feature) return null;
  const latest = feature.specRevisions[0];
  const approved = feature.approvedSpecRevision;
  const revisionIds = [...new Set([latest?.id, approved?.id].filter((id): id is string => !!id))];
  const reviews = revisionIds.length
    ? await db.specReview.findMany({
        where: { revisionId: { in: revisionIds } },
        select: { id: true, revisionId: true, decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const approval = approved ? reviews.filter((r) => r.revisionId === approved.id && r.decision === "APPROVED").at(-1) ?? null : null;
  return {
    id: feature.id,
    title: feature.title,
    approvedNumber: approved?.number ?? null,
    approved: approved ? view(approved) : null,
    approval,
    latest: latest ? view(latest) : null,
    reviews: latest ? reviews.filter((r) => r.revisionId === latest.id) : [],
  };
}

export async function getRevision(teamId: string, featureId: string, number: number) {
  const row = await db.specRevision.findFirst({
    where: { featureId, number, feature: { teamId } },
    select: revisionSelect,
  });
  return row ? view(row) : null;
}

export const REVISIONS_PAGE_SIZE = 50;

/** Revisions of a feature's spec, newest first. */
export async function listRevisions(teamId: string, featureId: string, page = 1) {
  const where = { featureId, feature: { teamId } };
  const [total, rows] = await Promise.all([
    db.specRevision.count({ where }),
    db.specRevision.findMany({
      where,
      select: { number: true, status: true, createdAt: true, author: { select: { name: true } } },
      orderBy: { number: "desc" },
      skip: (page - 1) * REVISIONS_PAGE_SIZE,
      take: REVISIONS_PAGE_SIZE,
    }),
  ]);
  return { total, rows };
}

/** Approved (else latest) spec of every feature of the team, for export. */
export async function listTeamSpecs(teamId: string) {
  const features = await db.feature.findMany({
    where: { teamId },
    select: {
      title: true,
      stage: true,
      approvedSpecRevision: { select: revisionSelect },
      specRevisions: { select: revisionSelect, orderBy: { number: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "asc" },
  });
  return features.map((f) => {
    const revision = f.approvedSpecRevision ?? f.specRevisions[0] ?? null;
    return { title: f.title, stage: f.stage, revision: revision ? view(revision) : null };
  });
}
