import { describe, expect, it } from "vitest";
import { filtersQuery, parseInsightsFilters, presetRanges } from "@/lib/insights/filters";

const NOW = new Date("2026-11-25T15:00:00Z");

describe("Insights filters from the URL", () => {
  it("default to the last 12 calendar months, this one included, all phases", () => {
    const f = parseInsightsFilters({}, NOW);
    expect(f).toMatchObject({ fromDate: "2025-12-01", toDate: "2026-11-25", phase: null });
    expect(f.from.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    // "to" includes the whole day: the range ends at the next midnight.
    expect(f.to.toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  it("take a valid range and phase", () => {
    expect(parseInsightsFilters({ from: "2026-02-01", to: "2026-02-28", phase: "2" }, NOW)).toMatchObject({
      fromDate: "2026-02-01",
      toDate: "2026-02-28",
      phase: 2,
    });
  });

  it("drop what is malformed, out of range or reversed", () => {
    for (const bad of [
      { from: "2026-02-30" },
      { from: "1999-12-31" },
      { to: "2101-01-01" },
      { from: "2026-13-01" },
      { from: "\u0000" },
      { from: ["2026-01-01", "2026-02-01"] },
      { from: "2026-06-01", to: "2026-05-01" },
    ]) {
      expect(parseInsightsFilters(bad, NOW)).toMatchObject({ fromDate: "2025-12-01", toDate: "2026-11-25" });
    }
    for (const phase of ["0", "-1", "1.5", "3000000000", "x", ""]) {
      expect(parseInsightsFilters({ phase }, NOW).phase).toBeNull();
    }
  });

  it("offer presets as links that keep the phase", () => {
    expect(presetRanges(NOW).map((p) => [p.key, p.from, p.to])).toEqual([
      ["3m", "2026-09-01", "2026-11-25"],
      ["6m", "2026-06-01", "2026-11-25"],
      ["12m", "2025-12-01", "2026-11-25"],
      ["24m", "2024-12-01", "2026-11-25"],
      ["all", "2000-01-01", "2026-11-25"],
    ]);
    expect(filtersQuery({ fromDate: "2026-09-01", toDate: "2026-11-25", phase: 2 })).toBe("from=2026-09-01&to=2026-11-25&phase=2");
  });
});
