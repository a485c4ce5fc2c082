"use client";

import Link from "next/link";
import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { notify, toastResult } from "@/components/ui/toaster";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { passCriteria, setCriterionVerdict } from "@/lib/criteria/actions";
import { VERDICT_LABELS, VERDICTS } from "@/lib/criteria/schemas";
import type { FieldErrors } from "@/lib/errors";

type Verdict = (typeof VERDICTS)[number];
type Group = "retest" | "untested";

/** One criterion of the queue as the server renders it (dates already in words). */
export type QueueItem = {
  id: string;
  number: number;
  given: string;
  when: string;
  then: string;
  text: string;
  verdict: Verdict;
  reverify: boolean;
  group: Group;
  /** The sort key within its group: ISO time of writing. */
  createdAt: string;
  featureId: string;
  featureTitle: string;
  last: { by: string; at: string; note: string | null; evidenceUrl: string | null } | null;
};

/** A verdict this page recorded (or is recording): the row shows it in place. */
type Recorded = { verdict: Verdict; pending: boolean; item: QueueItem };
type Failure = { error: string; fieldErrors?: FieldErrors };

const OPTIONS = VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }));
const GROUP_TITLES: Record<Group, string> = { retest: "Retest", untested: "Untested" };
const GROUP_HINTS: Record<Group, string> = {
  retest: "Judged before: failed, blocked, or judged against an earlier spec revision.",
  untested: "Never judged yet.",
};

const byKey = (a: QueueItem, b: QueueItem) =>
  Number(a.group === "untested") - Number(b.group === "untested") ||
  a.createdAt.localeCompare(b.createdAt) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * QA's queue on the client: each row records its verdict in place
 * (optimistically, rolled back with the reason when refused), and rows this
 * page judged stay where they were, showing the verdict, even once the
 * server's next render leaves them out. Several rows can be passed at once.
 */
