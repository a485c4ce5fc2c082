import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { InboxItemActions, MarkInboxSeen, WakeInboxItem } from "@/components/my-work/inbox-item-actions";
import { roleName } from "@/lib/authz/permissions";
import { requireTeamPage } from "@/lib/authz/pages";
import { STAGE_LABELS } from "@/lib/features/stages";
import { getInbox, type InboxGroup, type InboxKind } from "@/lib/my-work/inbox";
import { MY_WORK_LIST_SIZE } from "@/lib/my-work/queries";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "My work" };

const KIND_LABELS: Record<InboxKind, string> = {
  gate: "Gate",
  request: "Sign-off asked",
  review: "Spec review",
  changes: "Changes requested",
  criteria: "Criteria",
  mention: "Mention",
  stuck: "Stuck",
};

const untilFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

function FeatureHeading({ group, teamId, id }: { group: InboxGroup; teamId: string; id: string }) {
  return (
    <h2 id={id} className="flex flex-wrap items-baseline gap-2 text-base font-semibold">
      <Link href={`/teams/${teamId}/features/${group.feature.id}`} className="text-indigo-700 underline">
        {group.feature.title}
      </Link>
      <span className="text-xs font-medium text-slate-600">{STAGE_LABELS[group.feature.stage]}</span>
    </h2>
  );
}

export default async function MyWorkPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member } = await requireTeamPage(params);
  const inbox = await getInbox(member);
  const snoozedCount = inbox.snoozed.reduce((n, g) => n + g.items.length, 0);
  const unreadKeys = inbox.groups.flatMap((g) => g.items.filter((i) => i.unread).map((i) => i.key));
  return (
    <>
      <LiveRefresh teamId={teamId} renderedAt={renderedNow()} />
      <h1 className="text-2xl font-semibold">My work</h1>
      <p className="mt-1 text-sm text-slate-700">
        Everything that waits on you as {member.roles.map(roleName).join(", ")}, newest first.{" "}
        <MarkInboxSeen teamId={teamId} itemKeys={unreadKeys} />
        <span data-testid="inbox-open-count">
          {inbox.open === 0 ? "Nothing is open." : inbox.open === 1 ? "1 item is open" : `${inbox.open} items are open`}
          {inbox.open === 0 ? null : inbox.unread ? `, ${inbox.unread} new since you last looked.` : "."}
        </span>
      </p>

      {inbox.groups.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
          <p className="font-medium">Nothing waits on you.</p>
          <p className="mt-1 text-sm text-slate-600">
            Gates, sign-off requests, spec reviews, criteria to test and mentions appear here as they reach you.
          </p>
        </div>
      ) : (
        <div className="mt-6 flex flex-col gap-5">
          {inbox.groups.map((group) => {
            const headingId = `inbox-${group.feature.id}`;
            return (
              <section key={group.feature.id} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
                <div className="border-b border-slate-200 px-4 py-2.5">
                  <FeatureHeading group={group} teamId={teamId} id={headingId} />
                </div>
                <ul aria-label={`Waiting on you in ${group.feature.title}`} className="divide-y divide-slate-200">
                  {group.items.map((item) => (
                    <li key={item.key} className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
                      <div className="min-w-0">
                        <p>
                          {item.unread ? (
                            <span className="mr-2 rounded bg-indigo-700 px-1.5 py-0.5 text-xs font-semibold text-white">New</span>
                          ) : null}
                          <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
                            {KIND_LABELS[item.kind]}
                          </span>
                          {item.text}
                        </p>
                        <p className="mt-0.5 break-words text-slate-600">{item.detail}</p>
                      </div>
                      <div className="flex shrink-0 flex-wrap items-center gap-2">
                        <Link href={item.action.href} className={buttonClass("primary", "px-2.5 py-1 text-xs")}>
                          {item.action.label}
                        </Link>
                        <InboxItemActions
                          teamId={teamId}
                          itemKey={item.key}
                          label={`${item.text} (${group.feature.title})`}
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      {inbox.more ? (
        <p className="mt-3 text-sm text-amber-800">
          Each kind of item shows at most {MY_WORK_LIST_SIZE}; more wait behind them and appear as you clear these.
        </p>
      ) : null}

      {snoozedCount ? (
        <details className="mt-8 rounded-lg border border-slate-200 bg-white">
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium">Snoozed ({snoozedCount})</summary>
          <ul aria-label="Snoozed" className="divide-y divide-slate-200 border-t border-slate-200">
            {inbox.snoozed.flatMap((group) =>
              group.items.map((item) => (
                <li key={item.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium">{group.feature.title}</span>: {item.text}{" "}
                    <span className="text-slate-600">
                      (until{" "}
                      <time dateTime={item.snoozedUntil!.toISOString()}>{untilFormat.format(item.snoozedUntil!)} UTC</time>)
                    </span>
                  </span>
                  <WakeInboxItem teamId={teamId} itemKey={item.key} label={item.text} />
                </li>
              )),
            )}
          </ul>
        </details>
      ) : null}
    </>
  );
}
