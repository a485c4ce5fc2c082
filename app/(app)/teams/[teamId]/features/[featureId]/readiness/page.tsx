import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadinessGrid, type GridItem } from "@/components/readiness/readiness-grid";
import { SectionChart } from "@/components/readiness/section-chart";
import { listTeamPeople } from "@/lib/features/queries";
import { getReadiness } from "@/lib/readiness/queries";
import { formatPoints, sectionSum } from "@/lib/readiness/rubric";
import { memberCan } from "@/lib/teams/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Readiness" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const score = (n: unknown) => (typeof n === "number" ? formatPoints(n) : "?");

/** One event of an item's history in words: "25 Nov 2026, 14:02 UTC · Dee Dev set the score to ½". */
function historyLine(e: { action: string; after: unknown; createdAt: Date; actor: { name: string } | null }) {
  const after = (e.after ?? {}) as { score?: number; notApplicable?: boolean; owner?: string | null };
  const what =
    e.action === "readiness.owner_changed"
      ? after.owner
        ? `made ${after.owner} the owner`
        : "removed the owner"
      : after.notApplicable
        ? "marked it not applicable"
        : `set the score to ${score(after.score)}`;
  return `${when.format(e.createdAt)} UTC · ${e.actor?.name ?? "A former member"} ${what}`;
}

export default async function ReadinessPage({ params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId, member } = await requireFeaturePage(params);
  const [readiness, people] = await Promise.all([getReadiness(teamId, featureId), listTeamPeople(teamId)]);
  if (!readiness) notFound();
  const canEdit = memberCan(member, "readiness.edit");
  const base = `/teams/${teamId}/features/${featureId}`;
  const items: GridItem[] = readiness.items.map((item) => ({
    code: item.code,
    section: item.section,
    number: item.number,
    text: item.text,
    halves: item.halves,
    notApplicable: item.notApplicable,
    naReason: item.naReason,
    note: item.note,
    evidenceUrl: item.evidenceUrl,
    ownerId: item.owner?.id ?? null,
    ownerName: item.owner?.name ?? null,
    version: item.version,
    history: item.history.map((e) => ({ id: e.id.toString(), line: historyLine(e) })),
  }));
  const weakest = readiness.weakest.charAt(0).toUpperCase() + readiness.weakest.slice(1);
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div>
        <Link href={base} className="text-sm text-indigo-700 underline">
          ← {readiness.title}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Readiness: the ML Test Score</h1>
      </div>
      <section aria-label="Readiness score" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <p className="text-3xl font-semibold" data-testid="readiness-score">
          {formatPoints(readiness.score)}{" "}
          <span className="text-base font-normal text-slate-600">of 7 · the team&apos;s bar is {formatPoints(readiness.bar)}</span>
        </p>
        <p className="mt-1 text-sm" data-testid="readiness-band">
          {readiness.band}.
        </p>
        <p className="mt-1 text-sm text-slate-700" data-testid="readiness-weakest">
          The score is the lowest of the four section sums. Weakest: <strong>{weakest}</strong>.
        </p>
        <div className="mt-4">
          <SectionChart sections={readiness.sections} score={readiness.score} />
        </div>
        <ul className="mt-3 grid gap-2 text-sm sm:grid-cols-4" aria-label="Section sums">
          {readiness.sections.map((s) => (
            <li key={s.key} className="rounded-md bg-slate-50 p-2">
              <span className="block text-slate-600">{s.label}</span>
              <span className="font-medium">{sectionSum(s)}</span>
              {s.notApplicable ? (
                <span className="block text-xs text-slate-600">{s.notApplicable} not applicable: the maximum drops by that many</span>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-600">
          Each test scores 0 (not done), ½ (done by hand: a note and an evidence link) or 1 (automated: a link to the job, test or
          monitor). A test marked not applicable leaves its section&apos;s sum and lowers that section&apos;s maximum by one, so it never
          raises the score.
        </p>
      </section>
      <ReadinessGrid
        teamId={teamId}
        featureId={featureId}
        items={items}
        people={people.map((p) => ({ id: p.user.id, name: p.user.name }))}
        sums={Object.fromEntries(readiness.sections.map((s) => [s.key, { sum: s.sum, max: s.max }]))}
        canEdit={canEdit}
      />
    </div>
  );
}
