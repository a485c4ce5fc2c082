import { STAGE_LABELS, type Stage } from "@/lib/features/stages";

// What each Insights figure counts, as data: the page states these words and
// lib/insights/queries.test.ts checks the numbers against them on a
// hand-built history. Pure, so safe anywhere.

export const FUNNEL_STAGES = ["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION"] as const satisfies readonly Stage[];
/** Stages whose time is measured: the four with a gate, and time spent paused. */
export const TIMED_STAGES = ["IDEA", "POC", "BUILD", "VALIDATION", "PAUSED"] as const satisfies readonly Stage[];
export type TimedStage = (typeof TIMED_STAGES)[number];

/** Average days in a month, for lead times in months (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

/**
 * Lead-time histogram bins, in months: [0, 1), [1, 2), … [12, 18), 18 and more.
 * Bin i (0-based) holds lead times in [edge[i-1], edge[i]).
 */
export const LEAD_TIME_EDGES_MONTHS = [1, 2, 3, 4, 6, 9, 12, 18] as const;
export function leadTimeBins() {
  const edges = [0, ...LEAD_TIME_EDGES_MONTHS];
  return edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return { index: i, from, to, label: to === null ? `${from}+ months` : `${from}–${to} months` };
  });
}

/** The ML Test Score bands (Breck et al. 2017), by final score. */
export const READINESS_BANDS = [
  { index: 0, label: "0", meaning: "More of a research project than a productionized system" },
  { index: 1, label: "0.5–1", meaning: "Not totally untested, but serious holes in reliability are possible" },
  { index: 2, label: "1.5–2", meaning: "A first pass at basic productionization" },
  { index: 3, label: "2.5–3", meaning: "Reasonably tested; more could be automated" },
  { index: 4, label: "3.5–5", meaning: "Strong automated testing and monitoring" },
  { index: 5, label: "over 5", meaning: "Exceptional automated testing and monitoring" },
] as const;

export const STOP_KINDS = ["paused", "retired", "moved_back"] as const;
export type StopKind = (typeof STOP_KINDS)[number];
export const STOP_KIND_LABELS: Record<StopKind, string> = {
  paused: "Paused",
  retired: "Retired",
  moved_back: "Moved back",
};

/**
 * The move "Start the next phase" makes: PRODUCTION → POC with this reason
 * (lib/features/commands.ts startNextPhase). A test keeps the two in step.
 */
export const NEXT_PHASE_REASON_SQL_PATTERN = "^Phase [0-9]+ started: ";

/** Published figures the team's own are shown beside. Surveys, with their year: not laws of nature. */
export const INDUSTRY_FIGURES = {
  pilotToProduction: [
    {
      key: "gartner-2022",
      label: "Gartner survey, 2022",
      short: "Gartner 2022",
      share: 0.54,
      text: "54 % of AI projects made it from pilot to production (Gartner survey fielded Oct–Dec 2021, n = 699, published 2022).",
    },
    {
      key: "gartner-2024",
      label: "Gartner, 2024",
      short: "Gartner 2024",
      share: 0.48,
      text: "48 % of AI projects reach production (Gartner, July 2024).",
    },
  ],
  prototypeToProductionMonths: {
    label: "Gartner, 2024",
    months: 8,
    text: "On average 8 months from AI prototype to production (Gartner, July 2024).",
  },
} as const;

export const DEFINITIONS = {
  journey:
    "A feature's trip through the pipeline in one phase. Phase 1 starts when the feature is created (in Idea); each later phase starts when someone starts the next phase of a feature in production, which takes it back to Proof of concept. With the phase filter set, only that phase's trips, stays and events count.",
  funnel:
    "Trips that started between the range's dates (features created, or phases started), followed to today. A trip reached a stage when it entered that stage or a later one; moving back, pausing or retiring later does not undo that. “Went on” counts trips that reached the next stage; conversion is went on ÷ reached. “Retired here” counts trips retired without ever getting further; “still open” the rest (in progress, paused, or moved back and not yet past this stage again).",
  pocToProduction:
    "Of the funnel's trips that entered Proof of concept, the share that reached Production. Trips still in progress count against it, so a recent range reads low; “of those decided” leaves out trips neither in production nor retired.",
  timeInStage:
    "A stay is one continuous time in a stage, from entering it to leaving it (forward, back, paused or retired). A feature sent back to Build and built again has two Build stays; each counts. Stays count in the month they ended, so stays still going are not in these figures (the features waiting longest are listed below). Days are calendar days.",
  leadTime:
    "For each trip that first reached Production within the range: the days from its first entry into Proof of concept in that trip to its first entry into Production, pauses and moves back included.",
  throughput:
    "Trips reaching Production for the first time, by the month they got there. A feature that leaves Production and comes back in the same phase counts once; its next phase counts again.",
  stops:
    "Moves within the range that paused, retired or sent a feature back to an earlier stage (starting a next phase is not a move back). The stage is where the feature was: a feature retired while paused counts at the stage it was paused from. Reasons are grouped when their text matches, ignoring case and spacing.",
  signoffLatency:
    "For each sign-off request answered within the range: the time from the request to the first sign-off of that gate in that role, made before the request was closed. Requests closed because the feature moved on are not answers. “Open now” counts requests nobody has answered yet.",
  waiting:
    "Features at a gate now (Idea, Proof of concept, Build, Validation), longest in their stage first, with the sign-off requests still open for that gate.",
  qa:
    "First-pass rate: of the acceptance criteria whose first verdict (passed, failed or blocked; “untested” is not a verdict here) was given within the range, the share that passed. Re-verify rate: of all verdicts given within the range, the share given to a criterion whose previous verdict was against another approved spec revision, i.e. re-verification after the spec changed. “Waiting now” counts active criteria whose last verdict was given against a spec revision that is no longer the approved one.",
  readiness:
    "Features in Validation or Production now. Each section's score is the sum of its applicable tests (½ done by hand, 1 automated); the ML Test Score is the lowest of the four, read in the paper's bands. The weakest section is the one with the lowest average across these features. The time range does not apply: this is today's picture.",
  range:
    "Dates are in UTC; “to” includes the whole day. Months are calendar months in UTC.",
} as const;

export const stageLabel = (stage: Stage) => STAGE_LABELS[stage];

/** "2026-03" → "Mar 2026". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year!, m! - 1, 1));
  return date.toLocaleDateString("en", { month: "short", year: "numeric", timeZone: "UTC" });
}

/** A share as "54 %", or "–" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : "–";
}

/** Days with one decimal below ten, whole days above: "3.5 days", "41 days", "–". */
export function days(value: number | null): string {
  if (value === null || Number.isNaN(value)) return "–";
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}
