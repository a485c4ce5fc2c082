import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import {
  DAYS_PER_MONTH,
  LEAD_TIME_EDGES_MONTHS,
  NEXT_PHASE_REASON_SQL_PATTERN,
  type StopKind,
  type TimedStage,
} from "@/lib/insights/definitions";

// Every Insights figure, computed in Postgres: two statements per page view
// whatever the team's size (the history, and today's picture), each with the
// team in its WHERE. The words in lib/insights/definitions.ts say what each
// figure counts; the SQL below is those words.

export type InsightsQuery = {
  teamId: string;
  /** [from, to): UTC instants. */
  from: Date;
  to: Date;
  phase: number | null;
  /** "Now", for ages of what is still open (a parameter so tests can fix it). */
  now?: Date;
};

const PIPELINE = Prisma.raw(`ARRAY['IDEA','POC','BUILD','VALIDATION','PRODUCTION']::"Stage"[]`);
const NEXT_PHASE = Prisma.raw(`'${NEXT_PHASE_REASON_SQL_PATTERN}'`);
const LEAD_EDGES = Prisma.raw(`ARRAY[${LEAD_TIME_EDGES_MONTHS.join(",")}]::float8[]`);
const DAY_SECONDS = 86400;

/**
 * The shared part of the history statement:
 * - moves: the team's stage history, each move with the end of the stay it
 *   starts (the next move), the stage before, and its phase (1 + the number
 *   of "next phase" moves up to it);
 * - journeys: one row per feature and phase (a trip), with where it started,
 *   the furthest pipeline stage it reached, its first POC and PRODUCTION
 *   entries, its last move's stage, and when the next phase replaced it;
 * - bounds: the range, its months (UTC) clamped to the team's first move.
 */
function historyCtes(q: InsightsQuery) {
  const nextPhase = Prisma.sql`coalesce(st."fromStage" = 'PRODUCTION' AND st."toStage" = 'POC' AND st.reason ~ ${NEXT_PHASE}, false)`;
  return Prisma.sql`
    moves AS MATERIALIZED (
      SELECT st.id,
             st."featureId" AS feature_id,
             st."fromStage" AS from_stage,
             st."toStage" AS to_stage,
             st.reason,
             st."createdAt" AS at,
             lead(st."createdAt") OVER w AS until,
             lag(st."fromStage") OVER w AS prev_from,
             ${nextPhase} AS next_phase,
             -- The last move of its phase: no move after it, or the next one starts a phase.
             coalesce(lead(${nextPhase}) OVER w, true) AS last_in_phase,
             1 + count(*) FILTER (WHERE ${nextPhase}) OVER w AS phase,
             first_value(array_position(${PIPELINE}, st."toStage") - 1) OVER w AS first_idx,
             array_position(${PIPELINE}, st."toStage") - 1 AS to_idx,
             array_position(${PIPELINE}, st."fromStage") - 1 AS from_idx
      FROM "StageTransition" st
      JOIN "Feature" f ON f.id = st."featureId"
      WHERE f."teamId" = ${q.teamId}::uuid
      WINDOW w AS (PARTITION BY st."featureId" ORDER BY st."createdAt", st.id)
    ),
    journeys AS MATERIALIZED (
      SELECT feature_id,
             phase,
             min(at) AS started_at,
             -- Phase 1 starts where the feature was created (Idea); later phases in Proof of concept.
             CASE WHEN phase = 1 THEN min(first_idx) ELSE 1 END AS start_idx,
             max(to_idx) AS max_idx,
             min(at) FILTER (WHERE to_stage = 'POC') AS poc_at,
             min(at) FILTER (WHERE to_stage = 'PRODUCTION') AS prod_at,
             coalesce(bool_or(last_in_phase AND to_stage = 'RETIRED'), false) AS retired,
             coalesce(lead(min(at)) OVER (PARTITION BY feature_id ORDER BY phase), 'infinity'::timestamptz) AS ended_at
      FROM moves
      GROUP BY feature_id, phase
    ),
    bounds AS (
      SELECT ${q.from}::timestamptz AS lo, ${q.to}::timestamptz AS hi,
             greatest(${q.from}::timestamptz, (SELECT min(at) FROM moves)) AS first_month_at
    ),
    months AS (
      SELECT generate_series(
               date_trunc('month', b.first_month_at AT TIME ZONE 'UTC'),
               (b.hi AT TIME ZONE 'UTC') - interval '1 millisecond',
               interval '1 month') AS month
      FROM bounds b
      WHERE b.first_month_at IS NOT NULL
    ),
    in_phase AS (SELECT ${q.phase}::int AS phase)`;
}

