import { SPEC_SECTIONS, type SuccessCriterion } from "@/lib/specs/schemas";

type Revision = Record<(typeof SPEC_SECTIONS)[number]["key"], string> & {
  number: number;
  status: string;
  successCriteria: SuccessCriterion[];
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** One feature's spec as a Markdown document. */
export function specToMarkdown(title: string, revision: Revision | null): string {
  const lines = [`# ${title}`, ""];
  if (!revision) return [...lines, "_No spec written yet._", ""].join("\n");
  lines.push(`_Spec revision ${revision.number} (${revision.status.toLowerCase().replace("_", " ")})_`, "");
  const section = (label: string, body: string) => lines.push(`## ${label}`, "", body.trim() || "_Not written._", "");
  for (const s of SPEC_SECTIONS.slice(0, 3)) section(s.label, revision[s.key]);
  lines.push("## Success criteria", "");
  if (revision.successCriteria.length) {
    lines.push("| Metric | Target | How measured | Phase |", "| --- | --- | --- | --- |");
    for (const c of revision.successCriteria) {
      lines.push(`| ${cell(c.metric)} | ${cell(c.target)} | ${cell(c.howMeasured)} | ${cell(c.phase)} |`);
    }
  } else {
    lines.push("_None yet._");
  }
  lines.push("");
  for (const s of SPEC_SECTIONS.slice(3)) section(s.label, revision[s.key]);
  return lines.join("\n");
}
