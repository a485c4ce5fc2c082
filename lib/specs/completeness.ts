import { isMeasurable, type SuccessCriterion } from "@/lib/specs/schemas";

export type SpecContent = {
  problem: string;
  customerContext: string;
  constraints: string;
  successCriteria: SuccessCriterion[];
};

/** What the IDEA → POC gate still needs from a spec; empty when complete. */
export function missingFromSpec(spec: SpecContent | null): string[] {
  if (!spec) return ["an approved spec"];
  const missing: string[] = [];
  if (!spec.problem.trim()) missing.push("the problem");
  if (!spec.customerContext.trim()) missing.push("customer and context");
  if (!spec.constraints.trim()) missing.push("constraints");
  if (!spec.successCriteria.some((c) => c.metric.trim() && isMeasurable(c.target))) {
    missing.push("a success criterion with a measurable target");
  }
  return missing;
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
