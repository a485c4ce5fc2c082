import "server-only";
import { chartColorsClass } from "@/components/insights/chart-frame";
import { memoChart, Plot, renderPlot } from "@/components/insights/plot";
import { sectionSum, type SectionScore } from "@/lib/readiness/rubric";

// The four section sums against their maximum, as bars on one 0–7 scale:
// the lowest (the score) stands out. Drawn on the server (Observable Plot),
// with the same figures as a list for anyone who cannot see it.

export function sectionChart(sections: SectionScore[], score: number): string | null {
  const rows = sections.map((s) => ({ ...s, weakest: s.sum === score, text: sectionSum(s) }));
  return memoChart("readiness-sections", rows, () =>
    renderPlot({
      ariaLabel: "Section sums of the ML Test Score against their maximum",
      ariaDescription: rows.map((r) => `${r.label}: ${r.text}${r.weakest ? " (weakest)" : ""}`).join("; "),
      width: 560,
      height: 60 + rows.length * 34,
      marginLeft: 140,
      marginRight: 64,
      marginBottom: 48,
      x: {
        domain: [0, 7],
        ticks: 7,
        label: "Sum of the section's tests (½ by hand, 1 automated)",
        labelAnchor: "left",
        labelOffset: 42,
      },
      y: { domain: rows.map((r) => r.label), label: null },
      marks: [
        Plot.barX(rows, { y: "label", x1: 0, x2: "max", fill: "var(--chart-muted)", fillOpacity: 0.35 }),
        Plot.barX(rows, {
          y: "label",
          x1: 0,
          x2: "sum",
          fill: (r: { weakest: boolean }) => (r.weakest ? "var(--readiness-weakest)" : "var(--chart-accent)"),
        }),
        Plot.text(rows, { y: "label", x: "max", text: "text", dx: 6, textAnchor: "start", fill: "currentColor" }),
        Plot.ruleX([0], { stroke: "currentColor" }),
      ],
    }),
  );
}

export function SectionChart({ sections, score }: { sections: SectionScore[]; score: number }) {
  const svg = sectionChart(sections, score);
  if (!svg) return null;
  return (
    <figure className={`${chartColorsClass} [--readiness-weakest:#b45309] text-slate-800 [&_svg]:block [&_svg]:h-auto [&_svg]:max-w-full`}>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="mt-1 text-xs text-slate-600">
        Each bar is a section&apos;s sum; the pale bar behind it, the most it can reach. The lowest sum (amber) is the score.
      </figcaption>
    </figure>
  );
}
