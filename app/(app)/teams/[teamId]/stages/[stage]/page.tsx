import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeatureCard } from "@/components/features/feature-card";
import { listStageFeatures, STAGE_LIST_PAGE_SIZE } from "@/lib/features/queries";
import { boardFiltersSchema } from "@/lib/features/schemas";
import { Stage, STAGE_LABELS } from "@/lib/features/stages";
import { parsePageNumber } from "@/lib/schemas/common";
import { requireTeamPage } from "@/lib/authz/pages";

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
  const page = parsePageNumber(raw.page);
  const { total, cards } = await listStageFeatures(teamId, stage, filters, page);
  const pages = Math.max(1, Math.ceil(total / STAGE_LIST_PAGE_SIZE));
  const link = (p: number) => {
    const q = new URLSearchParams(Object.entries(filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
    q.set("page", String(p));
    return `?${q}`;
  };
  return (
    <>
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
      <nav aria-label="Pages" className="mt-6 flex items-center gap-4 text-sm">
        {page > 1 ? (
          <Link href={link(page - 1)} className="text-indigo-700 underline">
            Previous
          </Link>
        ) : null}
        <span>
          Page {Math.min(page, pages)} of {pages}
        </span>
        {page < pages ? (
          <Link href={link(page + 1)} className="text-indigo-700 underline">
            Next
          </Link>
        ) : null}
      </nav>
    </>
  );
}
