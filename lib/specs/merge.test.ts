import { describe, expect, it } from "vitest";
import { combinedText, describeMerge, mergeSpecs, resolveMerge, type SpecDraft } from "@/lib/specs/merge";

const BASE: SpecDraft = {
  problem: "Chargebacks cost 2% of revenue.",
  customerContext: "Checkout, EU card payments.",
  constraints: "Under 100 ms p95.",
  phases: "",
  outOfScope: "",
  openQuestions: "",
  successCriteria: [{ key: "k1", metric: "precision", target: ">= 0.9", howMeasured: "holdout", phase: "1" }],
};
const spec = (changes: Partial<SpecDraft>): SpecDraft => ({ ...BASE, ...changes });
const criterion = (metric: string, target: string, key = "") => ({ key, metric, target, howMeasured: "holdout", phase: "1" });

describe("mergeSpecs", () => {
  it.each([
    {
      name: "nobody changed anything",
      mine: {},
      theirs: {},
      kinds: {},
      merged: {},
    },
    {
      name: "each changed a different section: both kept",
      mine: { openQuestions: "Seasonal items?" },
      theirs: { outOfScope: "Perishable goods" },
      kinds: { openQuestions: "mine", outOfScope: "theirs" },
      merged: { openQuestions: "Seasonal items?", outOfScope: "Perishable goods" },
    },
    {
      name: "only they changed a section: theirs taken",
      mine: {},
      theirs: { problem: "Chargebacks cost 3% of revenue." },
      kinds: { problem: "theirs" },
      merged: { problem: "Chargebacks cost 3% of revenue." },
    },
    {
      name: "only I changed a section: mine kept",
      mine: { constraints: "Under 80 ms p95." },
      theirs: {},
      kinds: { constraints: "mine" },
      merged: { constraints: "Under 80 ms p95." },
    },
    {
      name: "both made the same change: taken once",
      mine: { phases: "Phase 1: rules" },
      theirs: { phases: "Phase 1: rules" },
      kinds: { phases: "same" },
      merged: { phases: "Phase 1: rules" },
    },
    {
      name: "both changed the same section differently: a conflict that keeps mine until settled",
      mine: { problem: "Mine" },
      theirs: { problem: "Theirs", openQuestions: "Who owns it?" },
      kinds: { problem: "conflict", openQuestions: "theirs" },
      merged: { problem: "Mine", openQuestions: "Who owns it?" },
    },
    {
      name: "I emptied a section they did not touch: the deletion is kept",
      mine: { constraints: "" },
      theirs: { problem: "Theirs" },
      kinds: { constraints: "mine", problem: "theirs" },
      merged: { constraints: "", problem: "Theirs" },
    },
    {
      name: "line endings sent by a browser (CRLF) are no change",
      mine: { customerContext: "Line one\r\nLine two" },
      theirs: { customerContext: "Line one\nLine two", problem: "Theirs" },
      kinds: { customerContext: "same", problem: "theirs" },
      merged: { customerContext: "Line one\nLine two", problem: "Theirs" },
    },
    {
      name: "only they changed the criteria: their rows (and keys) taken",
      mine: { openQuestions: "Q" },
      theirs: { successCriteria: [criterion("precision", ">= 0.95", "k1"), criterion("recall", ">= 0.5", "k2")] },
      kinds: { successCriteria: "theirs", openQuestions: "mine" },
      merged: { successCriteria: [criterion("precision", ">= 0.95", "k1"), criterion("recall", ">= 0.5", "k2")], openQuestions: "Q" },
    },
    {
      name: "criteria compare by content: a new row without its key yet and blank rows are no change",
      mine: { successCriteria: [criterion(" precision ", ">= 0.9", "k1"), { key: "", metric: "", target: "", howMeasured: "", phase: "" }] },
      theirs: { successCriteria: [criterion("precision", ">= 0.9", "k1")] },
      kinds: {},
      // Unchanged sections keep the editor's own rows.
      merged: { successCriteria: [criterion(" precision ", ">= 0.9", "k1"), { key: "", metric: "", target: "", howMeasured: "", phase: "" }] },
    },
    {
      name: "both changed the criteria differently: a conflict",
      mine: { successCriteria: [criterion("precision", ">= 0.92", "k1")] },
      theirs: { successCriteria: [criterion("precision", ">= 0.95", "k1")] },
      kinds: { successCriteria: "conflict" },
      merged: { successCriteria: [criterion("precision", ">= 0.92", "k1")] },
    },
  ] as const)("$name", ({ mine, theirs, kinds, merged }) => {
    const result = mergeSpecs(BASE, spec(mine as Partial<SpecDraft>), spec(theirs as Partial<SpecDraft>));
    const changed = Object.fromEntries(result.sections.filter((s) => s.kind !== "unchanged").map((s) => [s.key, s.kind]));
    expect(changed).toEqual(kinds);
    expect(result.conflicts).toEqual(Object.entries(kinds).filter(([, k]) => k === "conflict").map(([key]) => key));
    expect(result.merged).toEqual(spec(merged as Partial<SpecDraft>));
  });

  it("lists every section in reading order, criteria after constraints", () => {
    expect(mergeSpecs(BASE, BASE, BASE).sections.map((s) => s.key)).toEqual([
      "problem",
      "customerContext",
      "constraints",
      "successCriteria",
      "phases",
      "outOfScope",
      "openQuestions",
    ]);
  });
});

