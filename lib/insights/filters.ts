import { z } from "zod";

// The Insights filters come from the URL (?from=2026-01-01&to=2026-06-30&phase=2).
// Like the board's, a bad value is dropped, not an error: the default is the
// last 12 calendar months (this one included), all phases.

const DAY_MS = 24 * 60 * 60 * 1000;
export const EARLIEST_DATE = "2000-01-01";
const LATEST_DATE = "2100-12-31";
export const MAX_PHASE = 999;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= EARLIEST_DATE && v <= LATEST_DATE;
  });
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || Array.isArray(v) ? undefined : v), schema.optional()).catch(undefined);

const rawSchema = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  phase: optional(z.coerce.number().int().min(1).max(MAX_PHASE)),
});

export type InsightsFilters = {
  /** First day counted (UTC midnight). */
  from: Date;
  /** The day after the last day counted (UTC midnight): the range is [from, to). */
  to: Date;
  /** As the date fields show them: YYYY-MM-DD, `toDate` inclusive. */
  fromDate: string;
  toDate: string;
  /** null: every phase. */
  phase: number | null;
};

const day = (date: Date) => date.toISOString().slice(0, 10);
const midnight = (date: string) => new Date(`${date}T00:00:00Z`);

/** The first day of the month `monthsBack` months before `now`'s month (UTC). */
function monthStart(now: Date, monthsBack: number) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

/** The preset ranges offered as links: the last N calendar months, this one included, or everything. */
export function presetRanges(now = new Date()) {
  const today = day(now);
  return [
    ...[3, 6, 12, 24].map((months) => ({ key: `${months}m`, label: `Last ${months} months`, from: day(monthStart(now, months - 1)), to: today })),
    { key: "all", label: "All time", from: EARLIEST_DATE, to: today },
  ];
}

export function parseInsightsFilters(searchParams: Record<string, unknown>, now = new Date()): InsightsFilters {
  const raw = rawSchema.parse(searchParams);
  const defaults = presetRanges(now).find((p) => p.key === "12m")!;
  let fromDate = raw.from ?? defaults.from;
  let toDate = raw.to ?? defaults.to;
  if (fromDate > toDate) [fromDate, toDate] = [defaults.from, defaults.to];
  return {
    from: midnight(fromDate),
    to: new Date(midnight(toDate).getTime() + DAY_MS),
    fromDate,
    toDate,
    phase: raw.phase ?? null,
  };
}

/** The filters as a query string, for links and the CSV downloads. */
export function filtersQuery(filters: Pick<InsightsFilters, "fromDate" | "toDate" | "phase">): string {
  const query = new URLSearchParams({ from: filters.fromDate, to: filters.toDate });
  if (filters.phase !== null) query.set("phase", String(filters.phase));
  return query.toString();
}
