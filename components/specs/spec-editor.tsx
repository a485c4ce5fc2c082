"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { MarkdownField } from "@/components/ui/markdown-field";
import { saveSpec } from "@/lib/specs/actions";
import { MAX_SUCCESS_CRITERIA, SPEC_SECTIONS, type SuccessCriterion } from "@/lib/specs/schemas";

type Sections = Record<(typeof SPEC_SECTIONS)[number]["key"], string>;
const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : undefined);

/**
 * The spec editor. It remembers which revision it started from; a save on a
 * stale base is refused by the server, the typed text stays, and the newer
 * revision is linked for comparison before saving on top of it.
 */
export function SpecEditor({
  teamId,
  featureId,
  latestNumber,
  latestAuthor,
  initial: startedFrom,
}: {
  teamId: string;
  featureId: string;
  latestNumber: number;
  latestAuthor: string | null;
  initial: Sections & { successCriteria: SuccessCriterion[] };
}) {
  const router = useRouter();
  const [state, action] = useActionState(saveSpec, null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values;
  const [base, setBase] = useState(latestNumber);
  // The text the editor opened with: a live refresh brings a newer revision's
  // number (and the notice below), never its text into the fields.
  const [initial] = useState(startedFrom);
  const [preview, setPreview] = useState<Record<string, boolean>>({});
  const [rows, setRows] = useState(Math.max(1, initial.successCriteria.length));

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
  const column = (key: string) => asList(values?.[key]);
  const criteria = {
    key: column("criterionKey") ?? initial.successCriteria.map((c) => c.key),
    metric: column("criterionMetric") ?? initial.successCriteria.map((c) => c.metric),
    target: column("criterionTarget") ?? initial.successCriteria.map((c) => c.target),
    howMeasured: column("criterionHowMeasured") ?? initial.successCriteria.map((c) => c.howMeasured),
    phase: column("criterionPhase") ?? initial.successCriteria.map((c) => c.phase),
  };
  const stale = latestNumber > base;
  // Row problems and the row limit, from any column of the criteria table.
  const criteriaErrors = [
    ...new Set(
      ["successCriteria", "criterionKey", "criterionMetric", "criterionTarget", "criterionHowMeasured", "criterionPhase"].flatMap(
        (key) => failure?.fieldErrors?.[key] ?? [],
      ),
    ),
  ];
  const [draft, setDraft] = useState<Record<string, string>>({});

  return (
    <form
      action={action}
      className="flex flex-col gap-5"
      aria-label="Edit spec"
      noValidate
      key={failure ? `failed-${JSON.stringify(values).length}` : `base-${base}`}
    >
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      <input type="hidden" name="baseRevision" value={base} />
      {stale ? (
        <Alert tone="error">
          <p>
            {failure?.code === "conflict"
              ? failure.error
              : `${latestAuthor ?? "Someone"} saved revision ${latestNumber} after you started editing.`}
          </p>
          <p className="mt-2 flex flex-wrap gap-3">
            <a className="font-medium underline" href={`spec/revisions?from=${base}&to=${latestNumber}`} target="_blank" rel="noreferrer">
              See what changed in revision {latestNumber}
            </a>
            <Button variant="secondary" onClick={() => setBase(latestNumber)}>
              Save mine on top of revision {latestNumber}
            </Button>
          </p>
        </Alert>
      ) : null}
      {failure && failure.code !== "conflict" ? (
        <Alert tone="error">{criteriaErrors.length ? criteriaErrors.join(" ") : failure.error}</Alert>
      ) : null}
      {state?.ok ? <Alert tone="success">Saved as revision {state.data.revision}.</Alert> : null}

      {SPEC_SECTIONS.map((section, index) => {
        const value = draft[section.key] ?? text(section.key, initial[section.key]);
        const block = (
          <MarkdownField
            key={section.key}
            label={section.label}
            name={section.key}
            id={`spec-${section.key}`}
            hint={section.hint}
            value={value}
            onChange={(text) => setDraft((d) => ({ ...d, [section.key]: text }))}
            errors={failure?.fieldErrors?.[section.key]}
            preview={!!preview[section.key]}
            onTogglePreview={() => setPreview((p) => ({ ...p, [section.key]: !p[section.key] }))}
          />
        );
        // Success criteria sit after constraints, as in the spec's reading order.
        return index === 2 ? [block, <CriteriaRows key="criteria" rows={rows} setRows={setRows} criteria={criteria} />] : block;
      })}
      {stale && failure?.code !== "conflict" ? (
        // Beside the button as well: someone typing far down the page sees it before saving.
        <p className="text-sm text-red-900" data-testid="newer-revision-note">
          Revision {latestNumber} was saved after you started editing:{" "}
          <a className="font-medium underline" href={`spec/revisions?from=${base}&to=${latestNumber}`} target="_blank" rel="noreferrer">
            see what changed
          </a>
          , then save yours on top of it (button at the top of the editor).
        </p>
      ) : null}
      <div>
        <SubmitButton pendingText="Saving…">Save spec</SubmitButton>
      </div>
    </form>
  );
}

function CriteriaRows({
  rows,
  setRows,
  criteria,
}: {
  rows: number;
  setRows: (n: number) => void;
  criteria: Record<"key" | "metric" | "target" | "howMeasured" | "phase", string[]>;
}) {
  const count = Math.max(rows, criteria.metric.length);
  const input = "w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700";
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">Success criteria</legend>
      <p className="text-xs text-slate-600">
        One row per criterion, up to {MAX_SUCCESS_CRITERIA}. A measurable target states a number, like “≥ 0.90” or “&lt; 200 ms p95”.
      </p>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th className="pr-2 font-medium">Metric</th>
            <th className="pr-2 font-medium">Target</th>
            <th className="pr-2 font-medium">How it is measured</th>
            <th className="font-medium">Phase</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: count }, (_, i) => (
            <tr key={i}>
              <td className="py-1 pr-2">
                <input type="hidden" name="criterionKey" value={criteria.key[i] ?? ""} />
                <input aria-label={`Criterion ${i + 1} metric`} name="criterionMetric" defaultValue={criteria.metric[i] ?? ""} className={input} />
              </td>
              <td className="py-1 pr-2">
                <input aria-label={`Criterion ${i + 1} target`} name="criterionTarget" defaultValue={criteria.target[i] ?? ""} className={input} />
              </td>
              <td className="py-1 pr-2">
                <input aria-label={`Criterion ${i + 1} how measured`} name="criterionHowMeasured" defaultValue={criteria.howMeasured[i] ?? ""} className={input} />
              </td>
              <td className="py-1">
                <input aria-label={`Criterion ${i + 1} phase`} name="criterionPhase" defaultValue={criteria.phase[i] ?? ""} className={input} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {count < MAX_SUCCESS_CRITERIA ? (
        <div>
          <Button variant="secondary" onClick={() => setRows(count + 1)}>
            Add a criterion
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-600">That is the most success criteria a spec can hold.</p>
      )}
    </fieldset>
  );
}
