import type { Metadata } from "next";
import Link from "next/link";
import { ActivityTimeline } from "@/components/features/activity-timeline";
import { requireFeaturePage } from "@/lib/authz/pages";
import { listFeatureActivity } from "@/lib/features/queries";
import { parseBigintCursor } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string; featureId: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { teamId, featureId } = await requireFeaturePage(params);
  const before = parseBigintCursor((await searchParams).before);
  const activity = await listFeatureActivity(teamId, featureId, before);
  const base = `/teams/${teamId}/features/${featureId}/activity`;
  return (
    <section aria-labelledby="activity-heading" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-5">
      <h1 id="activity-heading" className="text-lg font-semibold">
        Activity
      </h1>
      {activity.events.length ? <ActivityTimeline events={activity.events} /> : <p className="mt-2 text-sm text-slate-600">Nothing here.</p>}
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {before ? (
          <Link href={base} className="text-indigo-700 underline">
            Newest
          </Link>
        ) : null}
        {activity.nextCursor ? (
          <Link href={`${base}?before=${activity.nextCursor}`} className="text-indigo-700 underline">
            Older activity
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
