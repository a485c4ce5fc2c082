import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SpecEditor } from "@/components/specs/spec-editor";
import { SpecReview } from "@/components/specs/spec-review";
import { SpecView } from "@/components/specs/spec-view";
import { getSpecPage } from "@/lib/specs/queries";
import { memberCan } from "@/lib/teams/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Spec" };

const STATUS_LABELS: Record<string, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  APPROVED: "Approved",
  CHANGES_REQUESTED: "Changes requested",
  SUPERSEDED: "Superseded",
};

export default async function SpecPage({ params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId, member, user } = await requireFeaturePage(params);
  const spec = await getSpecPage(teamId, featureId);
  if (!spec) notFound();
  const canEdit = memberCan(member, "spec.edit");
  const latest = spec.latest;
  const empty = { problem: "", customerContext: "", constraints: "", phases: "", outOfScope: "", openQuestions: "", successCriteria: [] };
  const base = `/teams/${teamId}/features/${featureId}`;
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <Link href={base} className="text-sm text-indigo-700 underline">
          ← {spec.title}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Spec</h1>
        <p className="mt-1 text-sm text-slate-700" data-testid="spec-status">
          {latest
            ? `Revision ${latest.number} by ${latest.author?.name ?? "someone"} · ${STATUS_LABELS[latest.status]}`
            : "No revision yet."}
          {spec.approvedNumber ? ` · Approved revision: ${spec.approvedNumber}` : " · No approved revision yet."}
        </p>
        <p className="mt-2 flex gap-4 text-sm">
          {latest ? (
            <Link href={`${base}/spec/revisions`} className="text-indigo-700 underline">
              Revisions and changes
            </Link>
          ) : null}
          <a href={`${base}/spec/export`} className="text-indigo-700 underline">
            Export as Markdown
          </a>
        </p>
      </div>

      {latest ? (
        <section aria-label="Review" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">Review</h2>
          {spec.reviews.map((r) => (
            <p key={r.id} className="mt-2 text-sm text-slate-700">
              {r.reviewer?.name ?? "Someone"} {r.decision === "APPROVED" ? "approved it" : "asked for changes"}
              {r.comment ? `: “${r.comment}”` : "."}
            </p>
          ))}
          <div className="mt-3">
            <SpecReview
              teamId={teamId}
              featureId={featureId}
              revision={latest.number}
              status={latest.status}
              canRequest={canEdit}
              canReview={memberCan(member, "spec.review") && latest.authorId !== user.id}
            />
          </div>
        </section>
      ) : null}

      <section aria-label={canEdit ? "Editor" : "Latest revision"} className="rounded-lg border border-slate-200 bg-white p-5">
        {canEdit ? (
          <SpecEditor
            teamId={teamId}
            featureId={featureId}
            latestNumber={latest?.number ?? 0}
            latestAuthor={latest?.author?.name ?? null}
            initial={latest ?? empty}
          />
        ) : latest ? (
          <SpecView revision={latest} />
        ) : (
          <p className="text-sm text-slate-600">The PM has not written the spec yet.</p>
        )}
      </section>
    </div>
  );
}
