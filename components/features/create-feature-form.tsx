"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextareaField } from "@/components/ui/textarea-field";
import { createFeature } from "@/lib/features/actions";

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

export function CreateFeatureForm({ teamId }: { teamId: string }) {
  const [state, action] = useActionState(createFeature, null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values;
  const [phaseCount, setPhaseCount] = useState(Math.max(1, asList(values?.phaseName).length));
  const names = asList(values?.phaseName);
  const targets = asList(values?.phaseTargets);
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
      <fieldset className="flex flex-col gap-4">
        <legend className="text-sm font-medium">Phases (optional)</legend>
        <p className="text-xs text-slate-600">
          Plan in phases, e.g. phase 1: a simple model that ships; phase 2: a better one. Each has its own target metrics.
        </p>
        {Array.from({ length: phaseCount }, (_, i) => (
          <div key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
            <Field label={`Phase ${i + 1} name`} name="phaseName" id={`phase-name-${i}`} defaultValue={names[i] ?? ""} />
            <TextareaField
              label={`Phase ${i + 1} target metrics`}
              name="phaseTargets"
              id={`phase-targets-${i}`}
              rows={2}
              defaultValue={targets[i] ?? ""}
              placeholder="e.g. precision ≥ 0.9 at 1% review rate"
            />
          </div>
        ))}
        {phaseCount < 6 ? (
          <div>
            <Button variant="secondary" onClick={() => setPhaseCount((n) => n + 1)}>
              Add a phase
            </Button>
          </div>
        ) : null}
      </fieldset>
      <div>
        <SubmitButton pendingText="Creating…">Create feature</SubmitButton>
      </div>
    </form>
  );
}
