"use client";

import { signOut } from "next-auth/react";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { revokeSession, signOutEverywhere } from "@/lib/users/actions";
import { withToast } from "@/components/ui/toaster";

export type SessionRow = {
  id: string;
  device: string;
  ip: string | null;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const [everywhereState, everywhere] = useActionState(withToast(signOutEverywhere), null);
  // Every session is over, this one too: clear the cookie and leave.
  useEffect(() => {
    if (everywhereState?.ok) void signOut({ callbackUrl: "/sign-in" });
  }, [everywhereState]);
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Active sessions">
        {sessions.map((session) => (
          <SessionItem key={session.id} session={session} />
        ))}
      </ul>
      <div>
        <ConfirmDialog
          trigger="Sign out everywhere"
          title="Sign out everywhere?"
          description="Every session ends, this one included. You will need to sign in again on each device."
        >
          <form action={everywhere}>
            <SubmitButton variant="danger" pendingText="Signing out…">
              Sign out all sessions
            </SubmitButton>
          </form>
        </ConfirmDialog>
      </div>
      {everywhereState && !everywhereState.ok ? <Alert tone="error">{everywhereState.error}</Alert> : null}
    </div>
  );
}

function SessionItem({ session }: { session: SessionRow }) {
  const [state, action] = useActionState(withToast(revokeSession), null);
  useEffect(() => {
    if (state?.ok && state.data.wasCurrent) void signOut({ callbackUrl: "/sign-in" });
  }, [state]);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
      <div>
        <p className="font-medium text-slate-900">
          {session.device}
          {session.current ? (
            <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-900">
              This browser
            </span>
          ) : null}
        </p>
        <p className="text-slate-600">
          {session.ip ?? "unknown address"} · {session.method === "sso" ? "single sign-on" : "password"} · signed in{" "}
          {when.format(new Date(session.createdAt))} · last seen {when.format(new Date(session.lastSeenAt))}
        </p>
        {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      </div>
      <form action={action}>
        <input type="hidden" name="sessionId" value={session.id} />
        <SubmitButton variant="secondary" pendingText="Signing out…">
          <span aria-label={`Sign out ${session.device}${session.current ? " (this browser)" : ""}`}>Sign out</span>
        </SubmitButton>
      </form>
    </li>
  );
}
