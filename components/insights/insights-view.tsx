import "server-only";
import Link from "next/link";
import { ROLE_LABELS, roleName } from "@/lib/authz/permissions";
import { STAGE_LABELS } from "@/lib/features/stages";
import { DAYS_PER_MONTH, DEFINITIONS, INDUSTRY_FIGURES, percent, STOP_KIND_LABELS, STOP_KINDS } from "@/lib/insights/definitions";
import { filtersQuery, type InsightsFilters } from "@/lib/insights/filters";
import type { Insights } from "@/lib/insights/queries";
import { insightTables, type TableKey } from "@/lib/insights/tables";
import { SECTIONS } from "@/lib/readiness/rubric";
import { ChartFrame, chartColorsClass, InsightTableView, type LegendItem } from "@/components/insights/chart-frame";
import {
  funnelChart,
  latencyChart,
  leadTimeChart,
  pocToProductionChart,
  qaChart,
  readinessBandsChart,
  stageTimeChart,
  stageTrendChart,
  stopsByReasonChart,
  stopsByStageChart,
  throughputChart,
} from "@/components/insights/charts";
import { STAGE_SWATCH } from "@/components/insights/swatches";

const KIND_SWATCH: Record<string, string> = {
  paused: "bg-(--kind-paused)",
  retired: "bg-(--kind-retired)",
  moved_back: "bg-(--kind-moved_back)",
};
const stopsLegend: LegendItem[] = STOP_KINDS.map((k) => ({ label: STOP_KIND_LABELS[k], color: KIND_SWATCH[k]! }));
const medianLegend = (barColor: string): LegendItem[] => [
  { label: "median", color: barColor },
  { label: "to the 90th percentile", color: "bg-slate-900", kind: "line" },
];

/** "data scientist", "QA": a role inside a sentence. */
const roleWord = (role: keyof typeof ROLE_LABELS) => roleName(role);

const months = (daysValue: number | null) => (daysValue === null ? "–" : `${(daysValue / DAYS_PER_MONTH).toFixed(1)} months`);

