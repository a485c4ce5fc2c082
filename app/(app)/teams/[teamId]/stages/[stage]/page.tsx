import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeatureCard } from "@/components/features/feature-card";
import { listStageFeatures, parseStageCursor } from "@/lib/features/board";
import { boardFiltersSchema } from "@/lib/features/schemas";
import { Stage, STAGE_LABELS } from "@/lib/features/stages";
import { requireTeamPage } from "@/lib/authz/pages";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "Features in a stage" };

export default async function StagePage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string; stage: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamId, params: { stage: slug } } = await requireTeamPage(params);
  const stage = Object.values(Stage).find((s) => s.toLowerCase() === slug);
  if (!stage) notFound();
  const raw = await searchParams;
  const filters = boardFiltersSchema.parse(raw);
  const after = parseStageCursor(raw.after);
  const { total, cards, nextCursor } = await listStageFeatures(teamId, stage, filters, after);
  const link = (cursor?: string) => {
    const q = new URLSearchParams(Object.entries(filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    if (cursor) q.set("after", cursor);
    return q.size ? `?${q}` : `/teams/${teamId}/stages/${slug}`;
  };
  return (
    <>
      <LiveRefresh teamId={teamId} renderedAt={renderedNow()} />
      <Link href={`/teams/${teamId}`} className="text-sm text-indigo-700 underline">
        ← Board
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">
        {STAGE_LABELS[stage]} <span className="text-slate-500">({total})</span>
      </h1>
      {cards.length ? (
        <ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {cards.map((card) => (
            <FeatureCard key={card.id} teamId={teamId} card={card} />
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-sm text-slate-600">No features here.</p>
      )}
      {after || nextCursor ? (
        <nav aria-label="Pages" className="mt-6 flex items-center gap-4 text-sm">
          {after ? (
            <Link href={link()} className="text-indigo-700 underline">
              First page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={link(nextCursor)} className="text-indigo-700 underline">
              Next page
            </Link>
          ) : (
            <span className="text-slate-600">End of the list</span>
          )}
        </nav>
      ) : null}
    </>
  );
}
