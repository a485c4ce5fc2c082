import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DEL_CLASS, INS_CLASS } from "@/components/specs/highlight-changes";
import { diffSpecs } from "@/lib/specs/diff";
import { getRevision, listRevisions, REVISIONS_PAGE_SIZE } from "@/lib/specs/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Spec revisions" };

const revisionNumber = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined);

export default async function RevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string; featureId: string }>;
  searchParams: Promise<{ from?: string; to?: string; page?: string }>;
}) {
  const { teamId, featureId } = await requireFeaturePage(params);
  const query = await searchParams;
  const page = Math.max(1, revisionNumber(query.page) ?? 1);
  const { total, rows } = await listRevisions(teamId, featureId, page);
  if (total === 0) notFound();
  const latest = total;
  const to = revisionNumber(query.to) ?? latest;
  const from = revisionNumber(query.from) ?? Math.max(1, to - 1);
  const [a, b] = await Promise.all([getRevision(teamId, featureId, from), getRevision(teamId, featureId, to)]);
  const sections = a && b ? diffSpecs(a, b) : null;
  const base = `/teams/${teamId}/features/${featureId}/spec`;
  return (
    <div className="flex flex-col gap-6">
      <Link href={base} className="text-sm text-indigo-700 underline">
        ← Spec
      </Link>
      <h1 className="text-2xl font-semibold">Revisions</h1>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" aria-label="Revisions">
        {rows.map((r) => (
          <li key={r.number} className="flex justify-between px-4 py-2">
            <span>
              Revision {r.number} · {r.author?.name ?? "someone"} · {r.status.toLowerCase().replace("_", " ")}
            </span>
            <time dateTime={r.createdAt.toISOString()} className="text-slate-600">
              {r.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
            </time>
          </li>
        ))}
      </ol>

      {total > page * REVISIONS_PAGE_SIZE || page > 1 ? (
        <nav aria-label="Revision pages" className="flex gap-4 text-sm">
          {page > 1 ? (
            <Link href={`?page=${page - 1}`} className="text-indigo-700 underline">
              Newer revisions
            </Link>
          ) : null}
          {total > page * REVISIONS_PAGE_SIZE ? (
            <Link href={`?page=${page + 1}`} className="text-indigo-700 underline">
              Older revisions
            </Link>
          ) : null}
        </nav>
      ) : null}

      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Compare revisions">
        <label className="flex flex-col gap-1 text-sm font-medium">
          From revision
          <input name="from" type="number" min={1} max={latest} defaultValue={from} className="w-28 rounded-md border border-slate-400 px-2 py-1.5" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To revision
          <input name="to" type="number" min={1} max={latest} defaultValue={to} className="w-28 rounded-md border border-slate-400 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
          Compare
        </button>
      </form>

      {sections ? (
        <section aria-label={`Changes from revision ${from} to ${to}`} className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">
            Changes from revision {from} to {to}
          </h2>
          <p className="text-sm text-slate-700">
            <ins className={INS_CLASS}>Inserted text</ins> is underlined, <del className={DEL_CLASS}>deleted text</del> struck through.
          </p>
          {sections.map((s) => (
            <div key={s.key} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={`${s.label} changes`} role="group">
              <h3 className="font-semibold">
                {s.label} {s.changed ? null : <span className="text-sm font-normal text-slate-500">(unchanged)</span>}
              </h3>
              {s.changed ? (
                <p className="mt-2 whitespace-pre-wrap text-sm">
                  {s.parts.map((part, i) =>
                    part.added ? (
                      <ins key={i} className={INS_CLASS}>
                        <span className="sr-only">[inserted: </span>
                        {part.value}
                        <span className="sr-only">]</span>
                      </ins>
                    ) : part.removed ? (
                      <del key={i} className={DEL_CLASS}>
                        <span className="sr-only">[deleted: </span>
                        {part.value}
                        <span className="sr-only">]</span>
                      </del>
                    ) : (
                      <span key={i}>{part.value}</span>
                    ),
                  )}
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ) : (
        <p className="text-sm text-slate-600">Pick two revisions between 1 and {latest}.</p>
      )}
    </div>
  );
}
