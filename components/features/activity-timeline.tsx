import { auditIds, auditSentence } from "@/lib/activity/sentences";

type Event = {
  id: bigint;
  action: string;
  targetType?: string;
  targetId?: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { id?: string; name: string } | null;
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A feature's events in words, newest first (the feature itself is the
 * context, so sentences leave its name out). Ids only on hover.
 */
export function ActivityTimeline({
  events,
  names,
  quoteComments = false,
}: {
  events: Event[];
  names?: ReadonlyMap<string, string>;
  /** Quote each comment's start: for the Activity tab; the Overview shows the comments themselves beside it. */
  quoteComments?: boolean;
}) {
  if (!events.length) return <p className="mt-3 text-sm text-slate-600">No activity yet.</p>;
  return (
    <ol className="mt-3 flex flex-col gap-2 text-sm" aria-label="Activity">
      {events.map((event) => (
        <li key={event.id.toString()} className="flex flex-col gap-x-3 sm:flex-row">
          <time dateTime={event.createdAt.toISOString()} className="shrink-0 text-slate-600 sm:w-44">
            {when.format(event.createdAt)} UTC
          </time>
          <span
            className="min-w-0 break-words"
            title={event.targetType && event.targetId ? auditIds({ id: event.id, targetType: event.targetType, targetId: event.targetId, actor: event.actor?.id ? { id: event.actor.id } : null }) : undefined}
          >
            {auditSentence(
              {
                action: event.action,
                before: event.before,
                after: event.action === "comment.added" && !quoteComments ? null : event.after,
                actor: event.actor?.name ?? null,
                feature: null,
              },
              names,
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
