import type { Metadata } from "next";
import { InsightsFilters } from "@/components/insights/insights-filters";
import { InsightsView } from "@/components/insights/insights-view";
import { requireTeamPage } from "@/lib/authz/pages";
import { parseInsightsFilters } from "@/lib/insights/filters";
import { getInsights } from "@/lib/insights/queries";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamId, team } = await requireTeamPage(params);
  const filters = parseInsightsFilters(await searchParams);
  const insights = await getInsights({ teamId, from: filters.from, to: filters.to, phase: filters.phase });
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Insights</h1>
          <p className="mt-1 text-sm text-slate-700">
            Where {team.name}&apos;s features stall on the way to production, from the stage history, sign-offs, verdicts and
            readiness scores.
          </p>
        </div>
        <InsightsFilters filters={filters} maxPhase={insights.now.maxPhase} />
      </header>
      <InsightsView teamId={teamId} filters={filters} insights={insights} />
    </div>
  );
}
