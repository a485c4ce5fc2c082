import type { Metadata } from "next";
import Link from "next/link";
import { VerdictForm } from "@/components/criteria/verdict-form";
import { listQaQueue, QA_QUEUE_PAGE_SIZE } from "@/lib/criteria/queries";
import { VERDICT_LABELS } from "@/lib/criteria/schemas";
import { parseTimeIdCursor } from "@/lib/schemas/common";
import { memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "QA queue" };

export default async function QaQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const { teamId, member } = await requireTeamPage(params);
  const canVerdict = memberCan(member, "criterion.verdict");
  // A malformed cursor shows the first page rather than an error.
  const after = parseTimeIdCursor((await searchParams).after);
  const { groups: queue, nextCursor } = await listQaQueue(teamId, { after });
  const queueHref = `/teams/${teamId}/qa`;
  const nextHref = (cursor: string) => `${queueHref}?${new URLSearchParams({ after: cursor })}`;
  return (
    <>
      <LiveRefresh teamId={teamId} renderedAt={renderedNow()} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">QA queue</h1>
        {/* A route handler, not a page: a plain link downloads the file. */}
        <a href={`/teams/${teamId}/criteria/export`} className="text-sm text-indigo-700 underline">
          Download criteria as CSV
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        Acceptance criteria of live features that are untested, or were judged against a spec revision that is no
        longer the approved one. Oldest first.
      </p>
      {canVerdict ? null : (
        <p className="mt-2 text-sm text-slate-700">Only QA members record verdicts; you see the queue read-only.</p>
      )}
      {/* A page holds up to QA_QUEUE_PAGE_SIZE forms: the way on is at its top as well as its bottom. */}
      {after ? (
        <p className="mt-2 text-sm text-amber-800">
          A later page: criteria written after those on the pages before it.{" "}
          <Link href={queueHref} className="underline">
            Start again from the oldest
          </Link>
          .
        </p>
      ) : nextCursor ? (
        <p className="mt-2 text-sm text-amber-800">
          Showing the {QA_QUEUE_PAGE_SIZE} that have waited longest; newer ones follow on the{" "}
          <Link href={nextHref(nextCursor)} className="underline">
            next page
          </Link>
          .
        </p>
      ) : null}

      {queue.length === 0 ? (
        <p className="mt-8 text-sm text-slate-600">
          {after
            ? "Nothing more waits for QA after the previous page."
            : "Nothing waits for QA: every active criterion has a current verdict."}
        </p>
      ) : (
        queue.map(({ feature, criteria }) => (
          <section key={feature.id} aria-labelledby={`qa-feature-${feature.id}`} className="mt-8">
            <h2 id={`qa-feature-${feature.id}`} className="text-lg font-semibold">
              <Link href={`/teams/${teamId}/features/${feature.id}`} className="text-indigo-700 underline">
                {feature.title}
              </Link>
            </h2>
            <ol className="mt-3 flex flex-col gap-3">
              {criteria.map((c) => (
                <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="text-sm">
                      <p className="mb-1 text-xs font-medium text-slate-600">Criterion {c.number}</p>
                      {c.text ? (
                        <p className="whitespace-pre-line">{c.text}</p>
                      ) : (
                        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                          <dt className="font-semibold">Given</dt>
                          <dd>{c.given}</dd>
                          <dt className="font-semibold">When</dt>
                          <dd>{c.when}</dd>
                          <dt className="font-semibold">Then</dt>
                          <dd>{c.then}</dd>
                        </dl>
                      )}
                      {c.reverify ? (
                        <p className="mt-1 text-xs text-slate-600">
                          Judged {VERDICT_LABELS[c.verdict].toLowerCase()} against an earlier spec revision.
                        </p>
                      ) : null}
                    </div>
                    {c.reverify ? (
                      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                        Re-verify
                      </span>
                    ) : null}
                  </div>
                  {canVerdict ? (
                    <div className="mt-3 border-t border-slate-200 pt-3">
                      <VerdictForm
                        teamId={teamId}
                        featureId={feature.id}
                        criterionId={c.id}
                        label={`Verdict for criterion ${c.number} of ${feature.title}`}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))
      )}

      {after || nextCursor ? (
        <nav aria-label="QA queue pages" className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {after ? (
            <Link href={queueHref} className="font-medium text-indigo-700 underline">
              Back to first page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link
              href={nextHref(nextCursor)}
              className="font-medium text-indigo-700 underline"
            >
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
