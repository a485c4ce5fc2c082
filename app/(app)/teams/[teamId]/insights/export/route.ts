import { routeAccess, notFoundResponse } from "@/lib/authz/route";
import { csvResponse } from "@/lib/criteria/csv";
import { tableCsv } from "@/lib/insights/csv";
import { parseInsightsFilters } from "@/lib/insights/filters";
import { getInsights } from "@/lib/insights/queries";
import { insightTables, TABLE_KEYS, type TableKey } from "@/lib/insights/tables";

/** One Insights chart's table as CSV: ?table=funnel&from=…&to=…&phase=… (the page's filters). */
export async function GET(request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const access = await routeAccess(params, "team.view");
  if (!access) return notFoundResponse();
  const search = new URL(request.url).searchParams;
  const key = search.get("table");
  if (!key || !(TABLE_KEYS as readonly string[]).includes(key)) return notFoundResponse();
  const filters = parseInsightsFilters(Object.fromEntries(search));
  const insights = await getInsights({ teamId: access.teamId, from: filters.from, to: filters.to, phase: filters.phase });
  const table = insightTables(insights)[key as TableKey];
  const phase = filters.phase === null ? "" : `-phase-${filters.phase}`;
  return csvResponse(tableCsv(table), `insights-${key}-${filters.fromDate}-to-${filters.toDate}${phase}.csv`);
}
