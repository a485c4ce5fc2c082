import { stringify } from "csv-stringify/sync";
import { needsReverify } from "@/lib/criteria/reverify";
import { VERDICT_LABELS } from "@/lib/criteria/schemas";

/** What the export needs of a criterion: a row of listCriteriaForExport. */
export type CriterionExportRow = {
  given: string;
  when: string;
  then: string;
  text: string;
  verdict: keyof typeof VERDICT_LABELS;
  verdictAt: Date | null;
  verdictSpecRevisionId: string | null;
  retiredAt: Date | null;
  specRevisionNumber: number | null;
  feature: { title: string; approvedSpecRevisionId: string | null };
  verdicts: { note: string | null; evidenceUrl: string | null; user: { name: string } | null }[];
};

export const CRITERIA_CSV_COLUMNS = [
  "Feature",
  "Criterion",
  "Verdict",
  "Needs re-verify",
  "Verdict at",
  "By",
  "Note",
  "Evidence",
  "Written against spec revision",
  "Retired",
] as const;

const yesNo = (value: boolean) => (value ? "yes" : "no");

/**
 * The criteria as CSV, one row per criterion with its latest verdict.
 * Cells that a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) are prefixed with a single quote: titles,
 * criteria and notes are typed by team members, and opening the file must
 * not run what they typed.
 */
export function criteriaCsv(rows: CriterionExportRow[]): string {
  const records = rows.map((row) => {
    const latest = row.verdicts[0];
    return [
      row.feature.title,
      row.text || `Given ${row.given}; When ${row.when}; Then ${row.then}`,
      VERDICT_LABELS[row.verdict],
      // A retired criterion is never re-verified, whatever its last verdict.
      yesNo(!row.retiredAt && needsReverify(row, row.feature.approvedSpecRevisionId)),
      row.verdictAt?.toISOString() ?? "",
      latest?.user?.name ?? "",
      latest?.note ?? "",
      latest?.evidenceUrl ?? "",
      row.specRevisionNumber === null ? "" : String(row.specRevisionNumber),
      yesNo(!!row.retiredAt),
    ];
  });
  // escape_formulas prefixes = + - @ \t \r (and their full-width forms, which
  // some spreadsheets normalize) with a single quote.
  return stringify(records, { header: true, columns: [...CRITERIA_CSV_COLUMNS], escape_formulas: true, bom: true });
}

/** A CSV download that no shared cache keeps. */
export function csvResponse(body: string, filename: string) {
  const safe = filename.replace(/[^\w.-]+/g, "-").replace(/^[-.]+/, "") || "export.csv";
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safe}"`,
      "cache-control": "private, no-store",
    },
  });
}