/**
 * The phase (trip) an event of a feature at time `at` belongs to, as a join
 * on the trips (hashed on the feature): only made when a phase is chosen,
 * since every event counts otherwise.
 */
function phaseJoin(q: InsightsQuery, alias: string, featureId: Prisma.Sql, at: Prisma.Sql) {
  const j = Prisma.raw(alias);
  return q.phase === null
    ? { column: Prisma.sql`NULL::int`, join: Prisma.empty }
    : {
        column: Prisma.sql`${j}.phase`,
        join: Prisma.sql`LEFT JOIN journeys ${j} ON ${j}.feature_id = ${featureId} AND ${at} >= ${j}.started_at AND ${at} < ${j}.ended_at`,
      };
}

type FunnelRow = { idx: number; reached: number; passed: number; retired: number };
type StageTimeRow = { stage: TimedStage; stays: number; median: number; p90: number };
type StageTrendRow = { month: string; stage: TimedStage; stays: number; median: number };
type LeadStats = { n: number; median: number | null; p90: number | null; mean: number | null };
type LeadBinRow = { bin: number; n: number };
type ThroughputRow = { month: string; n: number };
type StopStageRow = { stage: Stage; kind: StopKind; n: number };
type StopReasonRow = { reason: string; n: number; paused: number; retired: number; moved_back: number };
type LatencyRow = { role: Role; answered: number; median: number | null; p90: number | null; open: number; oldest_open: number | null };
type QaRow = {
  first_verdicts: number;
  first_passed: number;
  first_failed: number;
  first_blocked: number;
  verdicts: number;
  reverifications: number;
};

type HistoryJson = {
  months: string[] | null;
  funnel: FunnelRow[];
  poc: { entered: number; production: number; retired: number };
  stage_times: StageTimeRow[] | null;
  stage_trend: StageTrendRow[] | null;
  lead: LeadStats;
  lead_bins: LeadBinRow[] | null;
  throughput: ThroughputRow[] | null;
  stops_by_stage: StopStageRow[] | null;
  stops_by_reason: StopReasonRow[] | null;
  stops_total: number;
  latency: LatencyRow[] | null;
  qa: QaRow;
};

