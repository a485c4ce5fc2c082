"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePassword } from "@/lib/users/actions";
import { withToast } from "@/components/ui/toaster";

export function ChangePasswordForm() {
  const [state, action] = useActionState(withToast(changePassword), null);
  const failure = state && !state.ok ? state : null;
  return (
    // A fresh form after success so the password fields are empty again.
    <form key={state?.ok ? "done" : "form"} action={action} className="flex max-w-sm flex-col gap-4" noValidate aria-label="Change password">
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={failure?.fieldErrors?.currentPassword}
      />
      <NewPasswordField note="Your other sessions will be signed out." errors={failure?.fieldErrors?.password} />
      <div>
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
