import "server-only";
import { cache } from "react";
import { commentsPage, shapeComments } from "@/lib/comments/queries";
import { db } from "@/lib/db";
import { isGateStage } from "@/lib/features/stages";
import { evaluateGate, type GateSettings, type GateStatus } from "@/lib/gates/definitions";
import { activeSignoffSelect, toActiveSignoffs, toGateFacts } from "@/lib/gates/facts";
import type { Stage } from "@/lib/generated/prisma/enums";
import { readinessScore } from "@/lib/readiness/rubric";

const DAY_MS = 24 * 60 * 60 * 1000;
export const STUCK_DAYS_DEFAULT = 14;

/**
 * Everything the feature page shows, in one joined query (Prisma's
 * relationJoins): the feature, its gate's facts and sign-offs, criteria,
 * comments, brief, readiness, the team's settings and people. Null for a
 * feature outside the team. Memoized per request, so the page's sections
 * share it.
 */
export const getFeature = cache(async (teamId: string, featureId: string, options: FeatureReadOptions = {}) => {
  const { userId, commentsBefore } = options;
  const row = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      id: true,
      title: true,
      summary: true,
      stage: true,
      pausedFrom: true,
      stageEnteredAt: true,
      currentPhase: true,
      version: true,
      createdAt: true,
      phases: { select: { id: true, position: true, name: true, targetMetrics: true }, orderBy: { position: "asc" } },
      responsibilities: {
        select: { id: true, userId: true, role: true, kind: true, user: { select: { id: true, name: true } } },
        orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      },
      transitions: {
        select: { id: true, fromStage: true, toStage: true, reason: true, createdAt: true },
        orderBy: { id: "asc" },
      },
      approvedSpecRevision: {
        select: { id: true, number: true, problem: true, customerContext: true, constraints: true, successCriteria: true },
      },
      specRevisions: { select: { number: true, status: true }, orderBy: { number: "desc" }, take: 1 },
      signoffRequests: {
        where: { resolvedAt: null },
        select: { id: true, gate: true, role: true, createdAt: true, requestedBy: { select: { name: true } } },
      },
      signoffs: { where: { revokedAt: null }, select: activeSignoffSelect(teamId), orderBy: { createdAt: "asc" } },
      // What the gate reads and the overview counts; the Criteria tab shows them.
      criteria: { select: { id: true, verdict: true, verdictSpecRevisionId: true, retiredAt: true } },
      readinessItems: { select: { code: true, halves: true, notApplicable: true, ownerId: true } },
      briefRevisions: {
        select: {
          id: true,
          number: true,
          createdAt: true,
          intendedUse: true,
          pocResults: true,
          failureModes: true,
          monitoring: true,
          author: { select: { name: true } },
        },
        orderBy: { number: "desc" },
        take: 1,
      },
      comments: commentsPage(commentsBefore),
      // Whether the reader has unseen mentions here (opening the page marks them seen).
      mentions: userId ? { where: { userId, seenAt: null }, select: { id: true }, take: 1 } : undefined,
      team: {
        select: {
          readinessBar: true,
          gateSettings: { select: { key: true, enabled: true } },
          memberships: {
            select: { roles: true, user: { select: { id: true, name: true, email: true } } },
            orderBy: { user: { name: "asc" } },
          },
        },
      },
    },
  });
  if (!row) return null;
  const facts = toGateFacts({
    ...row,
    criteria: row.criteria.filter((c) => !c.retiredAt),
  });
  let gate: GateStatus | null = null;
  if (isGateStage(row.stage)) {
    const settings: GateSettings = new Map(row.team.gateSettings.map((s) => [s.key, s.enabled]));
    const signoffs = toActiveSignoffs(row.signoffs, [row]).get(row.id) ?? [];
    gate = evaluateGate(row.stage, facts, settings, signoffs);
  }
  const brief = row.briefRevisions[0];
  return {
    ...row,
    gate,
    timeInStage: timeInStages(row.transitions),
    people: row.team.memberships,
    criteria: countVerdicts(facts.criteria),
    comments: shapeComments(row.comments),
    readiness: { bar: row.team.readinessBar, ...readinessScore(row.readinessItems) },
    brief: brief ? { number: brief.number, createdAt: brief.createdAt, intendedUse: brief.intendedUse, author: brief.author } : null,
    hasUnseenMentions: (row.mentions?.length ?? 0) > 0,
  };
});

/** Active criteria by latest verdict, for the overview. */
function countVerdicts(criteria: { verdict: string }[]) {
  const count = (verdict: string) => criteria.filter((c) => c.verdict === verdict).length;
  return { total: criteria.length, passed: count("PASSED"), failed: count("FAILED"), blocked: count("BLOCKED"), untested: count("UNTESTED") };
}

export type FeatureReadOptions = { userId?: string; commentsBefore?: string };

/** Days spent in each stage so far, from the append-only stage history. */
export function timeInStages(transitions: { toStage: Stage; createdAt: Date }[], now = new Date()) {
  const totals = new Map<Stage, number>();
  transitions.forEach((t, i) => {
    const end = transitions[i + 1]?.createdAt ?? now;
    totals.set(t.toStage, (totals.get(t.toStage) ?? 0) + (end.getTime() - t.createdAt.getTime()));
  });
  return [...totals].map(([stage, ms]) => ({ stage, days: ms / DAY_MS }));
}

export const ACTIVITY_PAGE_SIZE = 50;

/**
 * The feature's activity timeline, newest first, keyset-paginated; only the
 * event kinds in `filter.actions` and by `filter.actorId` when given.
 */
export async function listFeatureActivity(
  teamId: string,
  featureId: string,
  before?: bigint,
  size = ACTIVITY_PAGE_SIZE,
  filter: { actions?: readonly string[]; actorId?: string } = {},
) {
  const rows = await db.auditEvent.findMany({
    where: {
      teamId,
      featureId,
      ...(before ? { id: { lt: before } } : {}),
      ...(filter.actions ? { action: { in: [...filter.actions] } } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
    },
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
    orderBy: { id: "desc" },
    take: size + 1,
  });
  return {
    events: rows.slice(0, size),
    nextCursor: rows.length > size ? rows[size - 1]!.id : undefined,
  };
}

/** Members of the team with their roles, for pickers. */
export function listTeamPeople(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    select: { roles: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
}
