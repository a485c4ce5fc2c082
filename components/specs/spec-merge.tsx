"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { combinedText, describeMerge, resolveMerge, type MergeKey, type Resolution, type SpecDraft, type SpecMerge } from "@/lib/specs/merge";
import type { SuccessCriterion } from "@/lib/specs/schemas";

export type MergeState = { merge: SpecMerge; mine: SpecDraft; theirs: SpecDraft; theirsNumber: number; theirsAuthor: string };

const criteriaLines = (rows: SuccessCriterion[]) =>
  rows
    .filter((c) => c.metric.trim() || c.target.trim() || c.howMeasured.trim())
    .map((c) => `${c.metric} — target ${c.target}${c.howMeasured ? ` — measured by ${c.howMeasured}` : ""}${c.phase ? ` (phase ${c.phase})` : ""}`)
    .join("\n");

const shown = (spec: SpecDraft, key: MergeKey) => (key === "successCriteria" ? criteriaLines(spec.successCriteria) : spec[key]);

/**
 * Settling a save conflict: what merged on its own is listed; each section
 * both people changed shows their text beside mine, to keep one or edit a
 * text that combines them. The result is saved on the latest revision.
 */
export function SpecMergeView({
  state,
  pending,
  onSave,
  onKeepEditing,
}: {
  state: MergeState;
  pending: boolean;
  onSave: (resolved: SpecDraft, notes: string[]) => void;
  onKeepEditing: (resolved: SpecDraft) => void;
}) {
  const { merge, mine, theirs, theirsNumber, theirsAuthor } = state;
  const [resolutions, setResolutions] = useState<Partial<Record<MergeKey, Resolution>>>({});
  const [unsettled, setUnsettled] = useState<string[]>([]);
  const told = describeMerge(merge, theirsAuthor);
  const labels = Object.fromEntries(merge.sections.map((s) => [s.key, s.label])) as Record<MergeKey, string>;

  function settle(then: (resolved: SpecDraft) => void) {
    const missing = merge.conflicts.filter((key) => !resolutions[key]).map((key) => labels[key]);
    setUnsettled(missing);
    if (missing.length) return;
    then(resolveMerge(merge, mine, theirs, resolutions));
  }
  const choiceNotes = merge.conflicts.map((key) => {
    const r = resolutions[key];
    const how = r?.choice === "theirs" ? `${theirsAuthor}’s text kept` : r?.choice === "edited" ? "a combined text" : "your text kept";
    return `${labels[key]}: ${how}.`;
  });

  return (
    <section aria-labelledby="merge-heading" className="flex flex-col gap-4">
      <h2 id="merge-heading" className="text-lg font-semibold">
        Merge your changes with revision {theirsNumber}
      </h2>
      <Alert tone="info">
        <p>
          {theirsAuthor} saved revision {theirsNumber} while you were editing. Nothing is lost: choose, for each section you both
          changed, which text to keep or write one that combines them. It is then saved as a new revision after theirs.
        </p>
        {told.length ? (
          <>
            <p className="mt-2 font-medium">Merged on their own:</p>
            <ul className="list-disc pl-5">
              {told.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </Alert>

      {merge.conflicts.map((key) => {
        const label = labels[key];
        const r = resolutions[key];
        const set = (value: Resolution) => setResolutions((all) => ({ ...all, [key]: value }));
        const name = `merge-${key}`;
        return (
          <fieldset key={key} className="min-w-0 rounded-lg border border-slate-300 p-4">
            <legend className="px-1 font-semibold">{label}: changed by both of you</legend>
            <div className="grid gap-3 md:grid-cols-2">
              <Side title={`Theirs: revision ${theirsNumber} by ${theirsAuthor}`} label={`Their ${label}`} text={shown(theirs, key)} />
              <Side title="Yours: not saved yet" label={`Your ${label}`} text={shown(mine, key)} />
            </div>
            <div className="mt-3 flex flex-wrap gap-x-5 gap-y-2 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name={name} checked={r?.choice === "theirs"} onChange={() => set({ choice: "theirs" })} />
                Keep theirs
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name={name} checked={r?.choice === "mine"} onChange={() => set({ choice: "mine" })} />
                Keep mine
              </label>
              {key !== "successCriteria" ? (
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={name}
                    checked={r?.choice === "edited"}
                    onChange={() => set({ choice: "edited", text: combinedText(mine[key], theirs[key]) })}
                  />
                  Edit a combined text
                </label>
              ) : null}
            </div>
            {r?.choice === "edited" ? (
              <div className="mt-3 flex flex-col gap-1">
                <label htmlFor={`${name}-text`} className="text-sm font-medium">
                  Combined {label}
                </label>
                <textarea
                  id={`${name}-text`}
                  rows={6}
                  value={r.text}
                  onChange={(e) => set({ choice: "edited", text: e.target.value })}
                  aria-describedby={`${name}-hint`}
                  className="rounded-md border border-slate-400 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-700"
                />
                <p id={`${name}-hint`} className="text-xs text-slate-600">
                  Starts with their text, then yours: keep what belongs.
                </p>
              </div>
            ) : null}
            {key === "successCriteria" ? (
              <p className="mt-2 text-xs text-slate-600">Pick one table here; “Apply and keep editing” lets you change its rows before saving.</p>
            ) : null}
          </fieldset>
        );
      })}

      {unsettled.length ? <Alert tone="error">Choose what to keep for {unsettled.join(", ")}.</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button
          disabled={pending}
          onClick={() =>
            settle((resolved) =>
              onSave(resolved, [`Merged with revision ${theirsNumber} by ${theirsAuthor}.`, ...told, ...choiceNotes]),
            )
          }
        >
          Save merged spec
        </Button>
        <Button variant="secondary" onClick={() => settle(onKeepEditing)}>
          Apply and keep editing
        </Button>
      </div>
    </section>
  );
}

function Side({ title, label, text }: { title: string; label: string; text: string }) {
  return (
    <div role="group" aria-label={label} className="flex min-w-0 flex-col gap-1">
      <h3 className="text-sm font-medium">{title}</h3>
      <div className="min-h-12 whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
        {text.trim() ? text : <span className="text-slate-500">Empty</span>}
      </div>
    </div>
  );
}
