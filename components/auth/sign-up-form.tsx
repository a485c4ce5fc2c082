"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { signUp } from "@/lib/users/actions";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/schemas";

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [state, action] = useActionState(signUp, null);
  // React resets the form after the action, so keep what was typed for the
  // automatic sign-in that follows a successful sign-up.
  const credentials = useRef({ email: "", password: "" });

  // The account exists now: sign in with the same credentials, then go on.
  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", {
      ...credentials.current,
      redirect: false,
    }).then(() => {
      router.replace(callbackPath);
      router.refresh();
    });
  }, [state, callbackPath, router]);

  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        credentials.current = { email: String(form.get("email")), password: String(form.get("password")) };
      }}
      className="flex flex-col gap-4" aria-label="Sign up" noValidate>
      {state && !state.ok && !fieldErrors ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">Account created. Signing you in…</Alert> : null}
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
        defaultValue={String(values?.email ?? "")}
        errors={fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={`At least ${PASSWORD_MIN} characters. A long passphrase is best.`}
        errors={fieldErrors?.password}
      />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
      <p className="text-sm text-slate-700">
        Already have an account?{" "}
        <Link
          className="font-medium text-indigo-700 underline"
          href={callbackPath === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`}
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
