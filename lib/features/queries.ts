import "server-only";
import { db } from "@/lib/db";
import { factsSelect, loadActiveSignoffs, loadGateFacts, loadGateSettings, toGateFacts } from "@/lib/features/facts";
import { GATES, isGateStage, type GateStage } from "@/lib/features/stages";
import { evaluateGate, signoffRoles, type GateStatus } from "@/lib/gates/definitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Role, Stage } from "@/lib/generated/prisma/enums";

const DAY_MS = 24 * 60 * 60 * 1000;
export const BOARD_COLUMN_SIZE = 20;
export const STAGE_LIST_PAGE_SIZE = 50;
export const STUCK_DAYS_DEFAULT = 14;

export type BoardFilters = {
  q?: string;
  phase?: number;
  person?: string;
  waitingOn?: Role;
  stuckDays?: number;
};

export function daysSince(date: Date, now = Date.now()) {
  return Math.floor((now - date.getTime()) / DAY_MS);
}

/** The filters as a WHERE clause, team first. */
function boardWhere(teamId: string, filters: BoardFilters, settings: ReadonlyMap<string, boolean>) {
  const and: Prisma.FeatureWhereInput[] = [{ teamId }];
  if (filters.q) {
    and.push({
      OR: [
        { title: { contains: filters.q, mode: "insensitive" } },
        { summary: { contains: filters.q, mode: "insensitive" } },
      ],
    });
  }
  if (filters.phase) and.push({ currentPhase: filters.phase });
  if (filters.person) and.push({ responsibilities: { some: { userId: filters.person } } });
  if (filters.stuckDays !== undefined) {
    and.push({ stageEnteredAt: { lt: new Date(Date.now() - filters.stuckDays * DAY_MS) } });
  }
  if (filters.waitingOn) {
    const role = filters.waitingOn;
    // At a gate that asks this role to sign, with no active sign-off in it.
    const gates = GATES.filter((gate) => signoffRoles(gate, settings).includes(role));
    and.push({
      OR: gates.length
        ? gates.map((gate) => ({ stage: gate, signoffs: { none: { gate, role, revokedAt: null } } }))
        : [{ id: { in: [] } }],
    });
  }
  return { AND: and };
}

// Everything a card shows and its next gate reads, in one joined query.
const cardSelect = {
  id: true,
  title: true,
  summary: true,
  stage: true,
  stageEnteredAt: true,
  currentPhase: true,
  phases: { select: { position: true, name: true, targetMetrics: true }, orderBy: { position: "asc" } },
  responsibilities: { select: { userId: true, role: true, kind: true, user: { select: { name: true } } } },
  approvedSpecRevision: factsSelect.approvedSpecRevision,
  criteria: factsSelect.criteria,
  readinessItems: factsSelect.readinessItems,
  team: factsSelect.team,
  briefRevisions: factsSelect.briefRevisions,
} satisfies Prisma.FeatureSelect;

type CardRow = Prisma.FeatureGetPayload<{ select: typeof cardSelect }>;

export type BoardCard = {
  id: string;
  title: string;
  stage: Stage;
  phaseName: string | null;
  accountable: string | null;
  daysInStage: number;
  waitingOn: Role[];
  missing: number;
  failedCriteria: number;
};

/** Card view models, with each card's next gate evaluated (fixed query count). */
async function toCards(teamId: string, rows: CardRow[], settings: ReadonlyMap<string, boolean>) {
  const signoffs = await loadActiveSignoffs(
    db,
    teamId,
    rows.filter((row) => isGateStage(row.stage)),
  );
  const now = Date.now();
  return rows.map((row): BoardCard => {
    const status = isGateStage(row.stage)
      ? evaluateGate(row.stage, toGateFacts(row), settings, signoffs.get(row.id) ?? [])
      : null;
    return {
      id: row.id,
      title: row.title,
      stage: row.stage,
      phaseName: row.phases.find((p) => p.position === row.currentPhase)?.name ?? null,
      accountable: row.responsibilities.find((r) => r.kind === "ACCOUNTABLE")?.user.name ?? null,
      daysInStage: daysSince(row.stageEnteredAt, now),
      waitingOn: status?.waitingOn ?? [],
      failedCriteria: row.criteria.filter((c) => c.verdict === "FAILED").length,
      missing: status
        ? status.requirements.filter((r) => !r.met).length + status.signoffs.filter((s) => !s.given.length).length
        : 0,
    };
  });
}

const BOARD_STAGES = [
  Stage.IDEA,
  Stage.POC,
  Stage.BUILD,
  Stage.VALIDATION,
  Stage.PRODUCTION,
  Stage.PAUSED,
  Stage.RETIRED,
] as const;

/**
 * The board: counts per stage and the first cards of each column, oldest in
 * stage first (the ones most likely stuck). The number of queries does not
 * depend on how many features the team has.
 */
