import { describe, expect, it } from "vitest";
import * as charts from "@/components/insights/charts";
import type { InsightsHistory, InsightsNow } from "@/lib/insights/queries";
import { insightTables } from "@/lib/insights/tables";
import { tableCsv } from "@/lib/insights/csv";
import { XSS_PAYLOADS } from "@/tests/xss";

// The charts are SVG drawn on the server: they must carry no script, no
// inline style (the CSP allows styles by nonce only) and no live markup from
// what people typed (stop reasons, feature titles).

const history = (reasons: string[]): InsightsHistory => ({
  months: ["2025-01", "2025-02", "2025-03"],
  funnel: [
    { idx: 0, reached: 10, passed: 7, retired: 1 },
    { idx: 1, reached: 7, passed: 5, retired: 1 },
    { idx: 2, reached: 5, passed: 4, retired: 0 },
    { idx: 3, reached: 4, passed: 3, retired: 0 },
    { idx: 4, reached: 3, passed: 0, retired: 0 },
  ],
  pocToProduction: { entered: 7, production: 3, retired: 2 },
  stageTimes: [
    { stage: "IDEA", stays: 9, median: 8, p90: 20 },
    { stage: "PAUSED", stays: 2, median: 30, p90: 40 },
  ],
  stageTrend: [
    { month: "2025-01", stage: "IDEA", stays: 3, median: 7 },
    { month: "2025-02", stage: "IDEA", stays: 4, median: 9 },
  ],
  leadTime: { n: 3, median: 120, p90: 200, mean: 130 },
  leadTimeBins: [
    { bin: 3, n: 2 },
    { bin: 8, n: 1 },
  ],
  throughput: [
    { month: "2025-01", n: 0 },
    { month: "2025-02", n: 2 },
    { month: "2025-03", n: 1 },
  ],
  stopsByStage: [{ stage: "POC", kind: "retired", n: reasons.length }],
  stopsByReason: reasons.map((reason) => ({ reason, n: 1, paused: 0, retired: 1, movedBack: 0 })),
  stopsTotal: reasons.length,
  signoffLatency: [{ role: "QA", answered: 2, median: 3, p90: 5, open: 1, oldestOpen: 4 }],
  qa: { firstVerdicts: 4, firstPassed: 3, firstFailed: 1, firstBlocked: 0, verdicts: 6, reverifications: 1 },
});

const now = (titles: string[]): InsightsNow => ({
  waiting: titles.map((title, i) => ({ id: `id-${i}`, title, stage: "BUILD", phase: 1, days: 12, requests: [{ role: "DEV", days: 3 }] })),
  readinessBands: [{ stage: "PRODUCTION", band: 2, n: 3 }],
  readiness: {
    features: 3,
    sections: [
      { key: "DATA", mean: 2, weakestIn: 1 },
      { key: "MODEL", mean: 2.5, weakestIn: 0 },
      { key: "INFRA", mean: 1.5, weakestIn: 2 },
      { key: "MONITORING", mean: 3, weakestIn: 0 },
    ],
    weakest: "INFRA",
  },
  reverifyNow: 1,
  maxPhase: 2,
});

function expectSafeSvg(svg: string) {
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg.match(/<svg\b/g)).toHaveLength(1);
  expect(svg).toMatch(/^<svg[^>]*\srole="img"/);
  expect(svg).toMatch(/^<svg[^>]*\saria-label="[^"]+"/);
  expect(svg).not.toMatch(/<script|<style|<foreignObject|<a\b|<image|<use\b|<iframe|<img/i);
  expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(svg).not.toMatch(/<[^>]*\sstyle\s*=/i);
  expect(svg).not.toMatch(/<[^>]*\s(?:href|src|xlink:href)\s*=/i);
}

