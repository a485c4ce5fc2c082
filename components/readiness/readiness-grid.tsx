"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/toaster";
import { saveReadinessItems } from "@/lib/readiness/actions";
import { SECTIONS, sectionSum } from "@/lib/readiness/rubric";
import type { FieldErrors } from "@/lib/errors";

/** One of the 28 tests as the grid shows it: its saved state, owner and history in words. */
export type GridItem = {
  code: string;
  section: string;
  number: number;
  text: string;
  halves: number;
  notApplicable: boolean;
  naReason: string | null;
  note: string | null;
  evidenceUrl: string | null;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
  history: { id: string; line: string }[];
};

type Draft = Pick<GridItem, "halves" | "notApplicable" | "naReason" | "note" | "evidenceUrl" | "ownerId">;
type Choice = "0" | "1" | "2" | "na";

const CHOICES: { value: Choice; short: string; words: string }[] = [
  { value: "0", short: "0", words: " not done" },
  { value: "1", short: "½", words: " by hand" },
  { value: "2", short: "1", words: " automated" },
  { value: "na", short: "N/A", words: " not applicable" },
];
const SCORE_WORDS = ["0 · not done", "½ · by hand", "1 · automated"];

const draftOf = (i: GridItem): Draft => ({
  halves: i.halves,
  notApplicable: i.notApplicable,
  naReason: i.naReason,
  note: i.note,
  evidenceUrl: i.evidenceUrl,
  ownerId: i.ownerId,
});
const choiceOf = (d: Draft): Choice => (d.notApplicable ? "na" : (String(d.halves) as Choice));
const same = (a: Draft, b: Draft) =>
  a.halves === b.halves &&
  a.notApplicable === b.notApplicable &&
  (a.naReason ?? "") === (b.naReason ?? "") &&
  (a.note ?? "") === (b.note ?? "") &&
  (a.evidenceUrl ?? "") === (b.evidenceUrl ?? "") &&
  a.ownerId === b.ownerId;

/**
 * The checklist as one grid: each test's score chosen in place (0 / ½ / 1 /
 * not applicable), the note and link asked for only when the score needs
 * them, owners set for many rows at once, and one Save for every change.
 */
