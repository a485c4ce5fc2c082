"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { BriefView } from "@/components/briefs/brief-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { MarkdownField } from "@/components/ui/markdown-field";
import { saveBrief } from "@/lib/briefs/actions";
import { BRIEF_SECTIONS, MET_OPTIONS, type BriefSections, type PocResult } from "@/lib/briefs/schemas";
import type { SuccessCriterion } from "@/lib/specs/schemas";
import { withToast } from "@/components/ui/toaster";

type Revision = BriefSections & { pocResults: PocResult[] };
type Row = { achieved: string; met: string; notes: string };

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : undefined);
const metValue = (met: boolean | null) => (met === true ? "yes" : met === false ? "no" : "");

/**
 * The model brief editor, with the spec editor's rule: it remembers which
 * revision it started from; a save on a stale base is refused by the server,
 * the typed text stays, and the newer revision is shown for comparison
 * before saving on top of it.
 */
export function BriefEditor({
  teamId,
  featureId,
  latestNumber,
  latestAuthor,
  latest,
  initial: startedFrom,
  criteria,
}: {
  teamId: string;
  featureId: string;
  latestNumber: number;
  latestAuthor: string | null;
  /** The latest saved revision, shown when someone saved after this editor started. */
  latest: Revision | null;
  initial: Revision;
  /** The approved spec's success criteria (null: none approved yet). */
  criteria: SuccessCriterion[] | null;
}) {
  const router = useRouter();
  const [state, action] = useActionState(withToast(saveBrief), null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values;
  const [base, setBase] = useState(latestNumber);
  // The text the editor opened with: a live refresh brings a newer revision
  // (shown for comparison), never its text into the fields.
  const [initial] = useState(startedFrom);
  const [preview, setPreview] = useState<Record<string, boolean>>({});
  const [draft, setDraft] = useState<Record<string, string>>({});
  // A refused save's message stays until the user chooses to save on top.
  const [settled, setSettled] = useState<typeof state>(null);

  // After a successful save the editor's base is the new revision (adjusted
  // while rendering, React's pattern for state derived from a new result).
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state?.ok) setBase(state.data.revision);
  }
  // A conflict: load the newer revision so it can be compared.
  useEffect(() => {
    if (failure?.code === "conflict") router.refresh();
  }, [failure, router]);

  const text = (key: string, fallback: string) => (values && typeof values[key] === "string" ? String(values[key]) : fallback);
  const rows = resultRows(initial.pocResults, values);
  const stale = latestNumber > base;
  const conflict = failure?.code === "conflict" && settled !== state;
  const resultErrors = failure
    ? [
        ...(failure.fieldErrors?.pocResults ?? []),
        ...(failure.fieldErrors?.resultKey ?? []),
        ...(failure.fieldErrors?.resultAchieved ?? []).map((e) => `Achieved: ${e}`),
        ...(failure.fieldErrors?.resultMet ?? []),
        ...(failure.fieldErrors?.resultNotes ?? []).map((e) => `Notes: ${e}`),
      ]
    : [];

  return (
    <form
      action={action}
      className="flex flex-col gap-5"
      aria-label="Edit model brief"
      noValidate
      key={failure ? `failed-${JSON.stringify(values).length}` : `base-${base}`}
    >
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      <input type="hidden" name="baseRevision" value={base} />
      {stale || conflict ? (
        <Alert tone="error">
          <p>
            {conflict && failure
              ? failure.error
              : `${latestAuthor ?? "Someone"} saved revision ${latestNumber} of the model brief after you started editing.`}
          </p>
          {stale && latest ? (
            <details className="mt-2 rounded-md border border-red-200 bg-white p-3 text-slate-900">
              <summary className="cursor-pointer font-medium">
                Their revision {latestNumber}
                {latestAuthor ? ` by ${latestAuthor}` : ""}
              </summary>
              <div className="mt-3">
                <BriefView revision={latest} criteria={criteria} />
              </div>
            </details>
          ) : null}
          {stale ? (
            <p className="mt-2">
              <Button
                variant="secondary"
                onClick={() => {
                  setBase(latestNumber);
                  setSettled(state);
                }}
              >
                Save mine on top of revision {latestNumber}
              </Button>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {failure && failure.code !== "conflict" ? <Alert tone="error">{resultErrors.length ? resultErrors.join(" ") : failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">Saved as revision {state.data.revision}.</Alert> : null}

      {BRIEF_SECTIONS.map((section) => {
        const value = draft[section.key] ?? text(section.key, initial[section.key]);
        const block = (
          <MarkdownField
            key={section.key}
            label={section.label}
            name={section.key}
            id={`brief-${section.key}`}
            hint={section.hint}
            value={value}
            onChange={(text) => setDraft((d) => ({ ...d, [section.key]: text }))}
            errors={failure?.fieldErrors?.[section.key]}
            preview={!!preview[section.key]}
            onTogglePreview={() => setPreview((p) => ({ ...p, [section.key]: !p[section.key] }))}
          />
        );
        // PoC results sit after metrics, as in a model card's quantitative analyses.
        return section.key === "metrics" ? [block, <ResultRows key="results" criteria={criteria} rows={rows} />] : block;
      })}
      <div>
        <SubmitButton pendingText="Saving…">Save model brief</SubmitButton>
      </div>
    </form>
  );
}

/** What each criterion's row shows: the refused submission's values, else the saved ones (matched by key). */
function resultRows(saved: PocResult[], values: Record<string, unknown> | undefined): Map<string, Row> {
  const keys = asList(values?.resultKey);
  if (keys) {
    const achieved = asList(values?.resultAchieved) ?? [];
    const met = asList(values?.resultMet) ?? [];
    const notes = asList(values?.resultNotes) ?? [];
    return new Map(keys.map((key, i) => [key, { achieved: achieved[i] ?? "", met: met[i] ?? "", notes: notes[i] ?? "" }]));
  }
  return new Map(saved.map((r) => [r.criterionKey, { achieved: r.achieved, met: metValue(r.met), notes: r.notes }]));
}

function ResultRows({ criteria, rows }: { criteria: SuccessCriterion[] | null; rows: Map<string, Row> }) {
  const input = "w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700";
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">PoC results</legend>
      {!criteria?.length ? (
        <p className="text-sm text-slate-600">
          {criteria
            ? "The approved spec has no success criteria yet; results are recorded against them once the PM adds some."
            : "No spec is approved yet; PoC results are recorded against its success criteria once one is."}
        </p>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            One row per success criterion of the approved spec: what the PoC achieved, and whether that meets the target.
          </p>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th className="pr-2 font-medium">Criterion</th>
                <th className="pr-2 font-medium">Target</th>
                <th className="pr-2 font-medium">Achieved</th>
                <th className="pr-2 font-medium">Met?</th>
                <th className="font-medium">Notes</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => {
                const row = rows.get(c.key);
                return (
                  <tr key={c.key} className="align-top">
                    <td className="py-1 pr-2">
                      <input type="hidden" name="resultKey" value={c.key} />
                      {c.metric}
                    </td>
                    <td className="py-1 pr-2">{c.target}</td>
                    <td className="py-1 pr-2">
                      <input aria-label={`Criterion ${c.metric} achieved`} name="resultAchieved" defaultValue={row?.achieved ?? ""} className={input} />
                    </td>
                    <td className="py-1 pr-2">
                      <select aria-label={`Criterion ${c.metric} met`} name="resultMet" defaultValue={row?.met ?? ""} className={`${input} bg-white`}>
                        <option value="">—</option>
                        {MET_OPTIONS.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="py-1">
                      <input aria-label={`Criterion ${c.metric} notes`} name="resultNotes" defaultValue={row?.notes ?? ""} className={input} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </fieldset>
  );
}
