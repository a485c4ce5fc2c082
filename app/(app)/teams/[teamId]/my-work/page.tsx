import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS, roleName } from "@/lib/authz/permissions";
import { listUnseenMentions } from "@/lib/comments/queries";
import { getMyWork, MY_WORK_LIST_SIZE } from "@/lib/my-work/queries";
import { RACI_LABELS } from "@/lib/responsibilities/schemas";
import { gateLabel, isGateStage, STAGE_LABELS, type Stage } from "@/lib/features/stages";
import { requireTeamPage } from "@/lib/authz/pages";
import { LiveRefresh } from "@/components/live/live-refresh";
import { renderedNow } from "@/lib/live/events";

export const metadata: Metadata = { title: "My work" };

/** Unseen mentions shown; the rest appear as these are read. */
const MENTIONS_SHOWN = 20;

function More({ children }: { children: React.ReactNode }) {
  return <p className="mt-2 text-sm text-amber-800">{children}</p>;
}

export default async function MyWorkPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member, user } = await requireTeamPage(params);
  const [work, mentionRows] = await Promise.all([
    getMyWork(teamId, user.id, member.roles),
    // One past the bound, to know whether more wait.
    listUnseenMentions(user.id, teamId, MENTIONS_SHOWN + 1),
  ]);
  const mentions = mentionRows.slice(0, MENTIONS_SHOWN);
  const featureHref = (id: string) => `/teams/${teamId}/features/${id}`;
  const gateName = (stage: Stage) => (isGateStage(stage) ? gateLabel(stage) : STAGE_LABELS[stage]);
  return (
    <>
      <LiveRefresh teamId={teamId} renderedAt={renderedNow()} />
      <h1 className="text-2xl font-semibold">My work</h1>
      <p className="mt-1 text-sm text-slate-700">
        What waits on you as {member.roles.map(roleName).join(", ")}.
      </p>

      <section aria-labelledby="gates-heading" className="mt-8">
        <h2 id="gates-heading" className="text-lg font-semibold">
          Gates waiting on you
        </h2>
        {work.gates.items.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Gates waiting on you">
            {work.gates.items.map((g) => (
              <li key={g.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <Link href={featureHref(g.id)} className="font-medium text-indigo-700 underline">
                    {g.title}
                  </Link>{" "}
                  — {gateName(g.stage)} waits on you as {g.roles.map(roleName).join(" and ")}
                </span>
                <span className="text-slate-600">
                  {g.missing === 1 ? "1 item missing" : `${g.missing} items missing`}, {g.daysAtGate === 0 ? "since today" : `${g.daysAtGate} days at the gate`}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No gate waits on you.</p>
        )}
        {work.gates.more ? (
          <More>Showing the {MY_WORK_LIST_SIZE} features that have waited longest at their gate; more wait behind them.</More>
        ) : null}
      </section>

      <section aria-labelledby="requests-heading" className="mt-8">
        <h2 id="requests-heading" className="text-lg font-semibold">
          Sign-offs requested
        </h2>
        {work.signoffRequests.items.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.signoffRequests.items.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <Link href={featureHref(r.feature.id)} className="font-medium text-indigo-700 underline">
                    {r.feature.title}
                  </Link>{" "}
                  — {ROLE_LABELS[r.role]} sign-off for {gateName(r.gate)}
                </span>
                <span className="text-slate-600">
                  asked by {r.requestedBy?.name ?? "someone"}, {r.daysWaiting === 0 ? "today" : `${r.daysWaiting} days ago`}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Nobody is waiting for your sign-off.</p>
        )}
        {work.signoffRequests.more ? (
          <More>Showing the {MY_WORK_LIST_SIZE} requests that have waited longest; more wait behind them.</More>
        ) : null}
      </section>

      {work.specReviews.items.length ? (
        <section aria-labelledby="reviews-heading" className="mt-8">
          <h2 id="reviews-heading" className="text-lg font-semibold">
            Specs to review
          </h2>
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.specReviews.items.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                <Link href={`${featureHref(r.feature.id)}/spec`} className="font-medium text-indigo-700 underline">
                  {r.feature.title}: revision {r.number}
                </Link>
                <span className="text-slate-600">by {r.author?.name ?? "someone"}</span>
              </li>
            ))}
          </ul>
          {work.specReviews.more ? (
            <More>Showing the {MY_WORK_LIST_SIZE} revisions that have waited longest; more wait behind them.</More>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="mentions-heading" className="mt-8">
        <h2 id="mentions-heading" className="text-lg font-semibold">
          Mentions
        </h2>
        {mentions.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {mentions.map((m) => (
              <li key={m.mentionId} className="px-4 py-3 text-sm">
                <Link href={featureHref(m.featureId)} className="font-medium text-indigo-700 underline">
                  {m.featureTitle}
                </Link>
                <span className="text-slate-600"> — {m.authorName ?? "Someone"}: </span>
                {m.excerpt}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No new mentions.</p>
        )}
        {mentionRows.length > MENTIONS_SHOWN ? (
          <More>Showing your {MENTIONS_SHOWN} newest unseen mentions; older ones show here once you open these features.</More>
        ) : null}
      </section>

      <section aria-labelledby="stuck-heading" className="mt-8">
        <h2 id="stuck-heading" className="text-lg font-semibold">
          Your features that are stuck
        </h2>
        {work.stuck.items.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.stuck.items.map((f) => (
              <li key={f.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <Link href={featureHref(f.id)} className="font-medium text-indigo-700 underline">
                    {f.title}
                  </Link>{" "}
                  — you are {f.responsibilities.map((r) => RACI_LABELS[r.kind]).join(" and ")}
                </span>
                <span className="text-amber-800">
                  {f.daysInStage} days in {STAGE_LABELS[f.stage]}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Nothing you own has been stuck for more than two weeks.</p>
        )}
        {work.stuck.more ? (
          <More>Showing the {MY_WORK_LIST_SIZE} features stuck longest; more are stuck behind them.</More>
        ) : null}
      </section>
    </>
  );
}