export function ReadinessGrid({
  teamId,
  featureId,
  items,
  people,
  sums,
  canEdit,
}: {
  teamId: string;
  featureId: string;
  items: GridItem[];
  people: { id: string; name: string }[];
  /** Saved section sums, by section key. */
  sums: Record<string, { sum: number; max: number }>;
  canEdit: boolean;
}) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(items.map((i) => [i.code, draftOf(i)])));
  const [shownItems, setShownItems] = useState(items);
  // A new render from the server (after a save, or someone else's): rows
  // without unsaved changes take the new values; rows being edited keep them.
  if (items !== shownItems) {
    const before = new Map(shownItems.map((i) => [i.code, i]));
    setShownItems(items);
    setDrafts((state) =>
      Object.fromEntries(
        items.map((i) => {
          const old = before.get(i.code);
          const draft = state[i.code];
          return [i.code, draft && old && !same(draft, draftOf(old)) && !same(draft, draftOf(i)) ? draft : draftOf(i)];
        }),
      ),
    );
  }
  const [selected, setSelected] = useState<string[]>([]);
  const [owner, setOwner] = useState("");
  const [failure, setFailure] = useState<{ error: string; fieldErrors?: FieldErrors } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const dirty = items.filter((i) => drafts[i.code] && !same(drafts[i.code]!, draftOf(i)));
  const update = (code: string, change: Partial<Draft>) => {
    setMessage(null);
    setDrafts((state) => ({ ...state, [code]: { ...state[code]!, ...change } }));
  };
  const errorsOf = (code: string, field: string) => failure?.fieldErrors?.[`${code}.${field}`];

  function save() {
    setMessage(null);
    setFailure(null);
    if (dirty.length === 0) {
      setMessage("Nothing to save: every test is as saved.");
      return;
    }
    const data = new FormData();
    data.set("teamId", teamId);
    data.set("featureId", featureId);
    data.set(
      "items",
      JSON.stringify(
        dirty.map((i) => {
          const d = drafts[i.code]!;
          return {
            code: i.code,
            version: i.version,
            halves: d.halves,
            notApplicable: d.notApplicable,
            naReason: d.naReason,
            note: d.note,
            evidenceUrl: d.evidenceUrl,
            ownerId: d.ownerId,
          };
        }),
      ),
    );
    const count = dirty.length;
    startTransition(async () => {
      const result = await saveReadinessItems(null, data);
      if (result.ok) {
        const message = `Checklist saved: ${count === 1 ? "1 test" : `${count} tests`} changed.`;
        setMessage(message);
        notify.success(message);
        setSelected([]);
      } else {
        setFailure({ error: result.error, fieldErrors: result.fieldErrors });
        notify.error(result.error);
        // The first row to fix, so the keyboard lands there.
        const first = Object.keys(result.fieldErrors ?? {}).find((k) => k.includes("."));
        if (first) setTimeout(() => document.getElementById(`${first.replace(".", "-")}`)?.focus(), 0);
      }
    });
  }

  function assignOwner() {
    setFailure(null);
    if (selected.length === 0) {
      setMessage(null);
      setFailure({ error: "Select the tests to give an owner: tick them in the grid." });
      return;
    }
    setDrafts((state) => ({ ...state, ...Object.fromEntries(selected.map((code) => [code, { ...state[code]!, ownerId: owner || null }])) }));
    const name = people.find((p) => p.id === owner)?.name;
    setMessage(
      `${name ? `${name} set as owner of` : "Owner cleared on"} ${selected.length === 1 ? "1 test" : `${selected.length} tests`}: save to keep it.`,
    );
  }

  const generalError = failure && (!failure.fieldErrors || failure.fieldErrors.items) ? (failure.fieldErrors?.items?.join(" ") ?? failure.error) : failure?.error;

  return (
    <div className="flex flex-col gap-6">
      {canEdit ? (
        <section aria-label="Owners for selected tests" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <p className="w-full text-sm text-slate-700" aria-live="polite">
            {selected.length === 0 ? "Tick tests in the grid to give them one owner at once." : `${selected.length} selected.`}
          </p>
          <div className="flex flex-col gap-1">
            <label htmlFor="bulk-owner" className="text-sm font-medium">
              Owner for selected tests
            </label>
            <select
              id="bulk-owner"
              value={owner}
              onChange={(e) => setOwner(e.currentTarget.value)}
              className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
            >
              <option value="">Nobody</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" onClick={assignOwner}>
            Set owner
          </Button>
        </section>
      ) : null}

      {SECTIONS.map((section) => {
        const rows = items.filter((i) => i.section === section.key);
        const codes = rows.map((r) => r.code);
        const all = codes.every((c) => selected.includes(c));
        const sum = sums[section.key];
        return (
          <section key={section.key} aria-labelledby={`sec-${section.key}`} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`sec-${section.key}`} className="text-lg font-semibold">
                {section.label} {sum ? <span className="text-base font-normal text-slate-600">· {sectionSum(sum)}</span> : null}
              </h2>
              {canEdit ? (
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-700"
                    checked={all}
                    onChange={(e) => {
                      // Read now: React clears the event's currentTarget before the updater runs.
                      const on = e.currentTarget.checked;
                      setSelected((list) => (on ? [...new Set([...list, ...codes])] : list.filter((c) => !codes.includes(c))));
                    }}
                  />
                  Select all in {section.label}
                </label>
              ) : null}
            </div>
            <ol className="mt-3 divide-y divide-slate-200">
              {rows.map((item) => (
                <Row
                  key={item.code}
                  item={item}
                  draft={drafts[item.code] ?? draftOf(item)}
                  dirty={dirty.includes(item)}
                  canEdit={canEdit}
                  people={people}
                  selected={selected.includes(item.code)}
                  onSelect={(on) => setSelected((list) => (on ? [...list, item.code] : list.filter((c) => c !== item.code)))}
                  onChange={(change) => update(item.code, change)}
                  errorsOf={(field) => errorsOf(item.code, field)}
                />
              ))}
            </ol>
          </section>
        );
      })}

      {canEdit ? (
        <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-3 shadow-sm">
          <p className="text-sm font-medium" aria-live="polite" data-testid="unsaved-count">
            {dirty.length === 0 ? "No unsaved changes." : dirty.length === 1 ? "1 unsaved change." : `${dirty.length} unsaved changes.`}
          </p>
          <Button onClick={save} disabled={pending} aria-disabled={pending}>
            {pending ? "Saving…" : "Save checklist"}
          </Button>
          {dirty.length ? (
            <Button
              variant="ghost"
              onClick={() => {
                setDrafts(Object.fromEntries(items.map((i) => [i.code, draftOf(i)])));
                setFailure(null);
                setMessage("Changes discarded.");
              }}
            >
              Discard changes
            </Button>
          ) : null}
          <div className="w-full empty:hidden">
            {generalError ? <Alert tone="error">{generalError}</Alert> : null}
            {message ? <Alert tone="success">{message}</Alert> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Row({
  item,
  draft,
  dirty,
  canEdit,
  people,
  selected,
  onSelect,
  onChange,
  errorsOf,
}: {
  item: GridItem;
  draft: Draft;
  dirty: boolean;
  canEdit: boolean;
  people: { id: string; name: string }[];
  selected: boolean;
  onSelect: (on: boolean) => void;
  onChange: (change: Partial<Draft>) => void;
  errorsOf: (field: string) => string[] | undefined;
}) {
  const choice = choiceOf(draft);
  const id = (field: string) => `${item.code}-${field}`;
  const saved = item.notApplicable ? "Not applicable" : SCORE_WORDS[item.halves];
  return (
    <li aria-label={item.code} className="flex flex-col gap-2 py-3">
      <div className="flex items-start gap-3">
        {canEdit ? (
          <input
            type="checkbox"
            className="mt-0.5 size-4 shrink-0 accent-indigo-700"
            aria-label={`Select ${item.code}`}
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
          />
        ) : null}
        <div className="min-w-0 flex-1 text-sm">
          <p className="break-words">
            <span className="font-mono text-xs text-slate-600">{item.code}</span> {item.text}
          </p>
          <p className="mt-0.5 text-xs text-slate-600">
            Saved: <span data-testid={`score-${item.code}`}>{saved}</span> · Owner: {item.ownerName ?? "nobody"}
            {item.notApplicable && item.naReason ? ` · why not applicable: ${item.naReason}` : ""}
            {item.evidenceUrl ? (
              <>
                {" · "}
                <a href={item.evidenceUrl} rel="noopener noreferrer nofollow" className="underline">
                  evidence
                </a>
              </>
            ) : null}
            {dirty ? <span className="ml-1 font-medium text-amber-800">· unsaved change</span> : null}
          </p>
        </div>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2 sm:pl-7">
          <fieldset>
            <legend className="sr-only">Score for {item.code}</legend>
            <div className="flex overflow-hidden rounded-md border border-slate-400">
              {CHOICES.map((c) => (
                <label
                  key={c.value}
                  className="cursor-pointer border-r border-slate-300 px-3 py-1.5 text-sm last:border-r-0 has-checked:bg-indigo-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-indigo-900"
                >
                  <input
                    type="radio"
                    className="sr-only"
                    name={`score-${item.code}`}
                    value={c.value}
                    checked={choice === c.value}
                    onChange={() =>
                      onChange(c.value === "na" ? { notApplicable: true, halves: 0 } : { notApplicable: false, halves: Number(c.value) })
                    }
                  />
                  <span>{c.short}</span>
                  <span className="sr-only">{c.words}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-1">
            <label htmlFor={id("ownerId")} className="sr-only">
              Owner of {item.code}
            </label>
            <select
              id={id("ownerId")}
              value={draft.ownerId ?? ""}
              onChange={(e) => onChange({ ownerId: e.currentTarget.value || null })}
              aria-invalid={errorsOf("ownerId") ? true : undefined}
              className="max-w-48 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm"
            >
              <option value="">No owner</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <RowError id={id("ownerId")} errors={errorsOf("ownerId")} />
          </div>
        </div>
      ) : null}
      {canEdit && choice === "na" ? (
        <div className="sm:pl-7">
          <RowText label="Why not applicable" id={id("naReason")} value={draft.naReason} onChange={(v) => onChange({ naReason: v })} errors={errorsOf("naReason")} />
        </div>
      ) : null}
      {canEdit && (choice === "1" || choice === "2") ? (
        <div className="grid gap-2 sm:grid-cols-2 sm:pl-7">
          <RowText
            label={choice === "1" ? "What was done (note)" : "Note (optional)"}
            id={id("note")}
            value={draft.note}
            onChange={(v) => onChange({ note: v })}
            errors={errorsOf("note")}
          />
          <RowText
            label={choice === "1" ? "Evidence link" : "Link to the job, test or monitor"}
            id={id("evidenceUrl")}
            type="url"
            value={draft.evidenceUrl}
            onChange={(v) => onChange({ evidenceUrl: v })}
            errors={errorsOf("evidenceUrl")}
          />
        </div>
      ) : null}
      {item.history.length ? (
        <details className="text-xs sm:pl-7">
          <summary className="cursor-pointer text-slate-700">History of {item.code} ({item.history.length})</summary>
          <ol className="mt-1 flex flex-col gap-0.5">
            {item.history.map((h) => (
              <li key={h.id}>{h.line}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

function RowText({
  label,
  id,
  value,
  onChange,
  errors,
  type = "text",
}: {
  label: string;
  id: string;
  value: string | null;
  onChange: (value: string | null) => void;
  errors?: string[];
  type?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={value ?? ""}
        placeholder={type === "url" ? "https://" : undefined}
        maxLength={type === "url" ? 2000 : 4000}
        onChange={(e) => onChange(e.currentTarget.value || null)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="rounded-md border border-slate-400 px-2 py-1.5 text-sm aria-invalid:border-red-700"
      />
      <RowError id={id} errors={errors} />
    </div>
  );
}

function RowError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="text-xs text-red-700">
      {errors.join(" ")}
    </p>
  );
}
