"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signInSchema } from "@/lib/users/schemas";

const ERRORS: Record<string, string> = {
  throttled: "Too many failed attempts. Wait 15 minutes, then try again.",
};
const WRONG = "Email or password is wrong.";

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { email: form.get("email"), password: form.get("password") };
    const parsed = signInSchema.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), [issue.message]])),
      );
      setError(null);
      return;
    }
    setFieldErrors({});
    startTransition(async () => {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error) {
        setError((result?.error && ERRORS[result.error]) || WRONG);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required errors={fieldErrors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm text-slate-700">
        New to Liftoff?{" "}
        <Link
          className="font-medium text-indigo-700 underline"
          href={callbackPath === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackPath)}`}
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
