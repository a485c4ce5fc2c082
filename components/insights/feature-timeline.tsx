import "server-only";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { STAGE_LABELS, type Stage } from "@/lib/features/stages";
import { VERDICT_LABELS } from "@/lib/criteria/schemas";
import { days } from "@/lib/insights/definitions";
import { getFeatureTimeline, type FeatureTimelineData } from "@/lib/insights/timeline";
import { ChartLegend, chartColorsClass } from "@/components/insights/chart-frame";
import { memoChart, Plot, renderPlot } from "@/components/insights/plot";
import { STAGE_SWATCH } from "@/components/insights/swatches";

// The feature page's timeline: its stays in each stage as bars over time,
// sign-offs and QA verdicts as marks, with the same facts as a table.

const LANE_ORDER: Stage[] = ["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION", "PAUSED", "RETIRED"];
const SIGNOFFS = "Sign-offs";
const VERDICTS = "Verdicts";
const DAY_MS = 24 * 60 * 60 * 1000;

const VERDICT_SWATCHES = [
  { verdict: "PASSED", label: "passed", color: "bg-(--verdict-PASSED) rounded-full" },
  { verdict: "FAILED", label: "failed", color: "bg-(--verdict-FAILED) rounded-full" },
  { verdict: "BLOCKED", label: "blocked", color: "bg-(--verdict-BLOCKED) rounded-full" },
  { verdict: "UNTESTED", label: "untested", color: "bg-(--verdict-UNTESTED) rounded-full" },
];

const dateLabel = (date: Date) => date.toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });


export function timelineChart(data: FeatureTimelineData, now = new Date()): string | null {
  if (data.stays.length === 0) return null;
  const stages = LANE_ORDER.filter((s) => data.stays.some((x) => x.stage === s));
  const lanes = [
    ...stages.map((s) => STAGE_LABELS[s]),
    ...(data.signoffs.length ? [SIGNOFFS] : []),
    ...(data.verdicts.length ? [VERDICTS] : []),
  ];
  // At least a week across, so a young feature's axis shows distinct days.
  const start = new Date(Math.min(data.stays[0]!.from.getTime(), now.getTime() - 7 * DAY_MS));
  // A stay shorter than a few hours would not show: give every bar some width.
  const minWidth = Math.max((now.getTime() - start.getTime()) / 150, 60 * 60 * 1000);
  const bars = data.stays.map((s) => {
    const end = s.until ?? now;
    return {
      lane: STAGE_LABELS[s.stage],
      stage: s.stage,
      x1: s.from,
      x2: new Date(Math.max(end.getTime(), s.from.getTime() + minWidth)),
    };
  });
  const spanDays = (now.getTime() - start.getTime()) / DAY_MS;
  return renderPlot({
    ariaLabel: "Timeline of this feature: stages over time, sign-offs and verdicts",
    ariaDescription: data.stays
      .map((s) => `${STAGE_LABELS[s.stage]} from ${dateLabel(s.from)}${s.until ? ` to ${dateLabel(s.until)}` : " until now"}`)
      .join("; "),
    width: 400,
    height: 30 + lanes.length * 28,
    marginLeft: 124,
    marginRight: 24,
    x: { type: "utc", domain: [start, now], label: null, ticks: 4, tickFormat: spanDays > 120 ? "%b %y" : "%d %b" },
    y: { domain: lanes, label: null },
    marks: [
      Plot.barX(bars, { y: "lane", x1: "x1", x2: "x2", fill: (b: { stage: string }) => `var(--stage-${b.stage})` }),
      Plot.dot(data.signoffs, { x: "at", y: () => SIGNOFFS, r: 4, fill: "currentColor" }),
      Plot.dot(data.verdicts, { x: "at", y: () => VERDICTS, r: 4, fill: (v: { verdict: string }) => `var(--verdict-${v.verdict})` }),
      Plot.ruleX([now], { stroke: "currentColor", strokeOpacity: 0.4 }),
    ],
  });
}

export async function FeatureTimeline({ teamId, featureId }: { teamId: string; featureId: string }) {
  const data = await getFeatureTimeline(teamId, featureId);
  const now = data.asOf;
  const svg = memoChart("timeline", data, () => timelineChart(data, now));
  const stagesShown = LANE_ORDER.filter((s) => data.stays.some((x) => x.stage === s));
  return (
    <section aria-labelledby="timeline-heading" className={`rounded-lg border border-slate-200 bg-white p-5 ${chartColorsClass}`}>
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      {svg ? (
        <figure className="m-0 mt-2" data-chart="timeline">
          <div className="[&_svg]:block [&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
          <ChartLegend
            items={[
              ...stagesShown.map((s) => ({ label: STAGE_LABELS[s], color: STAGE_SWATCH[s]! })),
              ...(data.signoffs.length ? [{ label: "sign-off", color: "bg-slate-900 rounded-full" }] : []),
              ...VERDICT_SWATCHES.filter((v) => data.verdicts.some((x) => x.verdict === v.verdict)),
            ]}
          />
        </figure>
      ) : (
        <p className="mt-2 text-sm text-slate-600">No stage history yet.</p>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700">Table: timeline</summary>
        <table className="mt-2 w-full text-left text-sm" aria-label="Stages over time">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-2 font-medium">Stage</th>
              <th scope="col" className="py-1 pr-2 font-medium">From</th>
              <th scope="col" className="py-1 pr-2 font-medium">To</th>
              <th scope="col" className="py-1 text-right font-medium">Time</th>
            </tr>
          </thead>
          <tbody>
            {data.stays.map((s, i) => (
              <tr key={i} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-2 font-normal">
                  {STAGE_LABELS[s.stage]}
                  {s.phase > 1 ? ` (phase ${s.phase})` : ""}
                </th>
                <td className="py-1 pr-2">{dateLabel(s.from)}</td>
                <td className="py-1 pr-2">{s.until ? dateLabel(s.until) : "now"}</td>
                <td className="py-1 text-right tabular-nums">{days(((s.until ?? now).getTime() - s.from.getTime()) / DAY_MS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.signoffs.length || data.verdicts.length ? (
          <table className="mt-3 w-full text-left text-sm" aria-label="Sign-offs and verdicts">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-2 font-medium">Date</th>
                <th scope="col" className="py-1 font-medium">What</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...data.signoffs.map((s) => ({ at: s.at, text: `${ROLE_LABELS[s.role]} signed the ${STAGE_LABELS[s.gate].toLowerCase()} gate` })),
                ...data.verdicts.map((v) => ({ at: v.at, text: `Criterion ${v.criterion}: ${VERDICT_LABELS[v.verdict].toLowerCase()}` })),
              ]
                .sort((a, b) => a.at.getTime() - b.at.getTime())
                .map((m, i) => (
                  <tr key={i} className="border-b border-slate-100">
                    <td className="py-1 pr-2 whitespace-nowrap">{dateLabel(m.at)}</td>
                    <td className="py-1">{m.text}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : null}
      </details>
    </section>
  );
}
