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

// Private-use characters that mark where an insertion or a deletion starts
// and ends inside Markdown source; the renderer's highlight step turns them
// into <ins> / <del> after sanitizing. Any the author typed are dropped first.
export const MARK = { insOpen: "\uE000", insClose: "\uE001", delOpen: "\uE002", delClose: "\uE003" } as const;
const MARKS = /[\uE000-\uE003]/g;

// A mark before a line's block syntax ("- ", "# ", "1. ", "> ") would stop
// Markdown from seeing the list or heading: it moves after it.
const BLOCK_PREFIX = /(^|\n)([\uE000\uE002])((?:[ \t]*(?:#{1,6}|[-*+]|\d{1,9}[.)]|>)[ \t]+)+)/g;

/**
 * The Markdown of `to` with the words added since `from` wrapped in
 * insertion marks and the words removed put back inside deletion marks, so
 * the text renders as written with its changes shown in place.
 */
export function markChanges(from: string, to: string): string {
  const clean = (s: string) => s.replace(MARKS, "").replace(/\r\n?/g, "\n");
  const marked = diffWords(clean(from), clean(to))
    .map((p) => (p.added ? `${MARK.insOpen}${p.value}${MARK.insClose}` : p.removed ? `${MARK.delOpen}${p.value}${MARK.delClose}` : p.value))
    .join("");
  return marked.replace(BLOCK_PREFIX, "$1$3$2");
}

/** Word diff of two short texts (a table cell), as parts. */
export function diffText(from: string, to: string): DiffPart[] {
  return diffWords(from, to).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}
