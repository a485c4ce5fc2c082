"use client";

import { ActionForm } from "@/components/ui/action-form";
import { DialogButton } from "@/components/ui/dialog-button";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { moveFeatureBack, pauseFeature, resumeFeature, retireFeature, startNextPhase } from "@/lib/features/actions";
import type { ActionState } from "@/lib/errors";

const reasonField = (id: string) =>
  function ReasonField(state: ActionState) {
    return (
      <TextareaField
        label="Reason"
        name="reason"
        id={id}
        required
        hint="Kept in the feature's history."
        errors={state && !state.ok ? state.fieldErrors?.reason : undefined}
      />
    );
  };

/** Moving back, pausing, resuming and retiring: each asks for a written reason. */
export function StageActions({
  teamId,
  featureId,
  version,
  stage,
  earlier,
  nextPhaseName,
}: {
  teamId: string;
  featureId: string;
  version: number;
  stage: string;
  earlier: { value: string; label: string }[];
  /** Set in production when a later phase is planned. */
  nextPhaseName?: string;
}) {
  const hidden = { teamId, featureId, version };
  return (
    <div className="flex flex-wrap gap-2" aria-label="Stage actions" role="group">
      {nextPhaseName ? (
        <DialogButton label="Start next phase…" title={`Start “${nextPhaseName}”`} variant="primary">
          <p className="mb-3 text-sm text-slate-700">
            The feature goes back to proof of concept for the new phase; the phase in production stays in its history.
          </p>
          <ActionForm action={startNextPhase} hidden={hidden} submitLabel="Start next phase" pendingLabel="Starting…" />
        </DialogButton>
      ) : null}
      {earlier.length ? (
        <DialogButton label="Move back…" title="Move this feature back">
          <ActionForm action={moveFeatureBack} hidden={hidden} submitLabel="Move back" pendingLabel="Moving…">
            {(state) => (
              <>
                <SelectField
                  label="To stage"
                  name="toStage"
                  id="move-back-stage"
                  options={earlier}
                  defaultValue={earlier.at(-1)?.value}
                  errors={state && !state.ok ? state.fieldErrors?.toStage : undefined}
                />
                {reasonField("move-back-reason")(state)}
              </>
            )}
          </ActionForm>
        </DialogButton>
      ) : null}
      {stage === "PAUSED" ? (
        <ActionForm action={resumeFeature} hidden={hidden} submitLabel="Resume" variant="secondary" pendingLabel="Resuming…" />
      ) : stage !== "RETIRED" ? (
        <DialogButton label="Pause…" title="Pause this feature">
          <ActionForm action={pauseFeature} hidden={hidden} submitLabel="Pause feature" pendingLabel="Pausing…">
            {reasonField("pause-reason")}
          </ActionForm>
        </DialogButton>
      ) : null}
      {stage !== "RETIRED" ? (
        <DialogButton label="Retire…" title="Retire this feature" variant="secondary">
          <p className="mb-3 text-sm text-slate-700">A retired feature stays in the history but leaves the pipeline for good.</p>
          <ActionForm action={retireFeature} hidden={hidden} submitLabel="Retire feature" variant="danger" pendingLabel="Retiring…">
            {reasonField("retire-reason")}
          </ActionForm>
        </DialogButton>
      ) : null}
    </div>
  );
}