/** The figures over the range: one statement. */
export async function getInsightsHistory(q: InsightsQuery) {
  const now = q.now ?? new Date();
  const askPhase = phaseJoin(q, "aj", Prisma.sql`r."featureId"`, Prisma.sql`r."createdAt"`);
  const verdictPhase = phaseJoin(q, "vj", Prisma.sql`v.feature_id`, Prisma.sql`v.at`);
  const [row] = await db.$queryRaw<{ insights: HistoryJson }[]>`
    WITH ${historyCtes(q)},
    -- The funnel's trips, by their shape: a handful of rows whatever the team's size.
    cohort AS (
      SELECT j.start_idx, j.max_idx, j.retired, count(*)::int AS n
      FROM journeys j, bounds b, in_phase p
      WHERE j.started_at >= b.lo AND j.started_at < b.hi AND (p.phase IS NULL OR j.phase = p.phase)
      GROUP BY 1, 2, 3
    ),
    funnel AS (
      SELECT s.idx,
             coalesce(sum(c.n) FILTER (WHERE c.start_idx <= s.idx AND c.max_idx >= s.idx), 0)::int AS reached,
             coalesce(sum(c.n) FILTER (WHERE c.start_idx <= s.idx AND c.max_idx > s.idx), 0)::int AS passed,
             coalesce(sum(c.n) FILTER (WHERE c.start_idx <= s.idx AND c.max_idx = s.idx AND c.retired), 0)::int AS retired
      FROM generate_series(0, 4) AS s(idx)
      LEFT JOIN cohort c ON true
      GROUP BY s.idx
    ),
    poc AS (
      SELECT coalesce(sum(n) FILTER (WHERE start_idx <= 1 AND max_idx >= 1), 0)::int AS entered,
             coalesce(sum(n) FILTER (WHERE start_idx <= 1 AND max_idx = 4), 0)::int AS production,
             coalesce(sum(n) FILTER (WHERE start_idx <= 1 AND max_idx BETWEEN 1 AND 3 AND retired), 0)::int AS retired
      FROM cohort
    ),
    stays AS (
      SELECT m.to_stage AS stage,
             extract(epoch FROM m.until - m.at) / ${DAY_SECONDS} AS days,
             date_trunc('month', m.until AT TIME ZONE 'UTC') AS month
      FROM moves m, bounds b, in_phase p
      WHERE m.to_stage IN ('IDEA', 'POC', 'BUILD', 'VALIDATION', 'PAUSED')
        AND m.until >= b.lo AND m.until < b.hi
        AND (p.phase IS NULL OR m.phase = p.phase)
    ),
    stage_times AS (
      SELECT stage, count(*)::int AS stays,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
      FROM stays GROUP BY stage
    ),
    stage_trend AS (
      SELECT to_char(month, 'YYYY-MM') AS month, stage, count(*)::int AS stays,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median
      FROM stays GROUP BY month, stage
    ),
    leads AS (
      SELECT extract(epoch FROM j.prod_at - j.poc_at) / ${DAY_SECONDS} AS days
      FROM journeys j, bounds b, in_phase p
      WHERE j.prod_at >= b.lo AND j.prod_at < b.hi
        AND j.poc_at IS NOT NULL AND j.poc_at <= j.prod_at
        AND (p.phase IS NULL OR j.phase = p.phase)
    ),
    lead AS (
      SELECT count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90,
             avg(days)::float8 AS mean
      FROM leads
    ),
    lead_bins AS (
      SELECT width_bucket((days / ${DAYS_PER_MONTH})::float8, ${LEAD_EDGES}) AS bin, count(*)::int AS n
      FROM leads GROUP BY 1
    ),
    throughput AS (
      SELECT to_char(mo.month, 'YYYY-MM') AS month, count(j.feature_id)::int AS n
      FROM months mo
      CROSS JOIN bounds b
      CROSS JOIN in_phase p
      LEFT JOIN journeys j
        ON date_trunc('month', j.prod_at AT TIME ZONE 'UTC') = mo.month
       AND j.prod_at >= b.lo AND j.prod_at < b.hi
       AND (p.phase IS NULL OR j.phase = p.phase)
      GROUP BY mo.month
    ),
    stops AS (
      SELECT CASE WHEN m.to_stage = 'PAUSED' THEN 'paused'
                  WHEN m.to_stage = 'RETIRED' THEN 'retired'
                  ELSE 'moved_back' END AS kind,
             CASE WHEN m.from_stage = 'PAUSED' THEN m.prev_from ELSE m.from_stage END AS stage,
             coalesce(nullif(btrim(m.reason), ''), '(no reason given)') AS reason
      FROM moves m, bounds b, in_phase p
      WHERE m.at >= b.lo AND m.at < b.hi
        AND (p.phase IS NULL OR m.phase = p.phase)
        AND (m.to_stage IN ('PAUSED', 'RETIRED') OR (m.to_idx < m.from_idx AND NOT m.next_phase))
    ),
    stops_by_stage AS (
      SELECT stage, kind, count(*)::int AS n FROM stops GROUP BY stage, kind
    ),
    stops_by_reason AS (
      SELECT min(reason) AS reason, count(*)::int AS n,
             count(*) FILTER (WHERE kind = 'paused')::int AS paused,
             count(*) FILTER (WHERE kind = 'retired')::int AS retired,
             count(*) FILTER (WHERE kind = 'moved_back')::int AS moved_back
      FROM stops
      GROUP BY lower(regexp_replace(reason, '[[:space:]]+', ' ', 'g'))
      ORDER BY count(*) DESC, min(reason)
      LIMIT 10
    ),
    asks AS (
      SELECT r.role, r."createdAt" AS asked_at, r."resolvedAt" AS resolved_at, s.signed_at, ${askPhase.column} AS phase
      FROM "SignoffRequest" r
      JOIN "Feature" f ON f.id = r."featureId"
      ${askPhase.join}
      LEFT JOIN LATERAL (
        SELECT min(g."createdAt") AS signed_at
        FROM "GateSignoff" g
        WHERE g."featureId" = r."featureId" AND g.gate = r.gate AND g.role = r.role
          AND g."createdAt" >= r."createdAt"
          AND g."createdAt" <= coalesce(r."resolvedAt", 'infinity'::timestamptz)
      ) s ON true
      WHERE f."teamId" = ${q.teamId}::uuid
    ),
    answered AS (
      SELECT a.role,
             count(*)::int AS answered,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.signed_at - a.asked_at) / ${DAY_SECONDS}) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.signed_at - a.asked_at) / ${DAY_SECONDS}) AS p90
      FROM asks a, bounds b, in_phase p
      WHERE a.signed_at >= b.lo AND a.signed_at < b.hi AND (p.phase IS NULL OR a.phase = p.phase)
      GROUP BY a.role
    ),
    open_asks AS (
      SELECT a.role, count(*)::int AS open,
             max(extract(epoch FROM ${now}::timestamptz - a.asked_at)) / ${DAY_SECONDS} AS oldest_open
      FROM asks a, in_phase p
      WHERE a.resolved_at IS NULL AND (p.phase IS NULL OR a.phase = p.phase)
      GROUP BY a.role
    ),
    latency AS (
      SELECT coalesce(an.role, op.role) AS role,
             coalesce(an.answered, 0) AS answered, an.median, an.p90,
             coalesce(op.open, 0) AS open, op.oldest_open
      FROM answered an FULL JOIN open_asks op ON op.role = an.role
    ),
    verdicts AS (
      SELECT v.verdict, v."createdAt" AS at, c."featureId" AS feature_id,
             row_number() OVER w AS n,
             lag(v."specRevisionId") OVER w AS prev_spec,
             v."specRevisionId" AS spec
      FROM "CriterionVerdict" v
      JOIN "AcceptanceCriterion" c ON c.id = v."criterionId"
      JOIN "Feature" f ON f.id = c."featureId"
      WHERE f."teamId" = ${q.teamId}::uuid AND v.verdict <> 'UNTESTED'
      WINDOW w AS (PARTITION BY v."criterionId" ORDER BY v."createdAt", v.id)
    ),
    verdicts_in AS (
      SELECT v.* FROM verdicts v
      CROSS JOIN bounds b
      CROSS JOIN in_phase p
      ${verdictPhase.join}
      WHERE v.at >= b.lo AND v.at < b.hi AND (p.phase IS NULL OR ${verdictPhase.column} = p.phase)
    ),
    qa AS (
      SELECT count(*) FILTER (WHERE n = 1)::int AS first_verdicts,
             count(*) FILTER (WHERE n = 1 AND verdict = 'PASSED')::int AS first_passed,
             count(*) FILTER (WHERE n = 1 AND verdict = 'FAILED')::int AS first_failed,
             count(*) FILTER (WHERE n = 1 AND verdict = 'BLOCKED')::int AS first_blocked,
             count(*)::int AS verdicts,
             count(*) FILTER (WHERE n > 1 AND prev_spec IS DISTINCT FROM spec)::int AS reverifications
      FROM verdicts_in
    )
    SELECT json_build_object(
      'months', (SELECT json_agg(to_char(month, 'YYYY-MM') ORDER BY month) FROM months),
      'funnel', (SELECT json_agg(funnel ORDER BY idx) FROM funnel),
      'poc', (SELECT row_to_json(poc) FROM poc),
      'stage_times', (SELECT json_agg(stage_times) FROM stage_times),
      'stage_trend', (SELECT json_agg(stage_trend ORDER BY month, stage) FROM stage_trend),
      'lead', (SELECT row_to_json(lead) FROM lead),
      'lead_bins', (SELECT json_agg(lead_bins ORDER BY bin) FROM lead_bins),
      'throughput', (SELECT json_agg(throughput ORDER BY month) FROM throughput),
      'stops_by_stage', (SELECT json_agg(stops_by_stage) FROM stops_by_stage),
      'stops_by_reason', (SELECT json_agg(stops_by_reason ORDER BY n DESC, reason) FROM stops_by_reason),
      'stops_total', (SELECT count(*)::int FROM stops),
      'latency', (SELECT json_agg(latency ORDER BY role) FROM latency),
      'qa', (SELECT row_to_json(qa) FROM qa)
    ) AS insights`;
  const h = row!.insights;
  return {
    months: h.months ?? [],
    funnel: h.funnel,
    pocToProduction: h.poc,
    stageTimes: h.stage_times ?? [],
    stageTrend: h.stage_trend ?? [],
    leadTime: h.lead,
    leadTimeBins: h.lead_bins ?? [],
    throughput: h.throughput ?? [],
    stopsByStage: h.stops_by_stage ?? [],
    stopsByReason: (h.stops_by_reason ?? []).map(({ moved_back, ...r }) => ({ ...r, movedBack: moved_back })),
    stopsTotal: h.stops_total,
    signoffLatency: (h.latency ?? []).map((r) => ({
      role: r.role,
      answered: r.answered,
      median: r.median,
      p90: r.p90,
      open: r.open,
      oldestOpen: r.oldest_open,
    })),
    qa: {
      firstVerdicts: h.qa.first_verdicts,
      firstPassed: h.qa.first_passed,
      firstFailed: h.qa.first_failed,
      firstBlocked: h.qa.first_blocked,
      verdicts: h.qa.verdicts,
      reverifications: h.qa.reverifications,
    },
  };
}

