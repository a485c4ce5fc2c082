import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadinessItemForm } from "@/components/readiness/item-form";
import { listTeamPeople } from "@/lib/features/queries";
import { getReadiness } from "@/lib/readiness/queries";
import { SECTIONS } from "@/lib/readiness/rubric";
import { memberCan } from "@/lib/teams/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Readiness" };

const SCORE_WORDS = ["0 · not done", "½ · by hand", "1 · automated"];

export default async function ReadinessPage({ params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId, member } = await requireFeaturePage(params);
  const [readiness, people] = await Promise.all([getReadiness(teamId, featureId), listTeamPeople(teamId)]);
  if (!readiness) notFound();
  const canEdit = memberCan(member, "readiness.edit");
  const base = `/teams/${teamId}/features/${featureId}`;
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div>
        <Link href={base} className="text-sm text-indigo-700 underline">
          ← {readiness.title}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Readiness: the ML Test Score</h1>
      </div>
      <section aria-label="Readiness score" className="rounded-lg border border-slate-200 bg-white p-5">
        <p className="text-3xl font-semibold" data-testid="readiness-score">
          {readiness.score} <span className="text-base font-normal text-slate-600">of 7 · the team&apos;s bar is {readiness.bar}</span>
        </p>
        <p className="mt-1 text-sm" data-testid="readiness-band">
          {readiness.band}.
        </p>
        <p className="mt-1 text-sm text-slate-700">
          The score is the lowest of the four section sums. Weakest: <strong>{readiness.weakest}</strong>.
        </p>
        <ul className="mt-3 grid gap-2 text-sm sm:grid-cols-4" aria-label="Section sums">
          {readiness.sections.map((s) => (
            <li key={s.key} className="rounded-md bg-slate-50 p-2">
              <span className="block text-slate-600">{s.label}</span>
              <span className="font-medium">
                {s.sum} of {s.max}
              </span>
              {s.notApplicable ? <span className="block text-xs text-slate-600">{s.notApplicable} not applicable: the maximum drops by that many</span> : null}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-600">
          Each test scores 0 (not done), ½ (done by hand: a note and an evidence link) or 1 (automated: a link to the job, test or
          monitor). A test marked not applicable leaves its section&apos;s sum and lowers that section&apos;s maximum by one, so it never
          raises the score.
        </p>
      </section>
      {SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`sec-${section.key}`} className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`sec-${section.key}`} className="text-lg font-semibold">
            {section.label}
          </h2>
          <ol className="mt-3 flex flex-col gap-3">
            {readiness.items
              .filter((item) => item.section === section.key)
              .map((item) => (
                <li key={item.code} className="rounded-md border border-slate-200 p-3" aria-label={item.code}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                    <p>
                      <span className="font-mono text-xs text-slate-500">{item.code}</span> {item.text}
                    </p>
                    <p className="font-medium" data-testid={`score-${item.code}`}>
                      {item.notApplicable ? "Not applicable" : SCORE_WORDS[item.halves]}
                    </p>
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    Owner: {item.owner?.name ?? "nobody"}
                    {item.notApplicable && item.naReason ? ` · why not applicable: ${item.naReason}` : ""}
                    {item.evidenceUrl ? (
                      <>
                        {" · "}
                        <a href={item.evidenceUrl} rel="noopener noreferrer nofollow" className="underline">
                          evidence
                        </a>
                      </>
                    ) : null}
                  </p>
                  {item.history.length ? (
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-slate-700">History ({item.history.length})</summary>
                      <ol className="mt-1 flex flex-col gap-0.5">
                        {item.history.map((e) => {
                          const after = (e.after ?? {}) as { score?: number; notApplicable?: boolean; owner?: string | null };
                          const what =
                            e.action === "readiness.owner_changed"
                              ? after.owner
                                ? `owner ${after.owner}`
                                : "no owner"
                              : after.notApplicable
                                ? "not applicable"
                                : `score ${after.score}`;
                          return (
                            <li key={e.id.toString()}>
                              {e.createdAt.toISOString().replace("T", " ").slice(0, 16)} · {e.actor?.name ?? "Someone"}: {what}
                            </li>
                          );
                        })}
                      </ol>
                    </details>
                  ) : null}
                  {canEdit ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-sm text-indigo-700">Edit {item.code}</summary>
                      <ReadinessItemForm
                        teamId={teamId}
                        featureId={featureId}
                        item={item}
                        people={people.map((p) => ({ id: p.user.id, name: p.user.name }))}
                      />
                    </details>
                  ) : null}
                </li>
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