export function QaQueue({
  teamId,
  items,
  totals,
  canVerdict,
  empty,
}: {
  teamId: string;
  items: QueueItem[];
  totals: Record<Group, number>;
  canVerdict: boolean;
  /** What to say when nothing is left to show. */
  empty: string;
}) {
  const [recorded, setRecorded] = useState<Record<string, Recorded>>({});
  const [shown, addShown] = useOptimistic(recorded, (state, update: Record<string, Recorded>) => ({ ...state, ...update }));
  const [failures, setFailures] = useState<Record<string, Failure>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkFailure, setBulkFailure] = useState<Failure | null>(null);
  const [bulkMessage, setBulkMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Rows whose form QA reopened to change the verdict just recorded.
  const [reopened, setReopened] = useState<string[]>([]);

  // The server's rows, except those this page judged: those keep the place
  // and text they had when judged.
  const serverIds = new Set(items.map((i) => i.id));
  const rows = [
    ...items.filter((i) => !recorded[i.id]),
    ...Object.values(shown).map((r) => r.item),
  ]
    .filter((row, index, all) => all.findIndex((r) => r.id === row.id) === index)
    .sort(byKey);
  // A row shows its form until judged, and again when QA asks to change the
  // verdict (not while a change is on its way).
  const open = (id: string) => !shown[id] || (reopened.includes(id) && !shown[id].pending);
  const selectable = rows.filter((r) => open(r.id)).map((r) => r.id);
  const chosen = selected.filter((id) => selectable.includes(id));

  function recordOne(item: QueueItem, form: HTMLFormElement) {
    const data = new FormData(form);
    const verdict = data.get("verdict") as Verdict | null;
    setFailures((state) => Object.fromEntries(Object.entries(state).filter(([id]) => id !== item.id)));
    startTransition(async () => {
      if (verdict && VERDICTS.includes(verdict)) addShown({ [item.id]: { verdict, pending: true, item } });
      const result = await setCriterionVerdict(null, data);
      toastResult(result);
      if (result.ok) {
        startTransition(() => {
          setRecorded((state) => ({ ...state, [item.id]: { verdict: verdict!, pending: false, item } }));
          setReopened((list) => list.filter((id) => id !== item.id));
        });
        setSelected((list) => list.filter((id) => id !== item.id));
      } else {
        // The optimistic verdict falls back on its own when the transition
        // ends; the form, never unmounted, still holds what QA typed.
        setFailures((state) => ({ ...state, [item.id]: { error: result.error, fieldErrors: result.fieldErrors } }));
      }
    });
  }

  function passSelected(form: HTMLFormElement) {
    const data = new FormData(form);
    for (const id of chosen) data.append("criterionIds", id);
    setBulkFailure(null);
    setBulkMessage(null);
    if (chosen.length === 0) {
      setBulkFailure({ error: "Select the criteria that passed: tick them in the list below." });
      return;
    }
    const ids = [...chosen];
    const batch = Object.fromEntries(
      rows.filter((r) => ids.includes(r.id)).map((item) => [item.id, { verdict: "PASSED" as const, pending: true, item }]),
    );
    startTransition(async () => {
      addShown(batch);
      const result = await passCriteria(null, data);
      if (result.ok) {
        startTransition(() => {
          setRecorded((state) => ({
            ...state,
            ...Object.fromEntries(Object.entries(batch).map(([id, r]) => [id, { ...r, pending: false }])),
          }));
          setReopened((list) => list.filter((id) => !ids.includes(id)));
        });
        setSelected([]);
        form.reset();
        const message = `${ids.length === 1 ? "1 criterion" : `${ids.length} criteria`} passed.`;
        setBulkMessage(message);
        notify.success(message);
      } else {
        setBulkFailure({ error: result.error, fieldErrors: result.fieldErrors });
        notify.error(result.error);
      }
    });
  }

  const sections = (["retest", "untested"] as const).map((group) => {
    const features: { id: string; title: string; items: QueueItem[] }[] = [];
    for (const row of rows.filter((r) => r.group === group)) {
      const entry = features.find((f) => f.id === row.featureId);
      if (entry) entry.items.push(row);
      else features.push({ id: row.featureId, title: row.featureTitle, items: [row] });
    }
    return { group, features };
  });

  // Rendered even when the server sends no row, so the last verdicts recorded here stay in sight.
  if (rows.length === 0) return <p className="mt-8 text-sm text-slate-600">{empty}</p>;

  return (
    <>
      {canVerdict ? (
        <BulkPass
          count={chosen.length}
          total={selectable.length}
          allSelected={selectable.length > 0 && chosen.length === selectable.length}
          onSelectAll={(all) => setSelected(all ? selectable : [])}
          onSubmit={passSelected}
          failure={bulkFailure}
          message={bulkMessage}
          pending={pending}
          teamId={teamId}
        />
      ) : null}
      {sections.map(({ group, features }) => (
        <section key={group} aria-labelledby={`qa-group-${group}`} className="mt-8">
          <h2 id={`qa-group-${group}`} className="text-xl font-semibold">
            {GROUP_TITLES[group]} <span className="text-base font-normal text-slate-600">({totals[group]})</span>
          </h2>
          <p className="text-sm text-slate-600">{GROUP_HINTS[group]}</p>
          {features.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">
              {group === "retest" ? "Nothing waits for a retest on this page." : "No untested criteria on this page."}
            </p>
          ) : (
            features.map((feature) => (
              <section key={feature.id} aria-labelledby={`qa-${group}-feature-${feature.id}`} className="mt-4">
                <h3 id={`qa-${group}-feature-${feature.id}`} className="text-lg font-semibold">
                  <Link href={`/teams/${teamId}/features/${feature.id}`} className="text-indigo-700 underline">
                    {feature.title}
                  </Link>
                </h3>
                <ol className="mt-2 flex flex-col gap-3">
                  {feature.items.map((item) => (
                    <QueueRow
                      key={item.id}
                      teamId={teamId}
                      item={item}
                      canVerdict={canVerdict}
                      shown={shown[item.id]}
                      isOpen={open(item.id)}
                      gone={!!recorded[item.id] && !serverIds.has(item.id)}
                      selected={chosen.includes(item.id)}
                      onSelect={(on) =>
                        setSelected((list) => (on ? [...list, item.id] : list.filter((id) => id !== item.id)))
                      }
                      failure={failures[item.id]}
                      onRecord={(form) => recordOne(item, form)}
                      onChange={() => setReopened((list) => [...list, item.id])}
                    />
                  ))}
                </ol>
              </section>
            ))
          )}
        </section>
      ))}
    </>
  );
}

