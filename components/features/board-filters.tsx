import Link from "next/link";
import type { BoardFilters as Filters } from "@/lib/features/board";

type Option = { value: string; label: string };

/** A plain GET form: filters live in the URL, so they can be shared and bookmarked. */
export function BoardFilters({ filters, people, roles }: { filters: Filters; people: Option[]; roles: Option[] }) {
  const control =
    "rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700";
  return (
    <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label="Filter features">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Search
        <input name="q" type="search" defaultValue={filters.q ?? ""} className={control} placeholder="Title or summary" />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Phase
        <select name="phase" defaultValue={filters.phase ?? ""} className={control}>
          <option value="">Any</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              Phase {n}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Person
        <select name="person" defaultValue={filters.person ?? ""} className={control}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Waiting on
        <select name="waitingOn" defaultValue={filters.waitingOn ?? ""} className={control}>
          <option value="">Any role</option>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Stuck for more than (days)
        <input name="stuckDays" type="number" min={0} defaultValue={filters.stuckDays ?? ""} className={`${control} w-28`} />
      </label>
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
        Apply
      </button>
      <Link href="?" className="text-sm text-indigo-700 underline">
        Clear
      </Link>
    </form>
  );
}
