"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextareaField } from "@/components/ui/textarea-field";
import { createFeature } from "@/lib/features/actions";
import { MAX_PHASES, MEASURABLE_TARGET_HINT } from "@/lib/features/schemas";
import { withToast } from "@/components/ui/toaster";

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

export function CreateFeatureForm({ teamId }: { teamId: string }) {
  const [state, action] = useActionState(withToast(createFeature), null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values;
  const [phaseCount, setPhaseCount] = useState(Math.max(1, asList(values?.phaseName).length));
  const names = asList(values?.phaseName);
  const targets = asList(values?.phaseTargets);
  // Each message names its phase ("Phase 2: …"): shown under that phase's targets.
  const targetErrors = failure?.fieldErrors?.phaseTargets ?? [];
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field label="Title" name="title" required maxLength={120} defaultValue={String(values?.title ?? "")} errors={failure?.fieldErrors?.title} />
      <Field
        label="Summary"
        name="summary"
        required
        maxLength={280}
        hint="One line: what it does for whom."
        defaultValue={String(values?.summary ?? "")}
        errors={failure?.fieldErrors?.summary}
      />
      <fieldset className="flex flex-col gap-4" aria-describedby="phases-hint">
        <legend className="text-sm font-medium">Phases (optional)</legend>
        <p id="phases-hint" className="text-xs text-slate-600">
          Plan in phases, e.g. phase 1: a simple model that ships; phase 2: a better one; up to {MAX_PHASES}. Each has
          its own target metrics: {MEASURABLE_TARGET_HINT}.
        </p>
        <FieldError id="phase-name-error" errors={failure?.fieldErrors?.phaseName} />
        {Array.from({ length: phaseCount }, (_, i) => (
          <div key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
            <Field label={`Phase ${i + 1} name`} name="phaseName" id={`phase-name-${i}`} defaultValue={names[i] ?? ""} />
            <TextareaField
              label={`Phase ${i + 1} target metrics`}
              name="phaseTargets"
              id={`phase-targets-${i}`}
              rows={2}
              defaultValue={targets[i] ?? ""}
              placeholder="e.g. precision >= 0.9 at 1% review rate"
              errors={targetErrors.filter((e) => e.startsWith(`Phase ${i + 1}:`))}
            />
          </div>
        ))}
        {phaseCount < MAX_PHASES ? (
          <div>
            <Button variant="secondary" onClick={() => setPhaseCount((n) => n + 1)}>
              Add a phase
            </Button>
          </div>
        ) : (
          <p className="text-xs text-slate-600">That is the most phases a feature can plan.</p>
        )}
      </fieldset>
      <div>
        <SubmitButton pendingText="Creating…">Create feature</SubmitButton>
      </div>
    </form>
  );
}
