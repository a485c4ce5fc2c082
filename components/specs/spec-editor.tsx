"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MarkdownField } from "@/components/ui/markdown-field";
import { SpecMergeView, type MergeState } from "@/components/specs/spec-merge";
import { notify } from "@/components/ui/toaster";
import { saveSpec } from "@/lib/specs/actions";
import { describeMerge, mergeSpecs, type SpecDraft } from "@/lib/specs/merge";
import { MAX_SUCCESS_CRITERIA, SPEC_SECTIONS, type SuccessCriterion } from "@/lib/specs/schemas";

type Base = { number: number; content: SpecDraft };
type Save = { draft: SpecDraft; base: number; notes: string[] };

const blankRow = (): SuccessCriterion => ({ key: "", metric: "", target: "", howMeasured: "", phase: "" });
const withRow = (spec: SpecDraft): SpecDraft => (spec.successCriteria.length ? spec : { ...spec, successCriteria: [blankRow()] });

function formData(teamId: string, featureId: string, save: Save) {
  const data = new FormData();
  data.set("teamId", teamId);
  data.set("featureId", featureId);
  data.set("baseRevision", String(save.base));
  for (const s of SPEC_SECTIONS) data.set(s.key, save.draft[s.key]);
  for (const c of save.draft.successCriteria) {
    data.append("criterionKey", c.key);
    data.append("criterionMetric", c.metric);
    data.append("criterionTarget", c.target);
    data.append("criterionHowMeasured", c.howMeasured);
    data.append("criterionPhase", c.phase);
  }
  return data;
}

/** A save, answered by a toast; a conflict is the merge's to explain, not a toast's. */
async function saveWithToast(prev: Parameters<typeof saveSpec>[0], data: FormData) {
  const result = await saveSpec(prev, data);
  if (result.ok) notify.success(result.message ?? `Saved as revision ${result.data.revision}.`);
  else if (result.code !== "conflict") notify.error(result.error);
  return result;
}

/**
 * The spec editor. It remembers the revision it started from (its base).
 * The server refuses a save on a stale base; the editor then merges section
 * by section (lib/specs/merge.ts) with the latest revision: when only one
 * side changed each section it saves the merge on the latest revision at
 * once and says what it merged; when both changed a section it shows the
 * two texts side by side to choose or combine. Nothing typed is dropped.
 */
