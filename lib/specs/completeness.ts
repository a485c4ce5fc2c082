import { isMeasurable, type SuccessCriterion } from "@/lib/specs/schemas";

export type SpecContent = {
  problem: string;
  customerContext: string;
  constraints: string;
  successCriteria: SuccessCriterion[];
};

/** A missing part of a spec, by the form field it belongs to. */
export type SpecGap = { field: "problem" | "customerContext" | "constraints" | "successCriteria"; missing: string; message: string };

/**
 * What a spec still lacks to be complete (the IDEA → POC gate's rule, and
 * what a revision needs before it is sent for review); empty when complete.
 */
export function specGaps(spec: SpecContent): SpecGap[] {
  const gaps: SpecGap[] = [];
  if (!spec.problem.trim()) gaps.push({ field: "problem", missing: "the problem", message: "Write the problem." });
  if (!spec.customerContext.trim()) {
    gaps.push({ field: "customerContext", missing: "customer and context", message: "Write the customer and context." });
  }
  if (!spec.constraints.trim()) gaps.push({ field: "constraints", missing: "constraints", message: "Write the constraints." });
  if (!spec.successCriteria.some((c) => c.metric.trim() && isMeasurable(c.target))) {
    gaps.push({
      field: "successCriteria",
      missing: "a success criterion with a measurable target",
      message: "Add a success criterion with a measurable target (a number, like “≥ 0.90”).",
    });
  }
  return gaps;
}

/** What the IDEA → POC gate still needs from a spec; empty when complete. */
export function missingFromSpec(spec: SpecContent | null): string[] {
  if (!spec) return ["an approved spec"];
  return specGaps(spec).map((g) => g.missing);
}

/** Parses the stored JSON of success criteria defensively. */
export function readCriteria(value: unknown): SuccessCriterion[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row) => {
    if (!row || typeof row !== "object") return [];
    const r = row as Record<string, unknown>;
    const text = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : "");
    return [{ key: text("key"), metric: text("metric"), target: text("target"), howMeasured: text("howMeasured"), phase: text("phase") }];
  });
}
