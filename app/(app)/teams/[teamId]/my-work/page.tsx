import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { listUnseenMentions } from "@/lib/comments/queries";
import { getMyWork } from "@/lib/features/queries";
import { RACI_LABELS } from "@/lib/features/schemas";
import { gateLabel, isGateStage, STAGE_LABELS, type Stage } from "@/lib/features/stages";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "My work" };

export default async function MyWorkPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member, user } = await requireTeamPage(params);
  const [work, mentions] = await Promise.all([
    getMyWork(teamId, user.id, member.roles),
    listUnseenMentions(user.id, teamId),
  ]);
  const featureHref = (id: string) => `/teams/${teamId}/features/${id}`;
  const gateName = (stage: Stage) => (isGateStage(stage) ? gateLabel(stage) : STAGE_LABELS[stage]);
  return (
    <>
      <h1 className="text-2xl font-semibold">My work</h1>
      <p className="mt-1 text-sm text-slate-700">
        What waits on you as {member.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(", ")}.
      </p>

      <section aria-labelledby="requests-heading" className="mt-8">
        <h2 id="requests-heading" className="text-lg font-semibold">
          Sign-offs requested
        </h2>
        {work.signoffRequests.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.signoffRequests.map((r) => (
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
      </section>

      {work.specReviews.length ? (
        <section aria-labelledby="reviews-heading" className="mt-8">
          <h2 id="reviews-heading" className="text-lg font-semibold">
            Specs to review
          </h2>
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.specReviews.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                <Link href={`${featureHref(r.feature.id)}/spec`} className="font-medium text-indigo-700 underline">
                  {r.feature.title}: revision {r.number}
                </Link>
                <span className="text-slate-600">by {r.author?.name ?? "someone"}</span>
              </li>
            ))}
          </ul>
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
      </section>

      <section aria-labelledby="stuck-heading" className="mt-8">
        <h2 id="stuck-heading" className="text-lg font-semibold">
          Your features that are stuck
        </h2>
        {work.stuck.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {work.stuck.map((f) => (
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
      </section>
    </>
  );
}
