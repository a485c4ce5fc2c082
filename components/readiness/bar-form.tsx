"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { setReadinessBar } from "@/lib/readiness/actions";

export function ReadinessBarForm({ teamId, bar }: { teamId: string; bar: number }) {
  return (
    <ActionForm action={setReadinessBar} hidden={{ teamId }} submitLabel="Save bar" pendingLabel="Saving…" className="mt-3 flex flex-col gap-3">
      {(state) => (
        <Field
          label="Bar"
          name="bar"
          id="readiness-bar"
          type="number"
          min={0}
          max={7}
          step={0.5}
          defaultValue={state && !state.ok && typeof state.values?.bar === "string" ? state.values.bar : String(bar)}
          errors={state && !state.ok ? state.fieldErrors?.bar : undefined}
        />
      )}
    </ActionForm>
  );
}
