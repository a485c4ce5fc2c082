import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { FeatureCard } from "@/components/features/feature-card";
import { BoardFilters } from "@/components/features/board-filters";
import { ROLE_LABELS, ROLES } from "@/lib/authz/permissions";
import { columnSize, getBoard } from "@/lib/features/board";
import { listTeamPeople } from "@/lib/features/queries";
import { boardFiltersSchema } from "@/lib/features/schemas";
import { STAGE_LABELS } from "@/lib/features/stages";
import { memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamId, team, member } = await requireTeamPage(params);
  const filters = boardFiltersSchema.parse(await searchParams);
  const [columns, people] = await Promise.all([getBoard(teamId, filters), listTeamPeople(teamId)]);
  const total = columns.reduce((sum, c) => sum + c.count, 0);
  const query = new URLSearchParams(
    Object.entries(filters).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const filtered = query.size > 0;
  return (
    <>
      <LiveRefresh teamId={teamId} renderedAt={renderedNow()} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{team.name}</h1>
          <p className="mt-1 text-sm text-slate-700">
            {total === 1 ? "1 feature" : `${total} features`}
            {filtered ? " match the filters" : ""}
          </p>
        </div>
        <div className="flex gap-2">
          <a href={`/teams/${teamId}/specs/export`} className={buttonClass("secondary")}>
            Export all specs
          </a>
          {memberCan(member, "feature.create") ? (
            <Link href={`/teams/${teamId}/features/new`} className={buttonClass("primary")}>
              New feature
            </Link>
          ) : null}
        </div>
      </div>
      <BoardFilters
        filters={filters}
        people={people.map((p) => ({ value: p.user.id, label: p.user.name }))}
        roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      {total === 0 && !filtered ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">No features yet</h2>
          <p className="mt-1 text-sm text-slate-700">
            A feature is an ML capability of your product, like “fraud score on checkout”.
            {memberCan(member, "feature.create") ? " Create the first one to start its journey to production." : " A PM or the team lead creates them."}
          </p>
        </div>
      ) : (
        <div className="mt-6 grid gap-4 md:grid-cols-3 xl:grid-cols-7">
          {columns.map((column) => (
            <section
              key={column.stage}
              aria-labelledby={`col-${column.stage}`}
              className={`rounded-lg p-3 ${column.stage === "PAUSED" || column.stage === "RETIRED" ? "bg-slate-200/60" : "bg-slate-100"}`}
            >
              <h2 id={`col-${column.stage}`} className="flex items-baseline justify-between text-sm font-semibold">
                <span>{STAGE_LABELS[column.stage]}</span>
                <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-700" aria-label={`${column.count} features`}>
                  {column.count}
                </span>
              </h2>
              {column.cards.length ? (
                <ul className="mt-3 flex flex-col gap-2" aria-label={`${STAGE_LABELS[column.stage]} features`}>
                  {column.cards.map((card) => (
                    <FeatureCard key={card.id} teamId={teamId} card={card} />
                  ))}
                </ul>
              ) : (
                <p className="mt-3 text-xs text-slate-600">None</p>
              )}
              {column.count > columnSize(column.stage) ? (
                <Link
                  href={`/teams/${teamId}/stages/${column.stage.toLowerCase()}${filtered ? `?${query}` : ""}`}
                  className="mt-3 block text-xs font-medium text-indigo-700 underline"
                >
                  Show all {column.count}
                </Link>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