export function InsightsView({ teamId, filters, insights }: { teamId: string; filters: InsightsFilters; insights: Insights }) {
  const { history: h, now: n } = insights;
  const tables = insightTables(insights);
  const csv = (key: TableKey) => `/teams/${teamId}/insights/export?table=${key}&${filtersQuery(filters)}`;
  const frame = (key: TableKey) => ({ id: key, table: tables[key], csvHref: csv(key), title: tables[key].title });
  const poc = h.pocToProduction;
  const weakest = n.readiness.weakest ? n.readiness.sections.find((s) => s.key === n.readiness.weakest)! : null;
  const trendStages = [...new Set(h.stageTrend.map((t) => t.stage))];

  return (
    <div className={`flex flex-col gap-6 ${chartColorsClass}`}>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Headline figures">
        <Stat label="Proof of concept → production" value={percent(poc.production, poc.entered)} detail={`${poc.production} of ${poc.entered} trips`} />
        <Stat
          label="Median lead time"
          value={months(h.leadTime.median)}
          detail={`${INDUSTRY_FIGURES.prototypeToProductionMonths.label}: ${INDUSTRY_FIGURES.prototypeToProductionMonths.months} months on average`}
        />
        <Stat label="Reached production" value={String(h.throughput.reduce((s, t) => s + t.n, 0))} detail="in the range" />
        <Stat label="First-pass rate" value={percent(h.qa.firstPassed, h.qa.firstVerdicts)} detail={`${h.qa.firstVerdicts} criteria judged`} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFrame
          {...frame("funnel")}
          definition={DEFINITIONS.funnel}
          svg={funnelChart(h)}
          empty="No feature started its trip in this range."
          summary="Each bar is the trips that reached the stage; the label says how many went on through its gate."
        />
        <ChartFrame
          {...frame("poc-to-production")}
          definition={DEFINITIONS.pocToProduction}
          svg={pocToProductionChart(h)}
          empty="No trip in this range entered proof of concept."
          summary={
            <>
              <p>
                {percent(poc.production, poc.entered)} of this team&apos;s trips that entered proof of concept reached production
                ({poc.production} of {poc.entered}); {percent(poc.production, poc.production + poc.retired)} of those decided.
              </p>
              <ul className="mt-2 list-disc pl-5 text-xs text-slate-700">
                {INDUSTRY_FIGURES.pilotToProduction.map((s) => (
                  <li key={s.key}>{s.text}</li>
                ))}
              </ul>
            </>
          }
          legend={[
            { label: "this team", color: "bg-(--chart-accent)" },
            { label: "published surveys", color: "bg-(--chart-muted)" },
          ]}
        />
        <ChartFrame
          {...frame("stage-time")}
          definition={DEFINITIONS.timeInStage}
          svg={stageTimeChart(h)}
          empty="No stay in a stage ended in this range."
          legend={medianLegend("bg-slate-500")}
        />
        <ChartFrame
          {...frame("stage-trend")}
          definition="The median of the stays that ended in each month; a month without a point had no stay of that stage ending."
          svg={stageTrendChart(h)}
          empty="No stay in a stage ended in this range."
          legend={trendStages.map((s) => ({ label: STAGE_LABELS[s], color: STAGE_SWATCH[s]! }))}
        />
        <ChartFrame
          {...frame("lead-time")}
          definition={DEFINITIONS.leadTime}
          svg={leadTimeChart(h)}
          empty="No trip reached production in this range."
          summary={
            h.leadTime.n > 0 ? (
              <p>
                {h.leadTime.n} {h.leadTime.n === 1 ? "trip" : "trips"}: median {months(h.leadTime.median)}, 90th percentile{" "}
                {months(h.leadTime.p90)}, average {months(h.leadTime.mean)}. {INDUSTRY_FIGURES.prototypeToProductionMonths.text}
              </p>
            ) : null
          }
          legend={[
            { label: "trips", color: "bg-(--chart-accent)" },
            { label: "team median", color: "bg-(--chart-accent-strong)", kind: "line" },
            { label: "Gartner 2024 average", color: "bg-slate-900", kind: "line" },
          ]}
        />
        <ChartFrame
          {...frame("throughput")}
          definition={DEFINITIONS.throughput}
          svg={throughputChart(h)}
          empty="No trip reached production in this range."
        />
        <ChartFrame
          {...frame("stops-by-stage")}
          definition={DEFINITIONS.stops}
          svg={stopsByStageChart(h)}
          empty="No feature was paused, retired or moved back in this range."
          legend={stopsLegend}
        />
        <ChartFrame
          {...frame("stops-by-reason")}
          definition="The most frequent reasons given (up to ten in the table, six in the chart); the rest are counted together."
          svg={stopsByReasonChart(h)}
          empty="No feature was paused, retired or moved back in this range."
          legend={stopsLegend}
        />
        <ChartFrame
          {...frame("signoff-latency")}
          definition={DEFINITIONS.signoffLatency}
          svg={latencyChart(h)}
          empty="No sign-off request was answered in this range."
          legend={medianLegend("bg-(--chart-accent)")}
          tableOpen={h.signoffLatency.some((r) => r.open > 0)}
        />
        <WaitingList teamId={teamId} insights={insights} csvHref={csv("waiting")} />
        <ChartFrame
          {...frame("qa")}
          definition={DEFINITIONS.qa}
          svg={qaChart(h)}
          empty="No acceptance criterion got its first verdict in this range."
          summary={
            <p>
              First-pass rate {percent(h.qa.firstPassed, h.qa.firstVerdicts)} ({h.qa.firstPassed} of {h.qa.firstVerdicts}); re-verify rate{" "}
              {percent(h.qa.reverifications, h.qa.verdicts)} ({h.qa.reverifications} of {h.qa.verdicts} verdicts); {n.reverifyNow} waiting
              for re-verification now.
            </p>
          }
          legend={[
            { label: "passed", color: "bg-(--verdict-PASSED)" },
            { label: "failed", color: "bg-(--verdict-FAILED)" },
            { label: "blocked", color: "bg-(--verdict-BLOCKED)" },
          ]}
        />
        <ChartFrame
          {...frame("readiness-bands")}
          definition={DEFINITIONS.readiness}
          svg={readinessBandsChart(n)}
          empty="No feature is in validation or production now."
          summary={
            weakest ? (
              <p>
                Weakest section across the team: <strong>{SECTIONS.find((s) => s.key === weakest.key)!.label}</strong> (average{" "}
                {weakest.mean!.toFixed(2)} of 7, over {n.readiness.features} {n.readiness.features === 1 ? "feature" : "features"}).
              </p>
            ) : null
          }
          legend={[
            { label: STAGE_LABELS.VALIDATION, color: STAGE_SWATCH.VALIDATION! },
            { label: STAGE_LABELS.PRODUCTION, color: STAGE_SWATCH.PRODUCTION! },
          ]}
        />
      </div>

      <section aria-labelledby="sections-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="sections-heading" className="text-lg font-semibold">
          {tables["readiness-sections"].title}
        </h2>
        <div className="mt-2">
          <InsightTableView table={tables["readiness-sections"]} />
        </div>
        <a href={csv("readiness-sections")} className="mt-3 inline-block text-sm font-medium text-indigo-700 underline" download>
          Download CSV<span className="sr-only">: {tables["readiness-sections"].title}</span>
        </a>
      </section>

      <section aria-labelledby="definitions-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm sm:p-5">
        <h2 id="definitions-heading" className="text-lg font-semibold">
          How these figures are counted
        </h2>
        <dl className="mt-2 flex flex-col gap-2">
          <div>
            <dt className="font-medium">Trip</dt>
            <dd className="text-slate-700">{DEFINITIONS.journey}</dd>
          </div>
          <div>
            <dt className="font-medium">Dates</dt>
            <dd className="text-slate-700">{DEFINITIONS.range}</dd>
          </div>
          <div>
            <dt className="font-medium">Published figures</dt>
            <dd className="text-slate-700">
              Surveys, with their year: other organisations, other definitions of “project” and “production”, so a guide and not a
              target.
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

function WaitingList({ teamId, insights, csvHref }: { teamId: string; insights: Insights; csvHref: string }) {
  const waiting = insights.now.waiting;
  return (
    <section aria-labelledby="waiting-heading" className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="waiting-heading" className="text-lg font-semibold">
        Gates waiting longest now
      </h2>
      {waiting.length ? (
        <ol className="flex flex-col divide-y divide-slate-100 text-sm">
          {waiting.map((w) => (
            <li key={w.id} className="flex flex-col gap-0.5 py-2">
              <Link href={`/teams/${teamId}/features/${w.id}`} className="font-medium break-words text-indigo-700 underline">
                {w.title}
              </Link>
              <span className="text-slate-700">
                {STAGE_LABELS[w.stage]}
                {w.phase > 1 ? `, phase ${w.phase}` : ""} for {Math.floor(w.days)} days
                {w.requests.length
                  ? `; waiting on ${w.requests.map((r) => `${roleWord(r.role)} (asked ${Math.floor(r.days)} days ago)`).join(", ")}`
                  : "; no sign-off requested"}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">No feature is waiting at a gate.</p>
      )}
      <p className="text-xs text-slate-600">{DEFINITIONS.waiting}</p>
      <a href={csvHref} className="self-start text-sm font-medium text-indigo-700 underline" download>
        Download CSV<span className="sr-only">: gates waiting longest now</span>
      </a>
    </section>
  );
}
