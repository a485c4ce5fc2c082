import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role, Stage, Verdict } from "@/lib/generated/prisma/enums";
import { NEXT_PHASE_REASON_SQL_PATTERN } from "@/lib/insights/definitions";

// One feature's own history for its timeline: stays in each stage (bars over
// time), sign-offs and QA verdicts (marks). One statement; team and feature
// in every WHERE, so another team's feature id finds nothing.

export const TIMELINE_MARK_LIMIT = 200;
const HOUR = 60 * 60 * 1000;

type TimelineJson = {
  stays: { stage: Stage; from: string; until: string | null; phase: number }[] | null;
  signoffs: { gate: Stage; role: Role; at: string }[] | null;
  verdicts: { verdict: Verdict; at: string; criterion: number }[] | null;
};

export async function getFeatureTimeline(teamId: string, featureId: string) {
  const nextPhase = Prisma.raw(`'${NEXT_PHASE_REASON_SQL_PATTERN}'`);
  const [row] = await db.$queryRaw<{ timeline: TimelineJson }[]>`
    WITH feature AS (
      SELECT id FROM "Feature" WHERE id = ${featureId}::uuid AND "teamId" = ${teamId}::uuid
    ),
    moves AS (
      SELECT st.id, st."toStage" AS stage, st."createdAt" AS at,
             lead(st."createdAt") OVER w AS until,
             1 + count(*) FILTER (WHERE st."fromStage" = 'PRODUCTION' AND st."toStage" = 'POC' AND st.reason ~ ${nextPhase}) OVER w AS phase
      FROM "StageTransition" st JOIN feature f ON f.id = st."featureId"
      WINDOW w AS (ORDER BY st."createdAt", st.id)
    )
    SELECT json_build_object(
      'stays', (SELECT json_agg(json_build_object('stage', stage, 'from', at, 'until', until, 'phase', phase) ORDER BY at, id) FROM moves),
      'signoffs', (
        SELECT json_agg(json_build_object('gate', g.gate, 'role', g.role, 'at', g."createdAt") ORDER BY g."createdAt", g.id)
        FROM (SELECT g.id, g.gate, g.role, g."createdAt" FROM "GateSignoff" g JOIN feature f ON f.id = g."featureId"
              ORDER BY g."createdAt" DESC LIMIT ${TIMELINE_MARK_LIMIT}) g),
      'verdicts', (
        SELECT json_agg(json_build_object('verdict', v.verdict, 'at', v."createdAt", 'criterion', v.position) ORDER BY v."createdAt", v.id)
        FROM (SELECT v.id, v.verdict, v."createdAt", c.position
              FROM "CriterionVerdict" v
              JOIN "AcceptanceCriterion" c ON c.id = v."criterionId"
              JOIN feature f ON f.id = c."featureId"
              ORDER BY v."createdAt" DESC, v.id DESC LIMIT ${TIMELINE_MARK_LIMIT}) v)
    ) AS timeline`;
  const t = row?.timeline;
  return {
    // Open stays run to "now", to the hour, so a drawing can be kept for the hour (memoChart).
    asOf: new Date(Math.floor(Date.now() / HOUR) * HOUR),
    stays: (t?.stays ?? []).map((s) => ({ ...s, from: new Date(s.from), until: s.until ? new Date(s.until) : null })),
    signoffs: (t?.signoffs ?? []).map((s) => ({ ...s, at: new Date(s.at) })),
    verdicts: (t?.verdicts ?? []).map((v) => ({ ...v, at: new Date(v.at) })),
  };
}

export type FeatureTimelineData = Awaited<ReturnType<typeof getFeatureTimeline>>;
