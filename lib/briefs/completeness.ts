import type { PocResult } from "@/lib/briefs/schemas";
import type { SuccessCriterion } from "@/lib/specs/schemas";

export type BriefContent = {
  pocResults: PocResult[];
  failureModes: string;
  monitoring: string;
};

const written = (text: string | undefined) => !!text?.trim();

/** A result counts once it states what was achieved and whether that met the target. */
export function isComplete(result: PocResult | undefined): boolean {
  return !!result && written(result.achieved) && result.met !== null;
}

/** Success criteria of the approved spec that have no complete PoC result yet. */
export function criteriaWithoutResult(criteria: SuccessCriterion[], results: PocResult[]): SuccessCriterion[] {
  const byKey = new Map(results.map((r) => [r.criterionKey, r]));
  return criteria.filter((c) => !isComplete(byKey.get(c.key)));
}

/**
 * What the POC → BUILD gate still needs from the brief; empty when complete.
 * `criteria` are the approved spec's success criteria (null: none approved).
 */
export function missingForPoc(brief: BriefContent | null, criteria: SuccessCriterion[] | null): string[] {
  const missing: string[] = [];
  if (!criteria) missing.push("an approved spec to report PoC results against");
  else if (!criteria.length) missing.push("success criteria in the approved spec to report PoC results against");
  else {
    const open = criteriaWithoutResult(criteria, brief?.pocResults ?? []);
    if (open.length) {
      const names = open.map((c) => `“${c.metric || "unnamed criterion"}”`).join(", ");
      missing.push(`a PoC result (achieved value, met or not) for ${names}`);
    }
  }
  if (!written(brief?.failureModes)) missing.push("failure modes");
  return missing;
}

/** Whether the brief says how the model is monitored in production. */
export function hasMonitoringPlan(brief: Pick<BriefContent, "monitoring"> | null): boolean {
  return written(brief?.monitoring);
}

/** Parses the stored JSON of PoC results defensively. */
export function readPocResults(value: unknown): PocResult[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row) => {
    if (!row || typeof row !== "object") return [];
    const r = row as Record<string, unknown>;
    const text = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : "");
    if (!text("criterionKey")) return [];
    return [{ criterionKey: text("criterionKey"), achieved: text("achieved"), met: typeof r.met === "boolean" ? r.met : null, notes: text("notes") }];
  });
}
