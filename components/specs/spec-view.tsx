import { DEL_CLASS, highlightChanges, INS_CLASS } from "@/components/specs/highlight-changes";
import { Markdown } from "@/components/ui/markdown";
import { diffText, markChanges } from "@/lib/specs/diff";
import { SPEC_SECTIONS, type SuccessCriterion } from "@/lib/specs/schemas";

type Revision = Record<(typeof SPEC_SECTIONS)[number]["key"], string> & { successCriteria: SuccessCriterion[] };

const PLUGINS = [highlightChanges];
const same = (a: string, b: string) => a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");
const criterionCells = (c: SuccessCriterion) => [c.metric, c.target, c.howMeasured, c.phase];

/**
 * A spec revision rendered read-only, as sanitized Markdown. Given `since`
 * (the last approved revision), the words added and removed since then are
 * marked in place with <ins> and <del>, with a legend.
 */
export function SpecView({ revision, since }: { revision: Revision; since?: { number: number; revision: Revision } }) {
  const changedLabels = since
    ? [
        ...SPEC_SECTIONS.slice(0, 3).filter((s) => !same(since.revision[s.key], revision[s.key])).map((s) => s.label),
        ...(criteriaChanged(since.revision.successCriteria, revision.successCriteria) ? ["Success criteria"] : []),
        ...SPEC_SECTIONS.slice(3).filter((s) => !same(since.revision[s.key], revision[s.key])).map((s) => s.label),
      ]
    : [];
  const heading = (label: string) => (
    <h3 className="text-base font-semibold">
      {label}
      {changedLabels.includes(label) ? (
        <span className="ml-2 rounded-full border border-amber-700 px-2 py-0.5 text-xs font-medium text-amber-900">
          Changed
        </span>
      ) : null}
    </h3>
  );
  const section = (key: string, label: string, body: string) => {
    const before = since?.revision[key as keyof Revision] as string | undefined;
    const marked = before !== undefined && !same(before, body);
    return (
      <section key={key} aria-label={label}>
        {heading(label)}
        {marked ? (
          <Markdown source={markChanges(before, body)} rehypePlugins={PLUGINS} pluginsKey="changes" />
        ) : body.trim() ? (
          <Markdown source={body} />
        ) : (
          <p className="text-sm text-slate-500">Not written.</p>
        )}
      </section>
    );
  };
  return (
    <div className="flex flex-col gap-5">
      {since ? <Legend number={since.number} changed={changedLabels} /> : null}
      {SPEC_SECTIONS.slice(0, 3).map((s) => section(s.key, s.label, revision[s.key]))}
      <section aria-label="Success criteria">
        {heading("Success criteria")}
        <Criteria rows={revision.successCriteria} before={since?.revision.successCriteria} />
      </section>
      {SPEC_SECTIONS.slice(3).map((s) => section(s.key, s.label, revision[s.key]))}
    </div>
  );
}

function Legend({ number, changed }: { number: number; changed: string[] }) {
  return (
    <div className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm" role="note" aria-label="Changes">
      {changed.length ? (
        <>
          <p>
            Changes since approved revision {number} are marked in place:{" "}
            <ins className={INS_CLASS}>inserted text</ins> is underlined, <del className={DEL_CLASS}>deleted text</del> is struck
            through.
          </p>
          <p className="mt-1">Changed: {changed.join(", ")}.</p>
        </>
      ) : (
        <p>Nothing changed since approved revision {number}.</p>
      )}
    </div>
  );
}

function criteriaChanged(before: SuccessCriterion[], after: SuccessCriterion[]) {
  const text = (rows: SuccessCriterion[]) => JSON.stringify(rows.map(criterionCells));
  return text(before) !== text(after);
}

function Changed({ from, to }: { from: string; to: string }) {
  if (from === to) return <>{to}</>;
  return (
    <>
      {diffText(from, to).map((p, i) =>
        p.added ? (
          <ins key={i} className={INS_CLASS}>
            <span className="sr-only">[inserted: </span>
            {p.value}
            <span className="sr-only">]</span>
          </ins>
        ) : p.removed ? (
          <del key={i} className={DEL_CLASS}>
            <span className="sr-only">[deleted: </span>
            {p.value}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}

/** The criteria table; with `before`, rows matched by key show what changed in each cell. */
function Criteria({ rows, before }: { rows: SuccessCriterion[]; before?: SuccessCriterion[] }) {
  const old = new Map((before ?? []).map((c) => [c.key, c]));
  const kept = new Set(rows.map((c) => c.key));
  const removed = (before ?? []).filter((c) => !kept.has(c.key));
  if (!rows.length && !removed.length) return <p className="text-sm text-slate-500">None yet.</p>;
  const blank = { key: "", metric: "", target: "", howMeasured: "", phase: "" };
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="pr-3 font-medium">Metric</th>
            <th className="pr-3 font-medium">Target</th>
            <th className="pr-3 font-medium">How measured</th>
            <th className="font-medium">Phase</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const was = before ? (old.get(c.key) ?? blank) : c;
            const cells = criterionCells(c);
            const wasCells = criterionCells(was);
            return (
              <tr key={c.key}>
                {cells.map((cell, i) => (
                  <td key={i} className="pr-3 align-top">
                    <Changed from={wasCells[i]!} to={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {removed.map((c) => (
            <tr key={c.key} aria-label="Removed criterion">
              {criterionCells(c).map((cell, i) => (
                <td key={i} className="pr-3 align-top">
                  <Changed from={cell} to="" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
