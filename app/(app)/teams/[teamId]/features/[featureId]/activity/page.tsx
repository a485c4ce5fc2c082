import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ActivityTimeline } from "@/components/features/activity-timeline";
import { ACTIVITY_GROUPS } from "@/lib/activity/sentences";
import { requireFeaturePage } from "@/lib/authz/pages";
import { listFeatureActivity, listTeamPeople } from "@/lib/features/queries";
import { parseBigintCursor } from "@/lib/schemas/common";
import { loadAuditNames } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Activity" };

const filtersSchema = z.object({
  // Unknown values mean "all": a stale or typed link still shows the timeline.
  kind: z.enum(ACTIVITY_GROUPS.map((g) => g.key) as [string, ...string[]]).optional().catch(undefined),
  person: z.uuid().optional().catch(undefined),
});

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string; featureId: string }>;
  searchParams: Promise<{ before?: string | string[]; kind?: string | string[]; person?: string | string[] }>;
}) {
  const { teamId, featureId } = await requireFeaturePage(params);
  const query = await searchParams;
  const before = parseBigintCursor(query.before);
  const { kind, person } = filtersSchema.parse({
    kind: typeof query.kind === "string" ? query.kind : undefined,
    person: typeof query.person === "string" ? query.person : undefined,
  });
  const group = ACTIVITY_GROUPS.find((g) => g.key === kind);
  const [activity, people] = await Promise.all([
    listFeatureActivity(teamId, featureId, before, undefined, { actions: group?.kinds, actorId: person }),
    listTeamPeople(teamId),
  ]);
  const { names } = await loadAuditNames(teamId, activity.events.map((e) => ({ featureId: null, before: e.before, after: e.after })));
  const base = `/teams/${teamId}/features/${featureId}/activity`;
  const href = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams(
      Object.entries({ kind, person, ...extra }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return params.size ? `${base}?${params}` : base;
  };
  const personName = people.find((p) => p.user.id === person)?.user.name;
  const filtered = Boolean(group || person);
  return (
    <section aria-labelledby="activity-heading" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h1 id="activity-heading" className="text-lg font-semibold">
        Activity
      </h1>
      {/* A plain GET form: the filters live in the URL, so a filtered view can be shared and paged. */}
      <form method="get" action={base} aria-label="Filter activity" className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-kind" className="font-medium">
            Kind
          </label>
          <select id="activity-kind" name="kind" defaultValue={kind ?? ""} className="rounded-md border border-slate-400 bg-white px-2 py-1.5">
            <option value="">Everything</option>
            {ACTIVITY_GROUPS.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="activity-person" className="font-medium">
            Person
          </label>
          <select id="activity-person" name="person" defaultValue={person ?? ""} className="max-w-56 rounded-md border border-slate-400 bg-white px-2 py-1.5">
            <option value="">Anyone</option>
            {people.map((p) => (
              <option key={p.user.id} value={p.user.id}>
                {p.user.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn border border-slate-300 bg-white text-slate-900 hover:bg-slate-50">
          Show
        </button>
        {filtered ? (
          <Link href={base} className="py-1.5 text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      {filtered ? (
        <p className="mt-3 text-sm text-slate-700" data-testid="activity-filter">
          Showing {group ? group.label.toLowerCase() : "everything"}
          {person ? ` by ${personName ?? "a former member"}` : ""}.
        </p>
      ) : null}
      {activity.events.length ? (
        <ActivityTimeline events={activity.events} names={names} quoteComments />
      ) : (
        <p className="mt-3 text-sm text-slate-600">{filtered ? "Nothing matches these filters." : "No activity yet."}</p>
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {before ? (
          <Link href={href({ before: undefined })} className="text-indigo-700 underline">
            Newest
          </Link>
        ) : null}
        {activity.nextCursor ? (
          <Link href={href({ before: activity.nextCursor.toString() })} className="text-indigo-700 underline">
            Older activity
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
