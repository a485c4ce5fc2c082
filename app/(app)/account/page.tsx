import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { getSession, requireVerifiedUser } from "@/lib/auth";
import { getNotificationPreferences } from "@/lib/notifications/queries";
import { describeUserAgent, getAccountOverview, IDENTITY_EVENT_LABELS } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Account" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function AccountPage() {
  const user = await requireVerifiedUser();
  const session = await getSession();
  const [{ sessions, events }, preferences] = await Promise.all([getAccountOverview(user.id), getNotificationPreferences(user.id)]);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-slate-700">
          {user.name} · {user.email} (verified)
        </p>
      </div>

      <section aria-labelledby="password-heading" className="flex flex-col gap-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        {user.hasPassword ? (
          <ChangePasswordForm />
        ) : (
          <p className="text-sm text-slate-700">
            You sign in with single sign-on. To add a password,{" "}
            <Link className="font-medium text-indigo-700 underline" href="/forgot-password">
              ask for a password link
            </Link>
            .
          </p>
        )}
      </section>

      <section id="notifications" aria-labelledby="notifications-heading" className="flex scroll-mt-20 flex-col gap-3">
        <div>
          <h2 id="notifications-heading" className="text-lg font-semibold">
            Notifications by mail
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            For each kind of event: a mail right away (events on one feature a moment apart come together), one daily
            digest, or nothing. My work shows what waits on you either way.
          </p>
        </div>
        <NotificationSettingsForm preferences={preferences} />
      </section>

      <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <SessionList
          sessions={sessions.map((s) => ({
            id: s.id,
            device: describeUserAgent(s.userAgent),
            ip: s.ip,
            method: s.method,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.id === session?.sessionId,
          }))}
        />
      </section>

      <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Recent security activity
        </h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {events.map((event) => (
              <li key={event.id.toString()} className="flex justify-between gap-4 px-4 py-2">
                <span>{IDENTITY_EVENT_LABELS[event.action] ?? event.action}</span>
                <time className="text-slate-600" dateTime={event.createdAt.toISOString()}>
                  {when.format(event.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
