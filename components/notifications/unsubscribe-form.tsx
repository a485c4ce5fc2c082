"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { unsubscribe } from "@/lib/notifications/actions";

// Opening the mailed link only shows this: the change takes a deliberate
// press (a POST), so a mail scanner fetching the link changes nothing.
export function UnsubscribeForm({ token, what, email }: { token: string; what: string; email: string }) {
  const [state, action] = useActionState(unsubscribe, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">Unsubscribed</h1>
        <Alert tone="success">
          Done: no more mail about {state.data.kinds.join(" or ")} to {state.data.email}.
        </Alert>
        <p className="text-sm text-slate-700">
          Changed your mind? Turn it back on in your{" "}
          <Link className="font-medium text-indigo-700 underline" href="/account#notifications">
            notification settings
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" aria-label="Unsubscribe">
      <h1 className="text-2xl font-semibold">Stop this mail?</h1>
      <p className="text-sm text-slate-700">
        {email} will get no more mail about {what}, immediately or in the daily digest. Everything stays in the app, and
        you can turn it back on in your notification settings.
      </p>
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton pendingText="Turning off…">Stop mail about {what}</SubmitButton>
    </form>
  );
}
