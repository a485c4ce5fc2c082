import type { Metadata } from "next";
import Link from "next/link";
import { QaQueue, type QueueItem } from "@/components/criteria/qa-queue";
import { listQaQueue, parseQaQueueCursor, QA_QUEUE_PAGE_SIZE } from "@/lib/criteria/queries";
import { memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "QA queue" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

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
  const after = parseQaQueueCursor((await searchParams).after);
  const { groups, totals, nextCursor } = await listQaQueue(teamId, { after });
  const items: QueueItem[] = groups.flatMap(({ criteria }) =>
    criteria.map((c) => ({
      id: c.id,
      number: c.number,
      given: c.given,
      when: c.when,
      then: c.then,
      text: c.text,
      verdict: c.verdict,
      reverify: c.reverify,
      group: c.retest ? "retest" : "untested",
      createdAt: c.createdAt.toISOString(),
      featureId: c.featureId,
      featureTitle: c.featureTitle,
      last: c.lastVerdictAt
        ? {
            by: c.lastVerdictBy ?? "a former member",
            at: `${when.format(c.lastVerdictAt)} UTC`,
            note: c.lastNote,
            evidenceUrl: c.lastEvidenceUrl,
          }
        : null,
    })),
  );
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
        Acceptance criteria of live features that wait for QA: first those to retest (failed, blocked, or judged
        against a spec revision that is no longer the approved one), then the untested. Oldest first in each.
      </p>
      {canVerdict ? null : (
        <p className="mt-2 text-sm text-slate-700">Only QA members record verdicts; you see the queue read-only.</p>
      )}
      {/* A page holds up to QA_QUEUE_PAGE_SIZE rows: the way on is at its top as well as its bottom. */}
      {after ? (
        <p className="mt-2 text-sm text-amber-800">
          A later page: criteria that come after those on the pages before it.{" "}
          <Link href={queueHref} className="underline">
            Start again from the first
          </Link>
          .
        </p>
      ) : nextCursor ? (
        <p className="mt-2 text-sm text-amber-800">
          Showing the first {QA_QUEUE_PAGE_SIZE}; the rest follow on the{" "}
          <Link href={nextHref(nextCursor)} className="underline">
            next page
          </Link>
          .
        </p>
      ) : null}

      <QaQueue
        teamId={teamId}
        items={items}
        totals={totals}
        canVerdict={canVerdict}
        empty={
          after
            ? "Nothing more waits for QA after the previous page."
            : "Nothing waits for QA: every active criterion has passed against the current spec."
        }
      />

      {after || nextCursor ? (
        <nav aria-label="QA queue pages" className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {after ? (
            <Link href={queueHref} className="font-medium text-indigo-700 underline">
              Back to first page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={nextHref(nextCursor)} className="font-medium text-indigo-700 underline">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
