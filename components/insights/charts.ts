import "server-only";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { STAGE_LABELS } from "@/lib/features/stages";
import {
  DAYS_PER_MONTH,
  FUNNEL_STAGES,
  INDUSTRY_FIGURES,
  leadTimeBins,
  READINESS_BANDS,
  STOP_KIND_LABELS,
  STOP_KINDS,
  TIMED_STAGES,
} from "@/lib/insights/definitions";
import type { InsightsHistory, InsightsNow } from "@/lib/insights/queries";
import { memoChart, Plot, renderPlot } from "@/components/insights/plot";

// One function per chart: the figures in, SVG markup out (null when there is
// nothing to draw). Colours are CSS variables set by chartFrameClass.

const WIDTH = 400;
// Room under the x axis for its tick labels and, below them, its label.
const BOTTOM = 46;
const color = (name: string) => `var(--${name})`;
export const stageColor = (stage: string) => color(`stage-${stage}`);
const grid = { grid: true, tickSize: 0 } as const;
// Labels drawn over bars keep a rim of the card's colour around them.
const halo = { stroke: color("chart-surface"), strokeWidth: 4 } as const;
const utcMonth = (month: string) => new Date(`${month}-01T00:00:00Z`);
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function drawFunnelChart(h: InsightsHistory): string | null {
  if (h.funnel.every((r) => r.reached === 0)) return null;
  const rows = h.funnel.map((r) => {
    const stage = FUNNEL_STAGES[r.idx]!;
    const conversion = stage !== "PRODUCTION" && r.reached > 0 ? ` · ${Math.round((r.passed / r.reached) * 100)} % on` : "";
    return { label: STAGE_LABELS[stage], reached: r.reached, text: `${r.reached}${conversion}` };
  });
  return renderPlot({
    ariaLabel: "Funnel: trips that reached each stage",
    ariaDescription: rows.map((r) => `${r.label}: ${r.text}`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 210,
    marginLeft: 124,
    marginRight: 96,
    x: { label: "Trips", ...grid },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.barX(rows, { y: "label", x: "reached", fill: color("chart-accent") }),
      Plot.text(rows, { y: "label", x: "reached", text: "text", textAnchor: "start", dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

function drawPocToProductionChart(h: InsightsHistory): string | null {
  const { entered, production, retired } = h.pocToProduction;
  if (entered === 0) return null;
  const decided = production + retired;
  const rows = [
    { label: "This team", share: (production / entered) * 100, team: true },
    ...(decided > 0 ? [{ label: "Team, decided", share: (production / decided) * 100, team: true }] : []),
    ...INDUSTRY_FIGURES.pilotToProduction.map((s) => ({ label: s.short, share: s.share * 100, team: false })),
  ];
  return renderPlot({
    ariaLabel: "Share of proof-of-concept trips reaching production, beside published surveys",
    ariaDescription: rows.map((r) => `${r.label}: ${Math.round(r.share)} %`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 40 + rows.length * 34,
    marginLeft: 110,
    marginRight: 48,
    x: { domain: [0, 100], label: "% reaching production", ...grid },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.barX(rows, { y: "label", x: "share", fill: (r: { team: boolean }) => (r.team ? color("chart-accent") : color("chart-muted")) }),
      Plot.text(rows, { y: "label", x: "share", text: (r: { share: number }) => `${Math.round(r.share)} %`, textAnchor: "start", dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

type MedianRow = { label: string; median: number; p90: number };

/** Bars to each row's median, a whisker on to its 90th percentile, in days. */
function medianP90Chart<R extends MedianRow>(
  rows: R[],
  { ariaLabel, describe, fill }: { ariaLabel: string; describe: (row: R) => string; fill: string | ((row: R) => string) },
): string | null {
  if (!rows.length) return null;
  return renderPlot({
    ariaLabel,
    ariaDescription: rows.map(describe).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 40 + rows.length * 34,
    marginLeft: 124,
    marginRight: 24,
    x: { label: "Days", ...grid },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.barX(rows, { y: "label", x: "median", fill }),
      Plot.ruleY(rows, { y: "label", x1: "median", x2: "p90", stroke: "currentColor" }),
      Plot.tickX(rows, { y: "label", x: "p90", stroke: "currentColor", strokeWidth: 2 }),
      Plot.ruleX([0]),
    ],
  });
}

function drawStageTimeChart(h: InsightsHistory): string | null {
  const rows = TIMED_STAGES.flatMap((stage) => {
    const s = h.stageTimes.find((x) => x.stage === stage);
    return s ? [{ stage, label: STAGE_LABELS[stage], median: s.median, p90: s.p90 }] : [];
  });
  return medianP90Chart(rows, {
    ariaLabel: "Time in each stage: median and 90th percentile, in days",
    describe: (r) => `${r.label}: median ${Math.round(r.median)} days, 90th percentile ${Math.round(r.p90)} days`,
    fill: (r) => stageColor(r.stage),
  });
}

function drawStageTrendChart(h: InsightsHistory): string | null {
  if (h.stageTrend.length === 0) return null;
  const rows = h.stageTrend.map((t) => ({ month: utcMonth(t.month), stage: t.stage, median: t.median }));
  const present = TIMED_STAGES.filter((s) => rows.some((r) => r.stage === s));
  const months = h.months.map(utcMonth);
  return renderPlot({
    ariaLabel: "Median time in each stage by month",
    ariaDescription: `${present.map((s) => STAGE_LABELS[s]).join(", ")}, ${h.months.length} months`,
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 240,
    marginLeft: 44,
    x: { type: "utc", domain: months.length ? [months[0]!, months.at(-1)!] : undefined, label: null, ticks: 6, tickFormat: "%b %y" },
    y: { label: "Median days", ...grid },
    color: { domain: present, range: present.map(stageColor) },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: "month", y: "median", stroke: "stage", strokeWidth: 2, marker: "circle" }),
    ],
  });
}

function drawLeadTimeChart(h: InsightsHistory): string | null {
  if (h.leadTime.n === 0) return null;
  const counts = new Map(h.leadTimeBins.map((b) => [b.bin, b.n]));
  const bins = leadTimeBins().map((b) => ({ x1: b.from, x2: b.to ?? b.from + 6, n: counts.get(b.index) ?? 0, label: b.label }));
  const gartner = INDUSTRY_FIGURES.prototypeToProductionMonths;
  const median = (h.leadTime.median ?? 0) / DAYS_PER_MONTH;
  return renderPlot({
    ariaLabel: "Lead time from proof of concept to production, in months",
    ariaDescription: `${h.leadTime.n} trips; median ${median.toFixed(1)} months; ${bins.map((b) => `${b.label}: ${b.n}`).join("; ")}`,
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 240,
    marginLeft: 36,
    x: { domain: [0, 24], label: "Months from proof of concept to production", ticks: [0, 3, 6, 9, 12, 18, 24] },
    y: { label: "Trips", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    marks: [
      Plot.rectY(bins, { x1: "x1", x2: "x2", y: "n", fill: color("chart-accent"), inset: 1 }),
      Plot.ruleY([0]),
      Plot.ruleX([gartner.months], { stroke: "currentColor", strokeDasharray: "4 3" }),
      Plot.text([gartner.months], { x: (d: number) => d, frameAnchor: "top", text: () => "Gartner: 8 mo. average", textAnchor: "start", dx: 4, dy: 4, fill: "currentColor", ...halo }),
      Plot.ruleX([median], { stroke: color("chart-accent-strong"), strokeWidth: 2 }),
      Plot.text([median], { x: (d: number) => d, frameAnchor: "top", text: () => "team median", textAnchor: "start", dx: 4, dy: 22, fill: color("chart-accent-strong"), ...halo }),
    ],
  });
}

function drawThroughputChart(h: InsightsHistory): string | null {
  if (h.throughput.every((t) => t.n === 0)) return null;
  const rows = h.throughput.map((t) => ({ month: utcMonth(t.month), n: t.n }));
  return renderPlot({
    ariaLabel: "Features reaching production per month",
    ariaDescription: h.throughput.map((t) => `${t.month}: ${t.n}`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 220,
    marginLeft: 36,
    x: { type: "utc", label: null, ticks: 6, tickFormat: "%b %y" },
    y: { label: "Reached production", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    marks: [Plot.rectY(rows, { x: "month", y: "n", interval: "month", fill: color("chart-accent"), inset: 2 }), Plot.ruleY([0])],
  });
}

function stopsRows<T>(items: { key: T; label: string; counts: Record<string, number> }[]) {
  return items.flatMap((item) =>
    STOP_KINDS.map((kind) => ({ label: item.label, kind: STOP_KIND_LABELS[kind], n: item.counts[kind] ?? 0 })).filter((r) => r.n > 0),
  );
}

const stopColors = {
  domain: STOP_KINDS.map((k) => STOP_KIND_LABELS[k]),
  range: STOP_KINDS.map((k) => color(`kind-${k}`)),
};

function drawStopsByStageChart(h: InsightsHistory): string | null {
  if (h.stopsTotal === 0) return null;
  const stages = FUNNEL_STAGES.filter((s) => h.stopsByStage.some((x) => x.stage === s));
  const rows = stopsRows(
    stages.map((stage) => ({
      key: stage,
      label: STAGE_LABELS[stage],
      counts: Object.fromEntries(h.stopsByStage.filter((x) => x.stage === stage).map((x) => [x.kind, x.n])),
    })),
  );
  return renderPlot({
    ariaLabel: "Where features stop, by stage: paused, retired and moved back",
    ariaDescription: rows.map((r) => `${r.label}, ${r.kind.toLowerCase()}: ${r.n}`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 40 + stages.length * 34,
    marginLeft: 124,
    x: { label: "Moves", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    y: { domain: stages.map((s) => STAGE_LABELS[s]), label: null },
    color: stopColors,
    marks: [Plot.barX(rows, { y: "label", x: "n", fill: "kind" }), Plot.ruleX([0])],
  });
}

function drawStopsByReasonChart(h: InsightsHistory): string | null {
  if (h.stopsByReason.length === 0) return null;
  const top = h.stopsByReason.slice(0, 6);
  const labels = top.map((r, i) => `${i + 1}. ${truncate(r.reason, 24)}`);
  const rows = stopsRows(
    top.map((r, i) => ({ key: i, label: labels[i]!, counts: { paused: r.paused, retired: r.retired, moved_back: r.movedBack } })),
  );
  return renderPlot({
    ariaLabel: "Where features stop, by reason (most frequent first)",
    // The reasons themselves are in the table beside the chart: people's text stays out of attributes.
    ariaDescription: `${top.map((r, i) => `reason ${i + 1}: ${r.n}`).join("; ")}. The table names each reason.`,
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 40 + top.length * 30,
    marginLeft: 204,
    x: { label: "Moves", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    y: { domain: labels, label: null },
    color: stopColors,
    marks: [Plot.barX(rows, { y: "label", x: "n", fill: "kind" }), Plot.ruleX([0])],
  });
}

function drawLatencyChart(h: InsightsHistory): string | null {
  const rows = h.signoffLatency
    .filter((r) => r.answered > 0)
    .map((r) => ({ label: ROLE_LABELS[r.role], median: r.median ?? 0, p90: r.p90 ?? 0 }));
  return medianP90Chart(rows, {
    ariaLabel: "Sign-off latency by role, request to sign-off, in days",
    describe: (r) => `${r.label}: median ${r.median.toFixed(1)} days, 90th percentile ${r.p90.toFixed(1)}`,
    fill: color("chart-accent"),
  });
}

function drawQaChart(h: InsightsHistory): string | null {
  if (h.qa.firstVerdicts === 0) return null;
  const rows = [
    { label: "Passed", n: h.qa.firstPassed, fill: color("verdict-PASSED") },
    { label: "Failed", n: h.qa.firstFailed, fill: color("verdict-FAILED") },
    { label: "Blocked", n: h.qa.firstBlocked, fill: color("verdict-BLOCKED") },
  ];
  return renderPlot({
    ariaLabel: "First verdict of each acceptance criterion",
    ariaDescription: rows.map((r) => `${r.label}: ${r.n}`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 140,
    marginLeft: 70,
    marginRight: 40,
    x: { label: "Criteria", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.barX(rows, { y: "label", x: "n", fill: "fill" }),
      Plot.text(rows, { y: "label", x: "n", text: (r: { n: number }) => String(r.n), textAnchor: "start", dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

function drawReadinessBandsChart(n: InsightsNow): string | null {
  if (n.readiness.features === 0) return null;
  const stages = ["VALIDATION", "PRODUCTION"] as const;
  const rows = n.readinessBands.map((b) => ({
    label: READINESS_BANDS[b.band]!.label,
    stage: STAGE_LABELS[b.stage],
    n: b.n,
  }));
  return renderPlot({
    ariaLabel: "ML Test Score bands of features in validation and production",
    ariaDescription: rows.map((r) => `score ${r.label}, ${r.stage}: ${r.n}`).join("; "),
    width: WIDTH,
    marginBottom: BOTTOM,
    height: 40 + READINESS_BANDS.length * 30,
    marginLeft: 70,
    x: { label: "Features", ...grid, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : "") },
    y: { domain: READINESS_BANDS.map((b) => b.label), label: "Score" },
    color: { domain: stages.map((s) => STAGE_LABELS[s]), range: stages.map(stageColor) },
    marks: [Plot.barX(rows, { y: "label", x: "n", fill: "stage" }), Plot.ruleX([0])],
  });
}

export const funnelChart = (h: InsightsHistory) => memoChart("funnelChart", h.funnel, () => drawFunnelChart(h));
export const pocToProductionChart = (h: InsightsHistory) => memoChart("pocToProductionChart", h.pocToProduction, () => drawPocToProductionChart(h));
export const stageTimeChart = (h: InsightsHistory) => memoChart("stageTimeChart", h.stageTimes, () => drawStageTimeChart(h));
export const stageTrendChart = (h: InsightsHistory) => memoChart("stageTrendChart", [h.stageTrend, h.months], () => drawStageTrendChart(h));
export const leadTimeChart = (h: InsightsHistory) => memoChart("leadTimeChart", [h.leadTime, h.leadTimeBins], () => drawLeadTimeChart(h));
export const throughputChart = (h: InsightsHistory) => memoChart("throughputChart", h.throughput, () => drawThroughputChart(h));
export const stopsByStageChart = (h: InsightsHistory) => memoChart("stopsByStageChart", [h.stopsByStage, h.stopsTotal], () => drawStopsByStageChart(h));
export const stopsByReasonChart = (h: InsightsHistory) => memoChart("stopsByReasonChart", h.stopsByReason, () => drawStopsByReasonChart(h));
export const latencyChart = (h: InsightsHistory) => memoChart("latencyChart", h.signoffLatency, () => drawLatencyChart(h));
export const qaChart = (h: InsightsHistory) => memoChart("qaChart", h.qa, () => drawQaChart(h));
export const readinessBandsChart = (n: InsightsNow) => memoChart("readinessBandsChart", [n.readinessBands, n.readiness.features], () => drawReadinessBandsChart(n));
