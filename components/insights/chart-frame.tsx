import type { ReactNode } from "react";
import type { Cell, InsightTable } from "@/lib/insights/tables";

/**
 * The chart colours, as CSS variables on the wrapper: Plot's marks read them
 * (fill="var(--stage-BUILD)"). They name palette colours, which the dark
 * theme remaps (app/dark-palette.css), so charts follow the theme; text and
 * axes are currentColor.
 */
export const chartColorsClass =
  "[--chart-surface:var(--color-white)] [--chart-accent:var(--color-indigo-600)] [--chart-accent-strong:var(--color-indigo-900)] [--chart-muted:var(--color-slate-400)] " +
  "[--stage-IDEA:var(--color-slate-500)] [--stage-POC:var(--color-sky-600)] [--stage-BUILD:var(--color-indigo-600)] [--stage-VALIDATION:var(--color-amber-700)] " +
  "[--stage-PRODUCTION:var(--color-teal-700)] [--stage-PAUSED:var(--color-stone-400)] [--stage-RETIRED:var(--color-rose-700)] " +
  "[--kind-paused:var(--color-stone-400)] [--kind-retired:var(--color-rose-700)] [--kind-moved_back:var(--color-amber-700)] " +
  "[--verdict-PASSED:var(--color-green-700)] [--verdict-FAILED:var(--color-rose-700)] [--verdict-BLOCKED:var(--color-amber-700)] [--verdict-UNTESTED:var(--color-slate-400)]";

// What Plot's dropped <style> element said, as classes: the SVG scales down
// to the width it has and keeps its proportions.
const svgClass = "[&_svg]:block [&_svg]:h-auto [&_svg]:max-w-full [&_text]:whitespace-pre";

const show = (cell: Cell) => (cell === null ? "–" : typeof cell === "number" ? cell.toLocaleString("en") : cell);

/** A table alternative to a chart: the same rows the CSV download has. */
export function InsightTableView({ table, id }: { table: InsightTable; id?: string }) {
  return (
    <div className="overflow-x-auto">
      <table id={id} className="w-full text-left text-sm">
        <caption className="sr-only">{table.title}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={`px-2 py-1 font-medium ${i > 0 ? "text-right" : ""}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length ? (
            table.rows.map((row, r) => (
              <tr key={r} className="border-b border-slate-100">
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="px-2 py-1 font-normal break-words">
                      {show(cell)}
                    </th>
                  ) : (
                    <td key={i} className={`px-2 py-1 ${typeof cell === "number" || cell === null ? "text-right tabular-nums" : ""}`}>
                      {show(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={table.columns.length} className="px-2 py-2 text-slate-600">
                Nothing in this range.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export type LegendItem = { label: string; color: string; kind?: "swatch" | "line" };

/** Legends are HTML, not part of the SVG, so they wrap on a phone. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span className={item.kind === "line" ? `inline-block h-0.5 w-4 ${item.color}` : `inline-block size-3 rounded-sm ${item.color}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * One figure: heading, how it is counted, the chart (SVG drawn on the
 * server), its table in a disclosure, and the CSV of that table.
 */
export function ChartFrame({
  id,
  title,
  definition,
  svg,
  empty,
  table,
  csvHref,
  summary,
  legend,
  tableOpen = false,
}: {
  id: string;
  title: string;
  definition: string;
  svg: string | null;
  empty: string;
  table: InsightTable;
  csvHref: string;
  summary?: ReactNode;
  legend?: LegendItem[];
  tableOpen?: boolean;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {summary ? <div className="text-sm text-slate-800">{summary}</div> : null}
      {svg ? (
        <figure className="m-0" data-chart={id}>
          <div className={svgClass} dangerouslySetInnerHTML={{ __html: svg }} />
          {legend ? <ChartLegend items={legend} /> : null}
        </figure>
      ) : (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">{empty}</p>
      )}
      <p className="text-xs text-slate-600">{definition}</p>
      <details open={tableOpen} className="text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700">Table: {title}</summary>
        <div className="mt-2">
          <InsightTableView table={table} />
        </div>
      </details>
      <a href={csvHref} className="self-start text-sm font-medium text-indigo-700 underline" download>
        Download CSV<span className="sr-only">: {title}</span>
      </a>
    </section>
  );
}
