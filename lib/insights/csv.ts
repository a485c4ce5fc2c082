import { stringify } from "csv-stringify/sync";
import type { InsightTable } from "@/lib/insights/tables";

/**
 * One chart's table as CSV, exactly the rows the page shows. Reasons and
 * feature titles are typed by team members: cells a spreadsheet would run as
 * a formula are prefixed with a single quote (escape_formulas), as for the
 * criteria export.
 */
export function tableCsv(table: InsightTable): string {
  return stringify(
    table.rows.map((row) => row.map((cell) => (cell === null ? "" : cell))),
    { header: true, columns: table.columns, escape_formulas: true, bom: true },
  );
}