function BulkPass({
  count,
  total,
  allSelected,
  onSelectAll,
  onSubmit,
  failure,
  message,
  pending,
  teamId,
}: {
  count: number;
  total: number;
  allSelected: boolean;
  onSelectAll: (all: boolean) => void;
  onSubmit: (form: HTMLFormElement) => void;
  failure: Failure | null;
  message: string | null;
  pending: boolean;
  teamId: string;
}) {
  const errors = failure?.fieldErrors;
  return (
    <form
      aria-label="Pass selected criteria"
      noValidate
      className="mt-6 flex flex-col gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(event.currentTarget);
      }}
    >
      <input type="hidden" name="teamId" value={teamId} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Pass several at once</h2>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4"
            checked={allSelected}
            disabled={total === 0}
            onChange={(event) => onSelectAll(event.currentTarget.checked)}
          />
          Select all {total} on this page
        </label>
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {count === 0 ? "Tick the criteria that passed in the list below." : `${count} selected.`}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextareaField
          label="Note for all of them"
          name="note"
          id="bulk-note"
          rows={2}
          maxLength={4000}
          hint="Optional, e.g. the build or release candidate tested."
          errors={errors?.note}
        />
        <Field
          label="Evidence link for all of them"
          name="evidenceUrl"
          id="bulk-evidence"
          type="url"
          inputMode="url"
          placeholder="https://"
          maxLength={2000}
          hint="Optional: a test run, recording or ticket."
          errors={errors?.evidenceUrl}
        />
      </div>
      {failure && (!errors || errors.criterionIds || errors.teamId) ? (
        <Alert tone="error">{errors?.criterionIds?.join(" ") ?? failure.error}</Alert>
      ) : null}
      {message ? <Alert tone="success">{message}</Alert> : null}
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {count === 0 ? "Pass selected" : `Pass ${count} selected`}
        </Button>
      </div>
    </form>
  );
}

