import { describe, expect, it } from "vitest";
import { band, ITEMS, readinessScore, sectionSum, weakestPhrase, type ItemState } from "@/lib/readiness/rubric";

const items = (spec: Record<string, number | "na">): ItemState[] =>
  Object.entries(spec).map(([code, v]) => ({ code, halves: v === "na" ? 0 : v, notApplicable: v === "na" }));

describe("the ML Test Score", () => {
  it("has 28 tests, seven per section", () => {
    expect(ITEMS).toHaveLength(28);
    expect(new Set(ITEMS.map((i) => i.section)).size).toBe(4);
  });

  it("is 0 with nothing done", () => {
    expect(readinessScore([])).toMatchObject({ score: 0, weakest: "all four sections tie at 0 of 7", band: "More of a research project than a productionized system" });
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
    // Model and Infra both sum to 2: a tie, named as one.
    expect(result.weakestSections.map((s) => s.key)).toEqual(["MODEL", "INFRA"]);
    expect(result.weakest).toBe("Model development and ML infrastructure tie at 2 of 7");
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

  it("names one weakest section alone, and every tie as a tie", () => {
    const one = readinessScore(items({ "DATA-1": 2, "MODEL-1": 2, "INFRA-1": 2, "MONITORING-1": 1 }));
    expect(one.weakestSections.map((s) => s.key)).toEqual(["MONITORING"]);
    expect(one.weakest).toBe("Monitoring at ½ of 7");
    const three = readinessScore(items({ "DATA-1": 2, "DATA-2": 2, "MODEL-1": 2, "INFRA-1": 2, "MONITORING-1": 2 }));
    expect(three.weakest).toBe("Model development, ML infrastructure and Monitoring tie at 1 of 7");
    // Different maxima (a test not applicable): each section says its own.
    const na = readinessScore(items({ "DATA-7": "na", "DATA-1": 2, "DATA-2": 2, "MODEL-1": 2, "MODEL-2": 2, "INFRA-1": 2, "INFRA-2": 2, "INFRA-3": 2, "MONITORING-1": 2, "MONITORING-2": 2, "MONITORING-3": 1 }));
    expect(na.weakest).toBe("Data (2 of 6) and Model development (2 of 7) tie at 2");
    const all = readinessScore(items({ "DATA-1": 1, "MODEL-1": 1, "INFRA-1": 1, "MONITORING-1": 1 }));
    expect(all.weakest).toBe("all four sections tie at ½ of 7");
    expect(weakestPhrase([])).toBe("");
    expect([sectionSum({ sum: 0, max: 7 }), sectionSum({ sum: 1.5, max: 6 }), sectionSum({ sum: 7, max: 7 })]).toEqual(["0 of 7", "1½ of 6", "7 of 7"]);
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
