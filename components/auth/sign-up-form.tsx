"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signUp } from "@/lib/users/actions";

export function SignUpForm({
  callbackPath,
  invitation,
}: {
  callbackPath: string;
  invitation: { token: string; email: string } | null;
}) {
  const router = useRouter();
  const [state, action] = useActionState(signUp, null);
  // React resets the form after the action, so keep what was typed for the
  // sign-in that follows a sign-up from an invitation link.
  const credentials = useRef({ email: "", password: "" });

  // Only an invitation link proves the address at once; then sign in and go
  // back to the invitation to accept it.
  useEffect(() => {
    if (!state?.ok || !state.data.signedUp) return;
    void signIn("credentials", { ...credentials.current, redirect: false }).then(() => {
      router.replace(callbackPath);
      router.refresh();
    });
  }, [state, callbackPath, router]);

  if (state?.ok && !state.data.signedUp) {
    // The same answer whether or not the address already had an account.
    return (
      <div className="flex flex-col gap-4" role="status">
        <h2 className="text-lg font-semibold">Check your inbox</h2>
        <p className="text-sm text-slate-700">
          We sent a message to <strong>{state.data.email}</strong>. Open the link in it to verify your address, then
          sign in. It may take a minute to arrive; look in your spam folder too.
        </p>
        <Link className="font-medium text-indigo-700 underline" href="/sign-in">
          Go to sign in
        </Link>
      </div>
    );
  }

  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const signInHref = callbackPath === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        credentials.current = { email: String(form.get("email")), password: String(form.get("password")) };
      }}
      className="flex flex-col gap-4"
      aria-label="Sign up"
      noValidate
    >
      {state && !state.ok && !fieldErrors ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">Account created. Signing you in…</Alert> : null}
      {invitation ? <input type="hidden" name="invitation" value={invitation.token} /> : null}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={String(values?.name ?? "")}
        errors={fieldErrors?.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        readOnly={invitation !== null}
        defaultValue={invitation?.email ?? String(values?.email ?? "")}
        hint={invitation ? "The address you were invited with." : undefined}
        errors={fieldErrors?.email}
      />
      <NewPasswordField label="Password" note="A long passphrase is best." errors={fieldErrors?.password} />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
      <p className="text-sm text-slate-700">
        Already have an account?{" "}
        <Link className="font-medium text-indigo-700 underline" href={signInHref}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