export function SpecEditor({
  teamId,
  featureId,
  latestNumber,
  latestAuthor,
  latest,
}: {
  teamId: string;
  featureId: string;
  latestNumber: number;
  latestAuthor: string | null;
  latest: SpecDraft;
}) {
  const router = useRouter();
  const [state, dispatch, pending] = useActionState(saveWithToast, null);
  const failure = state && !state.ok ? state : null;
  const [draft, setDraft] = useState<SpecDraft>(() => withRow(latest));
  // Bumped when the draft is replaced (a merge), so the text areas show it.
  const [formKey, setFormKey] = useState(0);
  const [base, setBase] = useState<Base>({ number: latestNumber, content: latest });
  const [sent, setSent] = useState<Save | null>(null);
  const [saved, setSaved] = useState<{ revision: number; notes: string[] } | null>(null);
  // The text of a refused save, waiting for the newer revision to merge with.
  const [waiting, setWaiting] = useState<SpecDraft | null>(null);
  const [merging, setMerging] = useState<MergeState | null>(null);
  const [queued, setQueued] = useState<Save | null>(null);
  const [preview, setPreview] = useState<Record<string, boolean>>({});
  const [seenState, setSeenState] = useState(state);
  const [seenLatest, setSeenLatest] = useState(latest);

  // State that follows a new action result or new props is adjusted while
  // rendering (React's pattern), in this order, on local copies.
  let current = base;
  let pendingMerge = waiting;
  if (state !== seenState) {
    setSeenState(state);
    if (state?.ok && sent) {
      current = { number: state.data.revision, content: sent.draft };
      setBase(current);
      setSaved({ revision: state.data.revision, notes: sent.notes });
    } else if (failure?.code === "conflict" && sent) {
      pendingMerge = sent.draft;
      setWaiting(pendingMerge);
    }
  }
  if (latest !== seenLatest) {
    setSeenLatest(latest);
    // The server's copy of the base revision is the one to merge against.
    if (latestNumber === current.number) {
      current = { number: latestNumber, content: latest };
      setBase(current);
    }
  }
  if (pendingMerge && latestNumber > current.number) {
    setWaiting(null);
    const author = latestAuthor ?? "Someone";
    const merge = mergeSpecs(current.content, pendingMerge, latest);
    setBase({ number: latestNumber, content: latest });
    if (merge.conflicts.length === 0) {
      const save = {
        draft: withRow(merge.merged),
        base: latestNumber,
        notes: [`${author} saved revision ${latestNumber} while you were editing; the two were merged section by section.`, ...describeMerge(merge, author)],
      };
      setDraft(save.draft);
      setFormKey((k) => k + 1);
      setSent(save);
      setQueued(save);
    } else {
      setMerging({ merge, mine: pendingMerge, theirs: latest, theirsNumber: latestNumber, theirsAuthor: author });
    }
  }

  // A conflict: load the newer revision to merge with.
  useEffect(() => {
    if (failure?.code === "conflict") router.refresh();
  }, [failure, router]);
  // A clean merge saves itself, on the latest revision.
  const dispatched = useRef<Save | null>(null);
  useEffect(() => {
    if (!queued || dispatched.current === queued) return;
    dispatched.current = queued;
    startTransition(() => dispatch(formData(teamId, featureId, queued)));
  }, [queued, dispatch, teamId, featureId]);

  function submit(save: Save) {
    setSent(save);
    setSaved(null);
    startTransition(() => dispatch(formData(teamId, featureId, save)));
  }

  function onSave(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    // Already known to be stale: merge first instead of a refused round trip.
    if (latestNumber > base.number) setWaiting(draft);
    else {
      // Also a retry when a refused save found no newer revision to merge with.
      setWaiting(null);
      submit({ draft, base: base.number, notes: [] });
    }
  }

  if (merging) {
    return (
      <SpecMergeView
        state={merging}
        pending={pending}
        onSave={(resolved, notes) => {
          setMerging(null);
          setDraft(withRow(resolved));
          setFormKey((k) => k + 1);
          submit({ draft: resolved, base: base.number, notes });
        }}
        onKeepEditing={(resolved) => {
          setMerging(null);
          setDraft(withRow(resolved));
          setFormKey((k) => k + 1);
        }}
      />
    );
  }

  const stale = latestNumber > base.number;
  const criteriaErrors = [
    ...new Set(
      ["successCriteria", "criterionKey", "criterionMetric", "criterionTarget", "criterionHowMeasured", "criterionPhase"].flatMap(
        (key) => failure?.fieldErrors?.[key] ?? [],
      ),
    ),
  ];
  const setSection = (key: string, text: string) => setDraft((d) => ({ ...d, [key]: text }));

  return (
    <form onSubmit={onSave} className="flex flex-col gap-5" aria-label="Edit spec" noValidate>
      {/* The save is sent from the editor's state (formData above); the form's
          own fields say the same, so the rendered form is a complete request. */}
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      <input type="hidden" name="baseRevision" value={base.number} />
      {stale && !waiting ? (
        <Alert tone="info">
          <p>
            {latestAuthor ?? "Someone"} saved revision {latestNumber} after you started editing. When you save, their changes and
            yours are merged section by section; where you both changed a section you choose.
          </p>
          <p className="mt-1">
            <a className="font-medium underline" href={`spec/revisions?from=${base.number}&to=${latestNumber}`} target="_blank" rel="noreferrer">
              See what changed in revision {latestNumber}
            </a>
          </p>
        </Alert>
      ) : null}
      {waiting ? (
        <Alert tone="info">
          {failure?.code === "conflict" ? `${failure.error} ` : null}Loading the newer revision to merge it with yours…
        </Alert>
      ) : null}
      {failure && failure.code !== "conflict" ? (
        <Alert tone="error">{criteriaErrors.length ? criteriaErrors.join(" ") : failure.error}</Alert>
      ) : null}
      {saved ? (
        <Alert tone="success">
          <p>Saved as revision {saved.revision}.</p>
          {saved.notes.length ? (
            <ul className="mt-1 list-disc pl-5">
              {saved.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      <div key={formKey} className="flex flex-col gap-5">
        {SPEC_SECTIONS.map((section, index) => {
          const block = (
            <MarkdownField
              key={section.key}
              label={section.label}
              name={section.key}
              id={`spec-${section.key}`}
              hint={section.hint}
              value={draft[section.key]}
              onChange={(text) => setSection(section.key, text)}
              errors={failure?.fieldErrors?.[section.key]}
              preview={!!preview[section.key]}
              onTogglePreview={() => setPreview((p) => ({ ...p, [section.key]: !p[section.key] }))}
            />
          );
          // Success criteria sit after constraints, as in the spec's reading order.
          return index === 2
            ? [block, <CriteriaRows key="criteria" rows={draft.successCriteria} onChange={(rows) => setDraft((d) => ({ ...d, successCriteria: rows }))} />]
            : block;
        })}
      </div>
      {stale && !waiting ? (
        // Beside the button as well: someone typing far down the page sees it before saving.
        <p className="text-sm text-amber-900" data-testid="newer-revision-note">
          Revision {latestNumber} was saved after you started editing; saving merges it with yours by section.
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Saving…" : "Save spec"}
        </Button>
      </div>
    </form>
  );
}

function CriteriaRows({ rows, onChange }: { rows: SuccessCriterion[]; onChange: (rows: SuccessCriterion[]) => void }) {
  const input =
    "w-full min-w-24 rounded-md border border-slate-400 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700";
  const set = (i: number, field: keyof SuccessCriterion, value: string) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="text-sm font-medium">Success criteria</legend>
      <p className="text-xs text-slate-600">
        One row per criterion, up to {MAX_SUCCESS_CRITERIA}. A measurable target states a number, like “≥ 0.90” or “&lt; 200 ms p95”.
      </p>
      <div className="overflow-x-auto">
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
            {rows.map((row, i) => (
              <tr key={i}>
                <td className="py-1 pr-2">
                  <input type="hidden" name="criterionKey" value={row.key} />
                  <input aria-label={`Criterion ${i + 1} metric`} name="criterionMetric" value={row.metric} onChange={(e) => set(i, "metric", e.target.value)} className={input} />
                </td>
                <td className="py-1 pr-2">
                  <input aria-label={`Criterion ${i + 1} target`} name="criterionTarget" value={row.target} onChange={(e) => set(i, "target", e.target.value)} className={input} />
                </td>
                <td className="py-1 pr-2">
                  <input
                    aria-label={`Criterion ${i + 1} how measured`}
                    name="criterionHowMeasured"
                    value={row.howMeasured}
                    onChange={(e) => set(i, "howMeasured", e.target.value)}
                    className={input}
                  />
                </td>
                <td className="py-1">
                  <input aria-label={`Criterion ${i + 1} phase`} name="criterionPhase" value={row.phase} onChange={(e) => set(i, "phase", e.target.value)} className={input} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length < MAX_SUCCESS_CRITERIA ? (
        <div>
          <Button variant="secondary" onClick={() => onChange([...rows, blankRow()])}>
            Add a criterion
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-600">That is the most success criteria a spec can hold.</p>
      )}
    </fieldset>
  );
}
