"use client";

import { CriterionFields } from "@/components/criteria/criterion-fields";
import { VerdictForm } from "@/components/criteria/verdict-form";
import { ActionForm } from "@/components/ui/action-form";
import { DialogButton } from "@/components/ui/dialog-button";
import { TextareaField } from "@/components/ui/textarea-field";
import { createCriterion, moveCriterion, removeCriterion, retireCriterion, updateCriterion } from "@/lib/criteria/actions";
import { VERDICT_LABELS } from "@/lib/criteria/schemas";

export type CriterionView = {
  id: string;
  given: string;
  when: string;
  then: string;
  text: string;
  successCriterionKeys: string[];
  specRevisionNumber: number | null;
  verdict: keyof typeof VERDICT_LABELS;
  reverify: boolean;
  retiredAt: Date | null;
  retiredReason: string | null;
  version: number;
  verdicts: {
    id: bigint;
    verdict: keyof typeof VERDICT_LABELS;
    note: string | null;
    evidenceUrl: string | null;
    createdAt: Date;
    user: { name: string } | null;
  }[];
};

const VERDICT_STYLES: Record<string, string> = {
  UNTESTED: "bg-slate-100 text-slate-800",
  PASSED: "bg-emerald-100 text-emerald-900",
  FAILED: "bg-red-100 text-red-900",
  BLOCKED: "bg-amber-100 text-amber-900",
};

const date = (d: Date) => new Date(d).toISOString().replace("T", " ").slice(0, 16);

export function CriteriaSection({
  teamId,
  featureId,
  criteria,
  successCriteria,
  canWrite,
  canVerdict,
}: {
  teamId: string;
  featureId: string;
  criteria: CriterionView[];
  successCriteria: { key: string; metric: string; target: string }[];
  canWrite: boolean;
  canVerdict: boolean;
}) {
  const ids = { teamId, featureId };
  const active = criteria.filter((c) => !c.retiredAt);
  return (
    <section aria-labelledby="criteria-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="criteria-heading" className="text-lg font-semibold">
          Acceptance criteria
        </h2>
        <a href={`/teams/${teamId}/features/${featureId}/criteria/export`} className="text-sm text-indigo-700 underline">
          Download as CSV
        </a>
      </div>
      {criteria.length === 0 ? <p className="mt-2 text-sm text-slate-600">No acceptance criteria yet.</p> : null}
      <ol className="mt-3 flex flex-col gap-3" aria-label="Acceptance criteria">
        {criteria.map((c) => {
          const n = active.indexOf(c) + 1;
          const label = c.retiredAt ? "Retired criterion" : `Criterion ${n}`;
          const judged = c.verdicts.length > 0;
          return (
            <li key={c.id} className={`rounded-md border p-3 ${c.retiredAt ? "border-slate-200 opacity-70" : "border-slate-300"}`} aria-label={label}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="text-sm">
                  {c.text ? (
                    <p>{c.text}</p>
                  ) : (
                    <p>
                      <strong>Given</strong> {c.given}, <strong>when</strong> {c.when}, <strong>then</strong> {c.then}
                    </p>
                  )}
                  <p className="mt-1 text-xs text-slate-600">
                    {c.specRevisionNumber ? `Written against spec revision ${c.specRevisionNumber}` : "Written before any approved spec"}
                    {c.successCriterionKeys.length
                      ? ` · verifies ${c.successCriterionKeys
                          .map((k) => successCriteria.find((s) => s.key === k)?.metric ?? "a removed success criterion")
                          .join(", ")}`
                      : ""}
                    {c.retiredAt ? ` · retired: ${c.retiredReason}` : ""}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {c.reverify ? (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Re-verify</span>
                  ) : null}
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${VERDICT_STYLES[c.verdict]}`} data-testid="verdict">
                    {VERDICT_LABELS[c.verdict]}
                  </span>
                </div>
              </div>
              {judged ? (
                <details className="mt-2 text-xs">
                  <summary className="cursor-pointer text-slate-700">History ({c.verdicts.length})</summary>
                  <ol className="mt-1 flex flex-col gap-1">
                    {c.verdicts.map((v) => (
                      <li key={v.id.toString()}>
                        {date(v.createdAt)} · {v.user?.name ?? "Someone"}: {VERDICT_LABELS[v.verdict]}
                        {v.note ? ` — ${v.note}` : ""}
                        {v.evidenceUrl ? (
                          <>
                            {" "}
                            (
                            <a href={v.evidenceUrl} rel="noopener noreferrer nofollow" className="underline">
                              evidence
                            </a>
                            )
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              {!c.retiredAt && (canWrite || canVerdict) ? (
                <div className="mt-3 flex flex-wrap items-start gap-2">
                  {canVerdict ? <VerdictForm teamId={teamId} featureId={featureId} criterionId={c.id} label={`Verdict for ${label.toLowerCase()}`} /> : null}
                  {canWrite ? (
                    <>
                      <ActionForm action={moveCriterion} hidden={{ ...ids, criterionId: c.id, direction: "up" }} submitLabel={<span>Up<span className="sr-only"> {label}</span></span>} variant="ghost" className="" />
                      <ActionForm action={moveCriterion} hidden={{ ...ids, criterionId: c.id, direction: "down" }} submitLabel={<span>Down<span className="sr-only"> {label}</span></span>} variant="ghost" className="" />
                      {judged ? (
                        <DialogButton label={`Retire ${label.toLowerCase()}…`} title="Retire this criterion">
                          <ActionForm action={retireCriterion} hidden={{ ...ids, criterionId: c.id }} submitLabel="Retire" variant="danger" pendingLabel="Retiring…">
                            {(state) => (
                              <TextareaField label="Reason" name="reason" id={`retire-${c.id}`} required errors={state && !state.ok ? state.fieldErrors?.reason : undefined} />
                            )}
                          </ActionForm>
                        </DialogButton>
                      ) : (
                        <>
                          <DialogButton label={`Edit ${label.toLowerCase()}…`} title={`Edit ${label.toLowerCase()}`}>
                            <ActionForm action={updateCriterion} hidden={{ ...ids, criterionId: c.id, version: c.version }} submitLabel="Save criterion" pendingLabel="Saving…">
                              {(state) => <CriterionFields idPrefix={`edit-${c.id}`} state={state} initial={c} successCriteria={successCriteria} />}
                            </ActionForm>
                          </DialogButton>
                          <DialogButton label={`Remove ${label.toLowerCase()}…`} title="Remove this criterion?">
                            <p className="mb-3 text-sm text-slate-700">It has no verdict yet, so it is removed for good.</p>
                            <ActionForm action={removeCriterion} hidden={{ ...ids, criterionId: c.id }} submitLabel="Remove" variant="danger" pendingLabel="Removing…" />
                          </DialogButton>
                        </>
                      )}
                    </>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canWrite ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold">Add a criterion</h3>
          <ActionForm action={createCriterion} hidden={ids} submitLabel="Add criterion" pendingLabel="Adding…" ariaLabel="Add a criterion" className="mt-2 flex flex-col gap-3">
            {(state) => <CriterionFields key={state?.ok ? String(state.data.criterionId) : "new"} idPrefix="new-criterion" state={state} successCriteria={successCriteria} />}
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}
