"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { requestPasswordReset, resendVerification, resetPassword, verifyEmail } from "@/lib/users/actions";

// The forms behind mailed links. Each link only opens a page; the token is
// used by a deliberate button press (a POST), so mail scanners that fetch
// links cannot use them up.

export function VerifyEmailForm({ token, signedIn }: { token: string; signedIn: boolean }) {
  const [state, action] = useActionState(verifyEmail, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">{state.message}</Alert>
        <Link className="font-medium text-indigo-700 underline" href={signedIn ? "/" : "/sign-in"}>
          {signedIn ? "Continue to Liftoff" : "Sign in"}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" aria-label="Verify email">
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton pendingText="Verifying…">Verify my email address</SubmitButton>
    </form>
  );
}

export function ResendVerificationForm() {
  const [state, action] = useActionState(resendVerification, null);
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Resend verification">
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send a new link
      </SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action] = useActionState(requestPasswordReset, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4" role="status">
        <p className="text-sm text-slate-700">
          If <strong>{state.data.email}</strong> has a Liftoff account, a link to choose a new password is on its way.
          It works once, for one hour.
        </p>
        <Link className="font-medium text-indigo-700 underline" href="/sign-in">
          Back to sign in
        </Link>
      </div>
    );
  }
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="flex flex-col gap-4" aria-label="Reset password" noValidate>
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={String(failure?.values?.email ?? "")}
        errors={failure?.fieldErrors?.email}
      />
      <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPassword, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">{state.message}</Alert>
        <Link className="font-medium text-indigo-700 underline" href="/sign-in">
          Sign in
        </Link>
      </div>
    );
  }
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="flex flex-col gap-4" aria-label="Choose a new password" noValidate>
      <input type="hidden" name="token" value={token} />
      {failure && !failure.fieldErrors?.password ? <Alert tone="error">{failure.error}</Alert> : null}
      <NewPasswordField note="Every other session of yours will be signed out." errors={failure?.fieldErrors?.password} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}
