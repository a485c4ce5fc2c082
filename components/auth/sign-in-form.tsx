"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { signInSchema } from "@/lib/users/schemas";

const WRONG = "Email or password is wrong.";

/** "throttled:<ISO time>" from the server, as words a person can act on. */
function throttledMessage(error: string): string | null {
  if (!error.startsWith("throttled")) return null;
  const until = new Date(decodeURIComponent(error.slice("throttled:".length)));
  const when = Number.isNaN(until.getTime())
    ? "in a few minutes"
    : `after ${until.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
  return `Too many sign-in attempts. Try again ${when}, or reset your password to get in now.`;
}

export function SignInForm({ callbackPath, ssoName }: { callbackPath: string; ssoName: string | null }) {
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
        setError((result?.error && throttledMessage(result.error)) || WRONG);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    });
  }

  const withCallback = (path: string) =>
    callbackPath === "/" ? path : `${path}?callbackUrl=${encodeURIComponent(callbackPath)}`;

  return (
    <div className="flex flex-col gap-4">
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
      </form>
      {ssoName ? (
        <>
          <p className="text-center text-xs uppercase tracking-wide text-slate-500">or</p>
          <Button variant="secondary" onClick={() => void signIn("oidc", { callbackUrl: callbackPath })}>
            Sign in with {ssoName}
          </Button>
        </>
      ) : null}
      <p className="text-sm text-slate-700">
        <Link className="font-medium text-indigo-700 underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <p className="text-sm text-slate-700">
        New to Liftoff?{" "}
        <Link className="font-medium text-indigo-700 underline" href={withCallback("/sign-up")}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
