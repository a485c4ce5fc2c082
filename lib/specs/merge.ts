import { SPEC_SECTIONS, type SpecSectionKey, type SuccessCriterion } from "@/lib/specs/schemas";

/** A spec's content as an editor holds it. */
export type SpecDraft = Record<SpecSectionKey, string> & { successCriteria: SuccessCriterion[] };

export type MergeKey = SpecSectionKey | "successCriteria";

/**
 * What happened to one section: nobody changed it, only one side did (that
 * side's text is taken), both made the same change, or both changed it
 * differently (a conflict the user settles).
 */
export type MergeKind = "unchanged" | "mine" | "theirs" | "same" | "conflict";

export type SectionMerge = { key: MergeKey; label: string; kind: MergeKind };

export type SpecMerge = {
  /** The merged spec; a conflicting section holds the user's own text until settled. */
  merged: SpecDraft;
  /** Every section in reading order, with what the merge did to it. */
  sections: SectionMerge[];
  conflicts: MergeKey[];
};

/** The sections in the order the spec reads (success criteria after constraints). */
export const MERGE_SECTIONS: { key: MergeKey; label: string }[] = [
  ...SPEC_SECTIONS.slice(0, 3).map((s) => ({ key: s.key, label: s.label })),
  { key: "successCriteria", label: "Success criteria" },
  ...SPEC_SECTIONS.slice(3).map((s) => ({ key: s.key, label: s.label })),
];

// A browser sends a textarea's line breaks as CRLF: the same text typed once
// must not look changed because it went through a form.
const text = (value: string) => value.replace(/\r\n?/g, "\n");

// Criteria compare by what they say, not by their keys: the server gives a
// new row its key only when it is saved, and skips rows left blank.
const criteriaText = (rows: SuccessCriterion[]) =>
  JSON.stringify(
    rows
      .map((c) => [c.metric.trim(), c.target.trim(), c.howMeasured.trim(), c.phase.trim()])
      .filter(([metric, target, howMeasured]) => metric || target || howMeasured),
  );

function compare(key: MergeKey, spec: SpecDraft): string {
  return key === "successCriteria" ? criteriaText(spec.successCriteria) : text(spec[key]);
}

/**
 * Three-way merge of a spec, section by section: `base` is the revision the
 * editor started from, `mine` what the editor holds now, `theirs` the latest
 * saved revision. A section only one side changed takes that side's text;
 * a section both changed the same way takes it once; a section both changed
 * differently is a conflict and keeps `mine` in `merged` until the user
 * chooses. Pure: the editor runs it in the browser, the tests run it here.
 */
export function mergeSpecs(base: SpecDraft, mine: SpecDraft, theirs: SpecDraft): SpecMerge {
  const merged = { ...mine, successCriteria: mine.successCriteria } as SpecDraft;
  const sections = MERGE_SECTIONS.map(({ key, label }): SectionMerge => {
    const [b, m, t] = [compare(key, base), compare(key, mine), compare(key, theirs)];
    const kind: MergeKind = m === t ? (m === b ? "unchanged" : "same") : m === b ? "theirs" : t === b ? "mine" : "conflict";
    if (kind === "theirs" || kind === "same") take(merged, theirs, key);
    else if (key !== "successCriteria") merged[key] = text(mine[key]);
    return { key, label, kind };
  });
  return { merged, sections, conflicts: sections.filter((s) => s.kind === "conflict").map((s) => s.key) };
}

function take(target: SpecDraft, source: SpecDraft, key: MergeKey) {
  if (key === "successCriteria") target.successCriteria = source.successCriteria;
  else target[key] = text(source[key]);
}

/** The user's choice for a conflicting section. */
export type Resolution = { choice: "mine" | "theirs" } | { choice: "edited"; text: string };

/**
 * The merged spec with each conflict settled. A conflict left without a
 * choice keeps the user's text. An edited text applies to text sections;
 * for success criteria (a table, edited in the editor afterwards) it reads
 * as "mine".
 */
export function resolveMerge(
  merge: SpecMerge,
  mine: SpecDraft,
  theirs: SpecDraft,
  resolutions: Partial<Record<MergeKey, Resolution>>,
): SpecDraft {
  const out = { ...merge.merged };
  for (const key of merge.conflicts) {
    const r = resolutions[key];
    if (!r || r.choice === "mine") take(out, mine, key);
    else if (r.choice === "theirs") take(out, theirs, key);
    else if (r.choice === "edited" && key !== "successCriteria") out[key] = text(r.text);
  }
  return out;
}

/** What the merge did, in words, for the sections that merged on their own. */
export function describeMerge(merge: SpecMerge, theirAuthor: string): string[] {
  const by = (kind: MergeKind) => merge.sections.filter((s) => s.kind === kind).map((s) => s.label);
  const list = (labels: string[]) =>
    labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
  const lines: string[] = [];
  const theirs = by("theirs");
  const mine = by("mine");
  const same = by("same");
  if (theirs.length) lines.push(`${theirAuthor}’s changes to ${list(theirs)} were kept.`);
  if (mine.length) lines.push(`Your changes to ${list(mine)} were kept.`);
  if (same.length) lines.push(`You both made the same change to ${list(same)}.`);
  return lines;
}

/** A combined text to start from when both changed a section: theirs, then mine, nothing dropped. */
export function combinedText(mine: string, theirs: string): string {
  const [m, t] = [text(mine).trimEnd(), text(theirs).trimEnd()];
  if (!t) return m;
  if (!m) return t;
  return `${t}\n\n${m}`;
}
