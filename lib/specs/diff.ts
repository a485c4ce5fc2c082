import { diffWords } from "diff";
import { SPEC_SECTIONS } from "@/lib/specs/schemas";
import type { SuccessCriterion } from "@/lib/specs/schemas";

type Comparable = Record<(typeof SPEC_SECTIONS)[number]["key"], string> & { successCriteria: SuccessCriterion[] };

export type DiffPart = { value: string; added: boolean; removed: boolean };
export type SectionDiff = { key: string; label: string; changed: boolean; parts: DiffPart[] };

const criteriaText = (rows: SuccessCriterion[]) =>
  rows.map((c) => `${c.metric} — target ${c.target}${c.howMeasured ? ` — measured by ${c.howMeasured}` : ""}${c.phase ? ` (${c.phase})` : ""}`).join("\n");

/** Section-by-section word diff from revision `a` to revision `b`. */
export function diffSpecs(a: Comparable, b: Comparable): SectionDiff[] {
  const sections = [
    ...SPEC_SECTIONS.slice(0, 3).map((s) => ({ key: s.key, label: s.label, from: a[s.key], to: b[s.key] })),
    { key: "successCriteria", label: "Success criteria", from: criteriaText(a.successCriteria), to: criteriaText(b.successCriteria) },
    ...SPEC_SECTIONS.slice(3).map((s) => ({ key: s.key, label: s.label, from: a[s.key], to: b[s.key] })),
  ];
  return sections.map(({ key, label, from, to }) => {
    const parts = diffWords(from, to).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
    return { key, label, changed: parts.some((p) => p.added || p.removed), parts };
  });
}
