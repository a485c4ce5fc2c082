import { Markdown } from "@/components/ui/markdown";
import { SPEC_SECTIONS, type SuccessCriterion } from "@/lib/specs/schemas";

type Revision = Record<(typeof SPEC_SECTIONS)[number]["key"], string> & { successCriteria: SuccessCriterion[] };

/** A spec revision rendered read-only, as sanitized Markdown. */
export function SpecView({ revision }: { revision: Revision }) {
  const section = (key: string, label: string, body: string) => (
    <section key={key} aria-label={label}>
      <h3 className="text-base font-semibold">{label}</h3>
      {body.trim() ? <Markdown source={body} /> : <p className="text-sm text-slate-500">Not written.</p>}
    </section>
  );
  return (
    <div className="flex flex-col gap-5">
      {SPEC_SECTIONS.slice(0, 3).map((s) => section(s.key, s.label, revision[s.key]))}
      <section aria-label="Success criteria">
        <h3 className="text-base font-semibold">Success criteria</h3>
        {revision.successCriteria.length ? (
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="pr-3 font-medium">Metric</th>
                <th className="pr-3 font-medium">Target</th>
                <th className="pr-3 font-medium">How measured</th>
                <th className="font-medium">Phase</th>
              </tr>
            </thead>
            <tbody>
              {revision.successCriteria.map((c) => (
                <tr key={c.key}>
                  <td className="pr-3">{c.metric}</td>
                  <td className="pr-3">{c.target}</td>
                  <td className="pr-3">{c.howMeasured}</td>
                  <td>{c.phase}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">None yet.</p>
        )}
      </section>
      {SPEC_SECTIONS.slice(3).map((s) => section(s.key, s.label, revision[s.key]))}
    </div>
  );
}
