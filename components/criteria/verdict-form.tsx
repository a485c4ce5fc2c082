"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { setCriterionVerdict } from "@/lib/criteria/actions";
import { VERDICT_LABELS, VERDICTS } from "@/lib/criteria/schemas";

const OPTIONS = VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] }));
const SHOWN = ["verdict", "note", "evidenceUrl"];

/**
 * QA's verdict on one criterion: the verdict, a note (required unless it
 * passed or is reset to untested) and an optional evidence link. `label`
 * names the form for assistive technology, e.g. "Verdict for criterion 2".
 */
export function VerdictForm({
  teamId,
  featureId,
  criterionId,
  label,
}: {
  teamId: string;
  featureId: string;
  criterionId: string;
  label: string;
}) {
  return (
    <ActionForm
      action={setCriterionVerdict}
      hidden={{ teamId, featureId, criterionId }}
      submitLabel="Record verdict"
      pendingLabel="Recording…"
      ariaLabel={label}
      className="flex w-full max-w-xl flex-col gap-2"
    >
      {(state) => {
        const failure = state && !state.ok ? state : null;
        const errors = failure?.fieldErrors;
        const echo = (key: string) => (typeof failure?.values?.[key] === "string" ? String(failure.values[key]) : "");
        // ActionForm shows the message only when no field is to blame; an
        // error on a hidden field would otherwise go unseen.
        const hiddenError = errors && Object.keys(errors).some((k) => !SHOWN.includes(k));
        return (
          // React resets the form after each submission to the fields'
          // defaults, and a <select> only takes its default on mount: remount
          // with what was sent so a refused submission keeps its input.
          <div key={JSON.stringify(failure?.values ?? null)} className="flex flex-col gap-2">
            <SelectField
              label="Verdict"
              name="verdict"
              id={`verdict-${criterionId}`}
              options={OPTIONS}
              placeholder="Choose a verdict"
              defaultValue={echo("verdict")}
              errors={errors?.verdict}
            />
            <TextareaField
              label="Note"
              name="note"
              id={`verdict-note-${criterionId}`}
              rows={2}
              maxLength={4000}
              hint="Required when it failed or is blocked."
              defaultValue={echo("note")}
              errors={errors?.note}
            />
            <Field
              label="Evidence link"
              name="evidenceUrl"
              id={`verdict-evidence-${criterionId}`}
              type="url"
              inputMode="url"
              placeholder="https://"
              hint="Optional: a test run, recording or ticket."
              maxLength={2000}
              defaultValue={echo("evidenceUrl")}
              errors={errors?.evidenceUrl}
            />
            {hiddenError ? <Alert tone="error">{failure?.error}</Alert> : null}
          </div>
        );
      }}
    </ActionForm>
  );
}
