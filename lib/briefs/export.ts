import type { BriefSections, PocResult } from "@/lib/briefs/schemas";
import type { SuccessCriterion } from "@/lib/specs/schemas";

type Revision = BriefSections & {
  number: number;
  createdAt: Date;
  author: { name: string } | null;
  pocResults: PocResult[];
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim();
export const metLabel = (met: boolean | null | undefined) => (met === true ? "Met" : met === false ? "Not met" : "Not decided");

/**
 * A feature's model brief as a Markdown model card, in Model Cards order
 * (Mitchell et al. 2019): details, intended use, data, metrics, quantitative
 * analyses, then what the PoC taught (slices, failure modes, caveats) and
 * what comes after it (monitoring, improvements, enhancements).
 * `criteria` are the approved spec's success criteria (null: none approved).
 */
export function briefToModelCard(title: string, revision: Revision | null, criteria: SuccessCriterion[] | null): string {
  const lines = [`# Model card: ${title}`, ""];
  if (!revision) return [...lines, "_No model brief written yet._", ""].join("\n");
  const section = (label: string, body: string) => lines.push(`## ${label}`, "", body.trim() || "_Not written._", "");

  lines.push(
    "## Model details",
    "",
    `- Feature: ${title}`,
    `- Model brief revision: ${revision.number}`,
    `- Author: ${revision.author?.name ?? "Unknown"}`,
    `- Date: ${revision.createdAt.toISOString().slice(0, 10)}`,
    "",
  );
  section("Intended use", revision.intendedUse);
  section("Out-of-scope uses", revision.outOfScopeUses);
  section("Data", revision.data);
  section("Metrics", revision.metrics);

  lines.push("## Quantitative analyses", "", "PoC results against the success criteria of the approved spec.", "");
  if (!criteria) {
    lines.push("_No spec approved yet._");
  } else if (!criteria.length) {
    lines.push("_The approved spec has no success criteria._");
  } else {
    const byKey = new Map(revision.pocResults.map((r) => [r.criterionKey, r]));
    lines.push("| Criterion | Target | Achieved | Met | Notes |", "| --- | --- | --- | --- | --- |");
    for (const c of criteria) {
      const r = byKey.get(c.key);
      lines.push(`| ${cell(c.metric)} | ${cell(c.target)} | ${cell(r?.achieved || "—")} | ${metLabel(r?.met)} | ${cell(r?.notes ?? "")} |`);
    }
  }
  lines.push("");

  section("Data slices", revision.dataSlices);
  section("Failure modes", revision.failureModes);
  section("Ethical considerations and caveats", revision.caveats);
  section("Monitoring", revision.monitoring);
  section("Improvements", revision.improvements);
  section("Future enhancements", revision.futureEnhancements);
  return lines.join("\n");
}