export async function getBoard(teamId: string, filters: BoardFilters) {
  const settings = await loadGateSettings(db, teamId);
  const where = boardWhere(teamId, filters, settings);
  const [counts, rows] = await Promise.all([
    db.feature.groupBy({ by: ["stage"], where, _count: { _all: true } }),
    // One query: the first N of each stage via a lateral join would need raw
    // SQL; seven small indexed queries keep it in Prisma and stay fixed.
    Promise.all(
      BOARD_STAGES.map((stage) =>
        db.feature.findMany({
          where: { AND: [where, { stage }] },
          select: cardSelect,
          orderBy: [{ stageEnteredAt: "asc" }, { id: "asc" }],
          take: BOARD_COLUMN_SIZE,
        }),
      ),
    ),
  ]);
  const cards = await toCards(teamId, rows.flat(), settings);
  const countOf = new Map(counts.map((c) => [c.stage, c._count._all]));
  return BOARD_STAGES.map((stage) => ({
    stage,
    count: countOf.get(stage) ?? 0,
    cards: cards.filter((card) => card.stage === stage),
  }));
}

/** One stage's features, paginated, for "show all" from a board column. */
export async function listStageFeatures(teamId: string, stage: Stage, filters: BoardFilters, page: number) {
  const settings = await loadGateSettings(db, teamId);
  const where = { AND: [boardWhere(teamId, filters, settings), { stage }] };
  const [total, rows] = await Promise.all([
    db.feature.count({ where }),
    db.feature.findMany({
      where,
      select: cardSelect,
      orderBy: [{ stageEnteredAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * STAGE_LIST_PAGE_SIZE,
      take: STAGE_LIST_PAGE_SIZE,
    }),
  ]);
  return { total, cards: await toCards(teamId, rows, settings) };
}

/** Everything the feature page shows, or null for a feature outside the team. */
export async function getFeature(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
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
        select: { id: true, role: true, kind: true, user: { select: { id: true, name: true } } },
        orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      },
      transitions: {
        select: { id: true, fromStage: true, toStage: true, reason: true, createdAt: true },
        orderBy: { id: "asc" },
      },
      approvedSpecRevision: { select: { number: true, problem: true } },
      specRevisions: { select: { number: true, status: true }, orderBy: { number: "desc" }, take: 1 },
      signoffRequests: {
        where: { resolvedAt: null },
        select: { id: true, gate: true, role: true, createdAt: true, requestedBy: { select: { name: true } } },
      },
    },
  });
  if (!feature) return null;
  let gate: GateStatus | null = null;
  if (isGateStage(feature.stage)) {
    const [settings, facts, signoffs] = await Promise.all([
      loadGateSettings(db, teamId),
      loadGateFacts(db, teamId, [featureId]),
      loadActiveSignoffs(db, teamId, [feature]),
    ]);
    gate = evaluateGate(feature.stage, facts.get(featureId)!, settings, signoffs.get(featureId) ?? []);
  }
  return { ...feature, gate, timeInStage: timeInStages(feature.transitions) };
}

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

/** The feature's activity timeline, newest first, keyset-paginated. */
export async function listFeatureActivity(teamId: string, featureId: string, before?: bigint) {
  const rows = await db.auditEvent.findMany({
    where: { teamId, featureId, ...(before ? { id: { lt: before } } : {}) },
    select: {
      id: true,
      action: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
    orderBy: { id: "desc" },
    take: ACTIVITY_PAGE_SIZE + 1,
  });
  return {
    events: rows.slice(0, ACTIVITY_PAGE_SIZE),
    nextCursor: rows.length > ACTIVITY_PAGE_SIZE ? rows[ACTIVITY_PAGE_SIZE - 1]!.id : undefined,
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

/** What waits on the user, per role they hold. */
export async function getMyWork(teamId: string, userId: string, roles: Role[]) {
  const settings = await loadGateSettings(db, teamId);
  const stuckBefore = new Date(Date.now() - STUCK_DAYS_DEFAULT * DAY_MS);
  const reviews = roles.includes(Role.PM) || roles.includes(Role.LEAD);
  const [requests, stuck, specReviews] = await Promise.all([
    db.signoffRequest.findMany({
      where: { resolvedAt: null, role: { in: roles }, feature: { teamId } },
      select: {
        id: true,
        gate: true,
        role: true,
        createdAt: true,
        requestedBy: { select: { name: true } },
        feature: { select: { id: true, title: true, stage: true } },
      },
      orderBy: { createdAt: "asc" },
      take: 100,
    }),
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
      orderBy: { stageEnteredAt: "asc" },
      take: 100,
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
            feature: { select: { id: true, title: true } },
          },
          orderBy: { createdAt: "asc" },
          take: 100,
        })
      : Promise.resolve([]),
  ]);
  // A request counts only while the feature is still at that gate and the
  // gate still asks for the role.
  const openRequests = requests.filter(
    (r) => r.feature.stage === r.gate && isGateStage(r.gate) && signoffRoles(r.gate as GateStage, settings).includes(r.role),
  );
  return {
    signoffRequests: openRequests.map((r) => ({ ...r, daysWaiting: daysSince(r.createdAt) })),
    stuck: stuck.map((f) => ({ ...f, daysInStage: daysSince(f.stageEnteredAt) })),
    specReviews,
  };
}
