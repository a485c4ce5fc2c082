import "server-only";
import { db } from "@/lib/db";
import { loadGateSettings } from "@/lib/gates/facts";
import { daysSince } from "@/lib/features/board";
import { STUCK_DAYS_DEFAULT } from "@/lib/features/queries";
import { GATES } from "@/lib/features/stages";
import { signoffRoles } from "@/lib/gates/definitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Role, Stage } from "@/lib/generated/prisma/enums";

/** Rows each list of My work shows at most; the page says when more wait. */
export const MY_WORK_LIST_SIZE = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A list read one row past its bound, so the page can say that more exist. */
function bounded<T>(rows: T[]) {
  return { items: rows.slice(0, MY_WORK_LIST_SIZE), more: rows.length > MY_WORK_LIST_SIZE };
}

/**
 * What waits on the user, per role they hold: each list bounded, oldest
 * first. A fixed number of queries: the team's gate settings, then the three
 * lists at once.
 */
export async function getMyWork(teamId: string, userId: string, roles: Role[]) {
  const settings = await loadGateSettings(db, teamId);
  const stuckBefore = new Date(Date.now() - STUCK_DAYS_DEFAULT * DAY_MS);
  const reviews = roles.includes(Role.PM) || roles.includes(Role.LEAD);
  // A request counts only while its feature still sits at that gate and the
  // gate still asks for the role. Said in the WHERE, not filtered afterwards,
  // so the bound never hides an open request behind stale ones.
  const openRequests: Prisma.SignoffRequestWhereInput[] = GATES.flatMap((gate) => {
    const asked = signoffRoles(gate, settings).filter((role) => roles.includes(role));
    return asked.length ? [{ gate, role: { in: asked }, feature: { teamId, stage: gate } }] : [];
  });
  const [requests, stuck, specReviews, gates] = await Promise.all([
    openRequests.length
      ? db.signoffRequest.findMany({
          where: { resolvedAt: null, OR: openRequests },
          select: {
            id: true,
            gate: true,
            role: true,
            createdAt: true,
            requestedBy: { select: { name: true } },
            feature: { select: { id: true, title: true, stage: true } },
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: MY_WORK_LIST_SIZE + 1,
        })
      : Promise.resolve([]),
    db.feature.findMany({
      where: {
        teamId,
        stageEnteredAt: { lt: stuckBefore },
        stage: { notIn: [Stage.PRODUCTION, Stage.RETIRED, Stage.PAUSED] },
        responsibilities: { some: { userId, kind: { in: ["ACCOUNTABLE", "RESPONSIBLE"] } } },
      },
      select: {
        id: true,
        title: true,
        stage: true,
        stageEnteredAt: true,
        responsibilities: { where: { userId }, select: { kind: true, role: true } },
      },
      orderBy: [{ stageEnteredAt: "asc" }, { id: "asc" }],
      take: MY_WORK_LIST_SIZE + 1,
    }),
    // Spec revisions waiting for a reviewer: another PM or the lead.
    reviews
      ? db.specRevision.findMany({
          where: { status: "IN_REVIEW", feature: { teamId }, NOT: { authorId: userId } },
          select: {
            id: true,
            number: true,
            createdAt: true,
            author: { select: { name: true } },
            feature: { select: { id: true, title: true, stage: true } },
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: MY_WORK_LIST_SIZE + 1,
        })
      : Promise.resolve([]),
    gatesWaitingOn(teamId, userId, roles),
  ]);
  return {
    gates: bounded(gates.map((g) => ({ ...g, daysAtGate: daysSince(g.stageEnteredAt) }))),
    signoffRequests: bounded(requests.map((r) => ({ ...r, daysWaiting: daysSince(r.createdAt) }))),
    stuck: bounded(stuck.map((f) => ({ ...f, daysInStage: daysSince(f.stageEnteredAt) }))),
    specReviews: bounded(specReviews),
  };
}

/**
 * Features whose gate waits on one of the person's roles (a requirement that
 * role can make true, or its sign-off), from the stored gate summaries: for
 * each such role, the person is Responsible in it on the feature, or nobody
 * is. Oldest at the gate first, one past the bound.
 */
function gatesWaitingOn(teamId: string, userId: string, roles: Role[]) {
  if (roles.length === 0) return Promise.resolve([]);
  return db.$queryRaw<{ id: string; title: string; stage: Stage; stageEnteredAt: Date; missing: number; roles: Role[] }[]>`
    SELECT * FROM (
      SELECT f.id, f.title, f.stage, f."stageEnteredAt", f."gateMissing" AS missing,
        ARRAY(
          SELECT w FROM unnest(f."gateWaitingOn") AS w
          WHERE w = ANY(${roles}::"Role"[])
            AND (
              EXISTS (
                SELECT 1 FROM "Responsibility" r
                WHERE r."featureId" = f.id AND r.role = w AND r.kind = 'RESPONSIBLE' AND r."userId" = ${userId}::uuid
              )
              OR NOT EXISTS (
                SELECT 1 FROM "Responsibility" r WHERE r."featureId" = f.id AND r.role = w AND r.kind = 'RESPONSIBLE'
              )
            )
          ORDER BY w
        )::text[] AS roles
      FROM "Feature" f
      WHERE f."teamId" = ${teamId}::uuid
        AND f.stage IN ('IDEA', 'POC', 'BUILD', 'VALIDATION')
        AND f."gateWaitingOn" && ${roles}::"Role"[]
    ) waiting
    WHERE cardinality(roles) > 0
    ORDER BY "stageEnteredAt", id
    LIMIT ${MY_WORK_LIST_SIZE + 1}`;
}
