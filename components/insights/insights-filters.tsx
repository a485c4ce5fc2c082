import Link from "next/link";
import { filtersQuery, presetRanges, EARLIEST_DATE, type InsightsFilters as Filters } from "@/lib/insights/filters";

const control =
  "rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700";

/** A plain GET form: the range and phase live in the URL, so a view can be shared. */
export function InsightsFilters({ filters, maxPhase }: { filters: Filters; maxPhase: number }) {
  const presets = presetRanges();
  const phases = Array.from({ length: Math.min(maxPhase, 20) }, (_, i) => i + 1);
  return (
    <div className="flex flex-col gap-3">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter insights">
        <label className="flex flex-col gap-1 text-xs font-medium">
          From
          <input name="from" type="date" min={EARLIEST_DATE} defaultValue={filters.fromDate} className={control} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          To
          <input name="to" type="date" min={EARLIEST_DATE} defaultValue={filters.toDate} className={control} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Phase
          <select name="phase" defaultValue={filters.phase ?? ""} className={control}>
            <option value="">All phases</option>
            {phases.map((n) => (
              <option key={n} value={n}>
                Phase {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
          Apply
        </button>
      </form>
      <nav aria-label="Time ranges">
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {presets.map((p) => {
            const current = p.from === filters.fromDate && p.to === filters.toDate;
            return (
              <li key={p.key}>
                <Link
                  href={`?${filtersQuery({ fromDate: p.from, toDate: p.to, phase: filters.phase })}`}
                  aria-current={current ? "page" : undefined}
                  className={current ? "font-semibold text-slate-900" : "text-indigo-700 underline"}
                >
                  {p.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
