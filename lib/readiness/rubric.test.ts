import { describe, expect, it } from "vitest";
import { band, ITEMS, readinessScore, type ItemState } from "@/lib/readiness/rubric";

const items = (spec: Record<string, number | "na">): ItemState[] =>
  Object.entries(spec).map(([code, v]) => ({ code, halves: v === "na" ? 0 : v, notApplicable: v === "na" }));

describe("the ML Test Score", () => {
  it("has 28 tests, seven per section", () => {
    expect(ITEMS).toHaveLength(28);
    expect(new Set(ITEMS.map((i) => i.section)).size).toBe(4);
  });

  it("is 0 with nothing done", () => {
    expect(readinessScore([])).toMatchObject({ score: 0, weakest: { key: "DATA" }, band: "More of a research project than a productionized system" });
  });

  it("is the minimum of the section sums (hand-worked)", () => {
    // Data: 1 + ½ + 1 = 2.5; Model: 1 + 1 = 2; Infra: ½ × 4 = 2; Monitoring: 1 + 1 + ½ = 2.5 → 2.
    const result = readinessScore(
      items({
        "DATA-1": 2, "DATA-2": 1, "DATA-3": 2,
        "MODEL-1": 2, "MODEL-2": 2,
        "INFRA-1": 1, "INFRA-2": 1, "INFRA-3": 1, "INFRA-4": 1,
        "MONITORING-1": 2, "MONITORING-2": 2, "MONITORING-3": 1,
      }),
    );
    expect(result.sections.map((s) => [s.key, s.sum])).toEqual([["DATA", 2.5], ["MODEL", 2], ["INFRA", 2], ["MONITORING", 2.5]]);
    expect(result.score).toBe(2);
    expect(result.weakest.key).toBe("MODEL");
    expect(result.band).toBe("A first pass at basic productionization; more investment may be needed");
  });

  it("takes not-applicable items out of the sum and lowers the section's maximum", () => {
    const all = Object.fromEntries(ITEMS.map((i) => [i.code, 2])) as Record<string, number | "na">;
    all["MODEL-7"] = "na";
    all["MODEL-3"] = "na";
    const result = readinessScore(items(all));
    const model = result.sections.find((s) => s.key === "MODEL")!;
    expect(model).toMatchObject({ sum: 5, max: 5, notApplicable: 2 });
    expect(result.score).toBe(5);
    expect(result.band).toBe("Strong automated testing and monitoring, fit for mission-critical systems");
  });

  it.each([
    [0, "More of a research project"],
    [0.5, "Not totally untested"],
    [1, "Not totally untested"],
    [1.5, "A first pass"],
    [3, "Reasonably tested"],
    [4, "Strong automated"],
    [5.5, "Exceptional"],
    [7, "Exceptional"],
  ])("reads %s as the paper's band", (score, words) => {
    expect(band(score)).toContain(words);
  });
});