type WaitingRow = {
  id: string;
  title: string;
  stage: Stage;
  phase: number;
  days: number;
  requests: { role: Role; days: number }[];
};
type BandRow = { stage: "VALIDATION" | "PRODUCTION"; band: number; n: number };
type SectionsRow = {
  features: number;
  data: number | null;
  model: number | null;
  infra: number | null;
  monitoring: number | null;
  data_weakest: number;
  model_weakest: number;
  infra_weakest: number;
  monitoring_weakest: number;
};
type NowJson = {
  waiting: WaitingRow[] | null;
  bands: BandRow[] | null;
  sections: SectionsRow;
  reverify_now: number;
  max_phase: number;
};

export const WAITING_LIMIT = 10;

/** Today's picture (the range does not apply): one statement. */
export async function getInsightsNow(q: Pick<InsightsQuery, "teamId" | "phase" | "now">) {
  const now = q.now ?? new Date();
  const section = (key: string) =>
    Prisma.raw(`coalesce(sum(ri.halves) FILTER (WHERE ri.code LIKE '${key}-%' AND NOT ri."notApplicable"), 0) / 2.0`);
  const [row] = await db.$queryRaw<{ insights: NowJson }[]>`
    WITH in_phase AS (SELECT ${q.phase}::int AS phase),
    waiting AS (
      SELECT f.id, f.title, f.stage, f."currentPhase" AS phase,
             extract(epoch FROM ${now}::timestamptz - f."stageEnteredAt") / ${DAY_SECONDS} AS days,
             (SELECT coalesce(json_agg(json_build_object(
                        'role', r.role,
                        'days', extract(epoch FROM ${now}::timestamptz - r."createdAt") / ${DAY_SECONDS})
                      ORDER BY r."createdAt"), '[]'::json)
              FROM "SignoffRequest" r
              WHERE r."featureId" = f.id AND r.gate = f.stage AND r."resolvedAt" IS NULL) AS requests
      FROM "Feature" f, in_phase p
      WHERE f."teamId" = ${q.teamId}::uuid
        AND f.stage IN ('IDEA', 'POC', 'BUILD', 'VALIDATION')
        AND (p.phase IS NULL OR f."currentPhase" = p.phase)
      ORDER BY f."stageEnteredAt", f.id
      LIMIT ${WAITING_LIMIT}
    ),
    scores AS (
      SELECT f.id, f.stage,
             ${section("DATA")} AS data,
             ${section("MODEL")} AS model,
             ${section("INFRA")} AS infra,
             ${section("MONITORING")} AS monitoring
      FROM "Feature" f
      CROSS JOIN in_phase p
      LEFT JOIN "ReadinessItem" ri ON ri."featureId" = f.id
      WHERE f."teamId" = ${q.teamId}::uuid
        AND f.stage IN ('VALIDATION', 'PRODUCTION')
        AND (p.phase IS NULL OR f."currentPhase" = p.phase)
      GROUP BY f.id, f.stage
    ),
    scored AS (
      SELECT s.*, least(data, model, infra, monitoring) AS score FROM scores s
    ),
    bands AS (
      SELECT stage,
             CASE WHEN score <= 0 THEN 0 WHEN score <= 1 THEN 1 WHEN score <= 2 THEN 2
                  WHEN score <= 3 THEN 3 WHEN score <= 5 THEN 4 ELSE 5 END AS band,
             count(*)::int AS n
      FROM scored GROUP BY 1, 2
    ),
    sections AS (
      SELECT count(*)::int AS features,
             avg(data)::float8 AS data, avg(model)::float8 AS model,
             avg(infra)::float8 AS infra, avg(monitoring)::float8 AS monitoring,
             count(*) FILTER (WHERE data = score)::int AS data_weakest,
             count(*) FILTER (WHERE model = score)::int AS model_weakest,
             count(*) FILTER (WHERE infra = score)::int AS infra_weakest,
             count(*) FILTER (WHERE monitoring = score)::int AS monitoring_weakest
      FROM scored
    )
    SELECT json_build_object(
      'waiting', (SELECT json_agg(waiting) FROM waiting),
      'bands', (SELECT json_agg(bands ORDER BY stage, band) FROM bands),
      'sections', (SELECT row_to_json(sections) FROM sections),
      'reverify_now', (
        SELECT count(*)::int
        FROM "AcceptanceCriterion" c
        JOIN "Feature" f ON f.id = c."featureId"
        CROSS JOIN in_phase p
        WHERE f."teamId" = ${q.teamId}::uuid
          AND c."retiredAt" IS NULL AND c.verdict <> 'UNTESTED'
          AND c."verdictSpecRevisionId" IS DISTINCT FROM f."approvedSpecRevisionId"
          AND (p.phase IS NULL OR f."currentPhase" = p.phase)),
      'max_phase', (
        SELECT coalesce(max(ph.position), 1)
        FROM "FeaturePhase" ph JOIN "Feature" f ON f.id = ph."featureId"
        WHERE f."teamId" = ${q.teamId}::uuid)
    ) AS insights`;
  const n = row!.insights;
  const s = n.sections;
  const sections = (["DATA", "MODEL", "INFRA", "MONITORING"] as const).map((key) => {
    const k = key.toLowerCase() as "data" | "model" | "infra" | "monitoring";
    return { key, mean: s[k], weakestIn: s[`${k}_weakest`] };
  });
  const ranked = sections.filter((x) => x.mean !== null).sort((a, b) => a.mean! - b.mean!);
  return {
    waiting: n.waiting ?? [],
    readinessBands: n.bands ?? [],
    readiness: { features: s.features, sections, weakest: ranked[0]?.key ?? null },
    reverifyNow: n.reverify_now,
    maxPhase: n.max_phase,
  };
}

export type InsightsHistory = Awaited<ReturnType<typeof getInsightsHistory>>;
export type InsightsNow = Awaited<ReturnType<typeof getInsightsNow>>;

/** Everything the page shows: two statements, run side by side. */
export async function getInsights(q: InsightsQuery) {
  const [history, now] = await Promise.all([getInsightsHistory(q), getInsightsNow(q)]);
  return { history, now };
}
export type Insights = Awaited<ReturnType<typeof getInsights>>;
