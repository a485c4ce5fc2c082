import { ROLE_LABELS } from "@/lib/authz/permissions";
import { STAGE_LABELS } from "@/lib/features/stages";
import {
  FUNNEL_STAGES,
  INDUSTRY_FIGURES,
  leadTimeBins,
  monthLabel,
  READINESS_BANDS,
  STOP_KINDS,
  TIMED_STAGES,
} from "@/lib/insights/definitions";
import type { Insights } from "@/lib/insights/queries";
import { SECTIONS } from "@/lib/readiness/rubric";

// Each chart's data as a table: the page shows it as the chart's accessible
// alternative and the CSV download is the same table, so the two never
// disagree. Numbers stay numbers (units in the column names).

export type Cell = string | number | null;
export type InsightTable = { title: string; columns: string[]; rows: Cell[][] };

export const TABLE_KEYS = [
  "funnel",
  "poc-to-production",
  "stage-time",
  "stage-trend",
  "lead-time",
  "throughput",
  "stops-by-stage",
  "stops-by-reason",
  "signoff-latency",
  "waiting",
  "qa",
  "readiness-bands",
  "readiness-sections",
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

const one = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 10) / 10);
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function insightTables({ history: h, now: n }: Insights): Record<TableKey, InsightTable> {
  const poc = h.pocToProduction;
  const decided = poc.production + poc.retired;
  const stopRows = new Map<string, Record<string, number>>();
  for (const s of h.stopsByStage) {
    const row = stopRows.get(s.stage) ?? {};
    row[s.kind] = s.n;
    stopRows.set(s.stage, row);
  }
  const reasonsShown = h.stopsByReason.reduce((sum, r) => sum + r.n, 0);
  const bins = new Map(h.leadTimeBins.map((b) => [b.bin, b.n]));
  const bands = new Map(n.readinessBands.map((b) => [`${b.stage} ${b.band}`, b.n]));

  return {
    funnel: {
      title: "Funnel: trips that reached each stage",
      columns: ["Stage", "Reached", "Went on", "Conversion (%)", "Retired here", "Still open"],
      rows: h.funnel.map((r) => {
        const stage = FUNNEL_STAGES[r.idx]!;
        const last = stage === "PRODUCTION";
        return [
          STAGE_LABELS[stage],
          r.reached,
          last ? null : r.passed,
          last ? null : pct(r.passed, r.reached),
          last ? null : r.retired,
          last ? null : r.reached - r.passed - r.retired,
        ];
      }),
    },
    "poc-to-production": {
      title: "Proof of concept to production: this team and published surveys",
      columns: ["Source", "Reached production (%)", "Basis"],
      rows: [
        ["This team", pct(poc.production, poc.entered), `${poc.production} of ${poc.entered} trips that entered proof of concept`],
        [
          "This team, of those decided",
          pct(poc.production, decided),
          `${poc.production} of ${decided} trips now in production or retired`,
        ],
        ...INDUSTRY_FIGURES.pilotToProduction.map((s): Cell[] => [s.label, s.share * 100, s.text]),
      ],
    },
    "stage-time": {
      title: "Time in each stage",
      columns: ["Stage", "Stays", "Median (days)", "90th percentile (days)"],
      rows: TIMED_STAGES.map((stage) => {
        const s = h.stageTimes.find((x) => x.stage === stage);
        return [STAGE_LABELS[stage], s?.stays ?? 0, one(s?.median), one(s?.p90)];
      }),
    },
    "stage-trend": {
      title: "Median time in each stage, by month the stay ended",
      columns: ["Month", "Stage", "Stays", "Median (days)"],
      rows: h.stageTrend.map((t) => [monthLabel(t.month), STAGE_LABELS[t.stage], t.stays, one(t.median)]),
    },
    "lead-time": {
      title: "Lead time from proof of concept to production",
      columns: ["Lead time", "Trips"],
      rows: leadTimeBins().map((b) => [b.label, bins.get(b.index) ?? 0]),
    },
    throughput: {
      title: "Features reaching production per month",
      columns: ["Month", "Reached production"],
      rows: h.throughput.map((t) => [monthLabel(t.month), t.n]),
    },
    "stops-by-stage": {
      title: "Where features stop, by stage",
      columns: ["Stage", "Paused", "Retired", "Moved back", "Total"],
      rows: FUNNEL_STAGES.filter((stage) => stopRows.has(stage)).map((stage) => {
        const row = stopRows.get(stage)!;
        const counts = STOP_KINDS.map((kind) => row[kind] ?? 0);
        return [STAGE_LABELS[stage], ...counts, counts.reduce((a, b) => a + b, 0)];
      }),
    },
    "stops-by-reason": {
      title: "Where features stop, by reason",
      columns: ["Reason", "Paused", "Retired", "Moved back", "Total"],
      rows: [
        ...h.stopsByReason.map((r): Cell[] => [r.reason, r.paused, r.retired, r.movedBack, r.n]),
        ...(h.stopsTotal > reasonsShown ? [["Other reasons", null, null, null, h.stopsTotal - reasonsShown] as Cell[]] : []),
      ],
    },
    "signoff-latency": {
      title: "Sign-off latency by role (request to sign-off)",
      columns: ["Role", "Answered", "Median (days)", "90th percentile (days)", "Open now", "Oldest open (days)"],
      rows: h.signoffLatency.map((r) => [ROLE_LABELS[r.role], r.answered, one(r.median), one(r.p90), r.open, one(r.oldestOpen)]),
    },
    waiting: {
      title: "Gates waiting longest now",
      columns: ["Feature", "Stage", "Phase", "Days in stage", "Open sign-off requests"],
      rows: n.waiting.map((w) => [
        w.title,
        STAGE_LABELS[w.stage],
        w.phase,
        Math.floor(w.days),
        w.requests.map((r) => `${ROLE_LABELS[r.role]} (${Math.floor(r.days)} days)`).join(", ") || null,
      ]),
    },
    qa: {
      title: "Acceptance criteria: first pass and re-verification",
      columns: ["Measure", "Count", "Out of", "Rate (%)"],
      rows: [
        ["First verdict passed", h.qa.firstPassed, h.qa.firstVerdicts, pct(h.qa.firstPassed, h.qa.firstVerdicts)],
        ["First verdict failed", h.qa.firstFailed, h.qa.firstVerdicts, pct(h.qa.firstFailed, h.qa.firstVerdicts)],
        ["First verdict blocked", h.qa.firstBlocked, h.qa.firstVerdicts, pct(h.qa.firstBlocked, h.qa.firstVerdicts)],
        ["Verdicts that re-verified after a spec change", h.qa.reverifications, h.qa.verdicts, pct(h.qa.reverifications, h.qa.verdicts)],
        ["Criteria waiting for re-verification now", n.reverifyNow, null, null],
      ],
    },
    "readiness-bands": {
      title: "ML Test Score bands of features in validation and production now",
      columns: ["Score", "What the paper says", "Validation", "Production", "Total"],
      rows: READINESS_BANDS.map((b) => {
        const v = bands.get(`VALIDATION ${b.index}`) ?? 0;
        const p = bands.get(`PRODUCTION ${b.index}`) ?? 0;
        return [b.label, b.meaning, v, p, v + p];
      }),
    },
    "readiness-sections": {
      title: "ML Test Score sections across those features",
      columns: ["Section", "Average score (of 7)", "Features where it is the weakest"],
      rows: n.readiness.sections.map((s) => [
        SECTIONS.find((x) => x.key === s.key)!.label,
        s.mean === null ? null : Math.round(s.mean * 100) / 100,
        s.weakestIn,
      ]),
    },
  };
}