describe("Insights charts", () => {
  const h = history(["Business case withdrawn", "Waiting for labelled data"]);
  const n = now(["Fraud score"]);

  it("render every chart as one safe SVG with a label", () => {
    const svgs = [
      charts.funnelChart(h),
      charts.pocToProductionChart(h),
      charts.stageTimeChart(h),
      charts.stageTrendChart(h),
      charts.leadTimeChart(h),
      charts.throughputChart(h),
      charts.stopsByStageChart(h),
      charts.stopsByReasonChart(h),
      charts.latencyChart(h),
      charts.qaChart(h),
      charts.readinessBandsChart(n),
    ];
    for (const svg of svgs) {
      expect(svg).not.toBeNull();
      expectSafeSvg(svg!);
    }
    // Colours come from CSS variables, text from currentColor: a theme can restyle them.
    expect(svgs[0]).toContain('fill="var(--chart-accent)"');
    expect(svgs[2]).toContain('fill="var(--stage-IDEA)"');
    expect(svgs[0]).toContain('fill="currentColor"');
  });

  it("draw nothing when there is nothing to draw", () => {
    const empty: InsightsHistory = {
      ...h,
      months: [],
      funnel: h.funnel.map((r) => ({ ...r, reached: 0, passed: 0, retired: 0 })),
      pocToProduction: { entered: 0, production: 0, retired: 0 },
      stageTimes: [],
      stageTrend: [],
      leadTime: { n: 0, median: null, p90: null, mean: null },
      leadTimeBins: [],
      throughput: [],
      stopsByStage: [],
      stopsByReason: [],
      stopsTotal: 0,
      signoffLatency: [],
      qa: { firstVerdicts: 0, firstPassed: 0, firstFailed: 0, firstBlocked: 0, verdicts: 0, reverifications: 0 },
    };
    for (const chart of [
      charts.funnelChart,
      charts.pocToProductionChart,
      charts.stageTimeChart,
      charts.stageTrendChart,
      charts.leadTimeChart,
      charts.throughputChart,
      charts.stopsByStageChart,
      charts.stopsByReasonChart,
      charts.latencyChart,
      charts.qaChart,
    ]) {
      expect(chart(empty)).toBeNull();
    }
    expect(charts.readinessBandsChart({ ...n, readinessBands: [], readiness: { ...n.readiness, features: 0 } })).toBeNull();
  });

  it("escape what people typed: stop reasons drawn as text stay text", () => {
    for (let i = 0; i < XSS_PAYLOADS.length; i += 6) {
      const svg = charts.stopsByReasonChart(history(XSS_PAYLOADS.slice(i, i + 6)))!;
      expectSafeSvg(svg);
    }
  });

  it("tables and CSV carry the same rows; typed text cannot become a spreadsheet formula", () => {
    const tables = insightTables({ history: history(["=HYPERLINK(\"https://evil.example\")", "+1"]), now: now(["@SUM(A1)"]) });
    expect(tables.funnel.rows[1]).toEqual(["Proof of concept", 7, 5, 71.4, 1, 1]);
    expect(tables.funnel.rows[4]).toEqual(["Production", 3, null, null, null, null]);
    expect(tables["poc-to-production"].rows[0]!.slice(0, 2)).toEqual(["This team", 42.9]);
    expect(tables["poc-to-production"].rows[1]!.slice(0, 2)).toEqual(["This team, of those decided", 60]);
    expect(tables["lead-time"].rows.map((r) => r[1])).toEqual([0, 0, 0, 2, 0, 0, 0, 0, 1]);
    const csv = tableCsv(tables["stops-by-reason"]);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv).toContain("'+1");
    expect(tableCsv(tables.waiting)).toContain("'@SUM(A1)");
    expect(tableCsv(tables.funnel).split("\n")[0]).toBe("\ufeffStage,Reached,Went on,Conversion (%),Retired here,Still open");
  });
});

describe("labels drawn over bars", () => {
  it("keep their text colour under the halo", () => {
    const svg = charts.leadTimeChart(history([]))!;
    const halos = [...svg.matchAll(/<g([^>]*paint-order="stroke"[^>]*)>/g)];
    expect(halos.length).toBeGreaterThan(0);
    for (const [, attrs] of halos) {
      expect(attrs).not.toContain('fill="none"');
    }
  });
});

describe("the SVG's accessible name", () => {
  it("is on the chart alone: no mark group carries an aria-label (invalid on a plain <g>)", () => {
    const svg = charts.leadTimeChart(history([]))!;
    expect(svg).toMatch(/^<svg[^>]*\saria-label="[^"]+"/);
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
  });
});