function QueueRow({
  teamId,
  item,
  canVerdict,
  shown,
  isOpen,
  gone,
  selected,
  onSelect,
  failure,
  onRecord,
  onChange,
}: {
  teamId: string;
  item: QueueItem;
  canVerdict: boolean;
  shown: Recorded | undefined;
  isOpen: boolean;
  gone: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  failure: Failure | undefined;
  onRecord: (form: HTMLFormElement) => void;
  onChange: () => void;
}) {
  const statusRef = useRef<HTMLParagraphElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const submitted = useRef(false);
  const label = `criterion ${item.number} of ${item.featureTitle}`;
  const errors = failure?.fieldErrors;
  const showForm = canVerdict && isOpen;

  // Focus follows the row: to its recorded verdict once submitted, back to
  // the form (its message) when refused, to the verdict to change it.
  const changing = useRef(false);
  useEffect(() => {
    if (changing.current && isOpen) {
      changing.current = false;
      document.getElementById(`verdict-${item.id}`)?.focus();
      return;
    }
    if (!submitted.current) return;
    if (shown && !isOpen) statusRef.current?.focus();
    else if (failure) (errors?.verdict ? document.getElementById(`verdict-${item.id}`) : alertRef.current)?.focus();
  }, [shown, isOpen, failure, errors, item.id]);

  return (
    <li
      className={`rounded-lg border bg-white p-4 ${shown && !isOpen ? "border-emerald-300" : "border-slate-200"}`}
      aria-label={`Criterion ${item.number}`}
    >
      <div className="flex items-start gap-3">
        {canVerdict && isOpen ? (
          <input
            type="checkbox"
            className="mt-1 size-4 shrink-0"
            aria-label={`Select ${label}`}
            checked={selected}
            onChange={(event) => onSelect(event.currentTarget.checked)}
          />
        ) : null}
        <div className="min-w-0 flex-1 text-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="mb-1 text-xs font-medium text-slate-600">Criterion {item.number}</p>
            {item.reverify ? (
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Re-verify</span>
            ) : null}
          </div>
          {item.text ? (
            <p className="whitespace-pre-line break-words">{item.text}</p>
          ) : (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-words">
              <dt className="font-semibold">Given</dt>
              <dd>{item.given}</dd>
              <dt className="font-semibold">When</dt>
              <dd>{item.when}</dd>
              <dt className="font-semibold">Then</dt>
              <dd>{item.then}</dd>
            </dl>
          )}
          {item.last ? (
            <p className="mt-2 text-xs text-slate-700">
              <span className={`font-semibold ${item.verdict === "PASSED" ? "text-emerald-800" : "text-red-800"}`}>
                Last: {VERDICT_LABELS[item.verdict]}
              </span>{" "}
              by {item.last.by} on {item.last.at}
              {item.reverify ? ", against an earlier spec revision" : ""}
              {item.last.note ? <>: “{item.last.note}”</> : "."}
              {item.last.evidenceUrl ? (
                <>
                  {" "}
                  <a href={item.last.evidenceUrl} className="text-indigo-700 underline" rel="noreferrer noopener" target="_blank">
                    Evidence
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>

      {shown && !isOpen ? (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-3">
          <p ref={statusRef} tabIndex={-1} role="status" className="text-sm font-medium text-emerald-900">
            {shown.pending
              ? `Recording ${VERDICT_LABELS[shown.verdict].toLowerCase()}…`
              : `Recorded: ${VERDICT_LABELS[shown.verdict]}.${gone && shown.verdict === "PASSED" ? " It leaves the queue when you reload." : ""}`}
          </p>
          {canVerdict && !shown.pending ? (
            <Button
              variant="secondary"
              onClick={() => {
                changing.current = true;
                onChange();
              }}
              aria-label={`Change the verdict of ${label}`}>
              Change
            </Button>
          ) : null}
        </div>
      ) : null}

      {canVerdict ? (
        <form
          hidden={!showForm}
          aria-label={`Verdict for ${label}`}
          noValidate
          className="mt-3 flex flex-col gap-2 border-t border-slate-200 pt-3"
          onSubmit={(event) => {
            event.preventDefault();
            submitted.current = true;
            onRecord(event.currentTarget);
          }}
        >
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="featureId" value={item.featureId} />
          <input type="hidden" name="criterionId" value={item.id} />
          <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
            <SelectField
              label="Verdict"
              name="verdict"
              id={`verdict-${item.id}`}
              options={OPTIONS}
              placeholder="Choose a verdict"
              defaultValue=""
              errors={errors?.verdict}
            />
            <Field
              label="Evidence link"
              name="evidenceUrl"
              id={`verdict-evidence-${item.id}`}
              type="url"
              inputMode="url"
              placeholder="https://"
              maxLength={2000}
              errors={errors?.evidenceUrl}
            />
          </div>
          <TextareaField
            label="Note"
            name="note"
            id={`verdict-note-${item.id}`}
            rows={2}
            maxLength={4000}
            hint="Required when it failed or is blocked."
            errors={errors?.note}
          />
          {failure ? (
            <div ref={alertRef} tabIndex={-1}>
              <Alert tone="error">Not recorded: {failure.error}</Alert>
            </div>
          ) : null}
          <div>
            <Button type="submit">Record verdict</Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
