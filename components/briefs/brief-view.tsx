import { Markdown } from "@/components/ui/markdown";
import { BRIEF_SECTIONS, type BriefSections, type PocResult } from "@/lib/briefs/schemas";
import type { SuccessCriterion } from "@/lib/specs/schemas";

const MET_WORDS = { true: "Met", false: "Not met", null: "—" } as const;

/**
 * A model brief revision rendered read-only, as sanitized Markdown, with its
 * PoC results against the approved spec's success criteria (null: no spec
 * approved yet).
 */
export function BriefView({
  revision,
  criteria,
}: {
  revision: BriefSections & { pocResults: PocResult[] };
  criteria: SuccessCriterion[] | null;
}) {
  const byKey = new Map(revision.pocResults.map((r) => [r.criterionKey, r]));
  return (
    <div className="flex flex-col gap-5">
      {BRIEF_SECTIONS.map((s) => {
        const block = (
          <section key={s.key} aria-label={s.label}>
            <h3 className="text-base font-semibold">{s.label}</h3>
            {revision[s.key].trim() ? <Markdown source={revision[s.key]} /> : <p className="text-sm text-slate-500">Not written.</p>}
          </section>
        );
        // PoC results sit after metrics, as in a model card's quantitative analyses.
        return s.key === "metrics"
          ? [
              block,
              <section key="pocResults" aria-label="PoC results">
                <h3 className="text-base font-semibold">PoC results</h3>
                {!criteria?.length ? (
                  <p className="text-sm text-slate-500">
                    {criteria ? "The approved spec has no success criteria." : "No spec is approved yet."}
                  </p>
                ) : (
                  <table className="mt-2 w-full text-sm">
                    <thead className="text-left text-slate-600">
                      <tr>
                        <th className="pr-3 font-medium">Criterion</th>
                        <th className="pr-3 font-medium">Target</th>
                        <th className="pr-3 font-medium">Achieved</th>
                        <th className="pr-3 font-medium">Met?</th>
                        <th className="font-medium">Notes</th>
                      </tr>
                    </thead>
                    <tbody>
                      {criteria.map((c) => {
                        const r = byKey.get(c.key);
                        return (
                          <tr key={c.key} className="align-top">
                            <td className="pr-3">{c.metric}</td>
                            <td className="pr-3">{c.target}</td>
                            <td className="pr-3">{r?.achieved || "—"}</td>
                            <td className="pr-3">{MET_WORDS[`${r?.met ?? null}`]}</td>
                            <td>{r?.notes}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </section>,
            ]
          : block;
      })}
    </div>
  );
}
