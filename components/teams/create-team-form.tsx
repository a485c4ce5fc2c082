"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createTeam } from "@/lib/teams/actions";
import { withToast } from "@/components/ui/toaster";

export function CreateTeamForm() {
  const [state, action] = useActionState(withToast(createTeam), null);
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field
        label="Team name"
        name="name"
        required
        maxLength={80}
        defaultValue={String(failure?.values?.name ?? "")}
        errors={failure?.fieldErrors?.name}
      />
      <SubmitButton pendingText="Creating…">Create team</SubmitButton>
    </form>
  );
}