describe("resolveMerge", () => {
  const mine = spec({ problem: "Mine", constraints: "My constraints", successCriteria: [criterion("recall", ">= 0.5")] });
  const theirs = spec({ problem: "Theirs", constraints: "Their constraints", outOfScope: "Perishables", successCriteria: [criterion("auc", ">= 0.8", "k9")] });
  const merge = mergeSpecs(BASE, mine, theirs);

  it.each([
    ["no choice keeps mine", {}, { problem: "Mine", constraints: "My constraints", successCriteria: mine.successCriteria }],
    [
      "theirs, mine and an edited text, one per section",
      {
        problem: { choice: "theirs" },
        constraints: { choice: "edited", text: "Both:\r\nmine and theirs" },
        successCriteria: { choice: "theirs" },
      },
      { problem: "Theirs", constraints: "Both:\nmine and theirs", successCriteria: theirs.successCriteria },
    ],
    ["an edited text for the criteria table keeps my rows", { successCriteria: { choice: "edited", text: "x" } }, { successCriteria: mine.successCriteria }],
  ] as const)("%s", (_name, resolutions, expected) => {
    expect(merge.conflicts).toEqual(["problem", "constraints", "successCriteria"]);
    // The section only they changed is in, whatever the choices.
    expect(resolveMerge(merge, mine, theirs, resolutions)).toEqual({ ...mine, outOfScope: "Perishables", ...expected });
  });
});

describe("what the user is told", () => {
  it("names the sections kept from each side", () => {
    const merge = mergeSpecs(BASE, spec({ openQuestions: "Q", phases: "P" }), spec({ outOfScope: "O", phases: "P" }));
    expect(describeMerge(merge, "Poppy PM")).toEqual([
      "Poppy PM’s changes to Out of scope were kept.",
      "Your changes to Open questions were kept.",
      "You both made the same change to Phases.",
    ]);
    const many = mergeSpecs(BASE, spec({ problem: "a", constraints: "b", openQuestions: "c" }), BASE);
    expect(describeMerge(many, "Poppy PM")).toEqual(["Your changes to Problem, Constraints and Open questions were kept."]);
  });

  it("starts a combined text with both texts, nothing dropped", () => {
    expect(combinedText("Mine\r\n", "Theirs")).toBe("Theirs\n\nMine");
    expect(combinedText("", "Theirs")).toBe("Theirs");
    expect(combinedText("Mine", "")).toBe("Mine");
  });
});
