import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SpecEditor } from "@/components/specs/spec-editor";
import { SpecReview } from "@/components/specs/spec-review";
import { SpecView } from "@/components/specs/spec-view";
import { SpecWorkspace } from "@/components/specs/spec-workspace";
import { Timestamp } from "@/components/ui/timestamp";
import { specGaps } from "@/lib/specs/completeness";
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
  const { latest, approved, approval } = spec;
  const empty = { problem: "", customerContext: "", constraints: "", phases: "", outOfScope: "", openQuestions: "", successCriteria: [] };
  const base = `/teams/${teamId}/features/${featureId}`;
  // Readers see what changed since the last approved revision, marked in place.
  const since = latest && approved && approved.number !== latest.number ? { number: approved.number, revision: approved } : undefined;
  const view = latest ? (
    <SpecView revision={latest} since={since} />
  ) : (
    <p className="text-sm text-slate-600">The PM has not written the spec yet.</p>
  );
  const canReview = !!latest && memberCan(member, "spec.review") && latest.authorId !== user.id;
  // A reviewer reads the revision first, then decides: the review form follows the spec.
  const reviewing = canReview && latest?.status === "IN_REVIEW";
  const review = latest ? (
    <section aria-labelledby="review-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="review-heading" className="text-lg font-semibold">
        Review
      </h2>
      {spec.reviews.length ? (
        <ul className="mt-2 flex flex-col gap-2 text-sm text-slate-700" aria-label="Decisions">
          {spec.reviews.map((r) => (
            <li key={r.id}>
              <span className="font-medium text-slate-900">{r.reviewer?.name ?? "Someone"}</span>{" "}
              {r.decision === "APPROVED" ? "approved" : "asked for changes to"} revision {latest.number} on{" "}
              <Timestamp date={r.createdAt} />
              {r.comment ? `: “${r.comment}”` : "."}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          {latest.status === "IN_REVIEW" ? `Revision ${latest.number} is waiting for review.` : `No review of revision ${latest.number} yet.`}
        </p>
      )}
      <div className="mt-3">
        <SpecReview
          teamId={teamId}
          featureId={featureId}
          revision={latest.number}
          status={latest.status}
          canRequest={canEdit}
          canReview={canReview}
          gaps={specGaps(latest)}
        />
      </div>
    </section>
  ) : null;
  return (
    <div className="flex max-w-4xl min-w-0 flex-col gap-6">
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
          {approval ? (
            <>
              {" "}
              by {approval.reviewer?.name ?? "someone"} on <Timestamp date={approval.createdAt} />
            </>
          ) : null}
        </p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {latest ? (
            <Link href={`${base}/spec/revisions`} className="text-indigo-700 underline">
              Revisions and changes
            </Link>
          ) : null}
          <a href={`${base}/spec/export`} className="text-indigo-700 underline">
            Export as Markdown
          </a>
          {reviewing ? (
            <a href="#review-heading" className="font-medium text-indigo-700 underline">
              Waiting for your review: decide below the spec
            </a>
          ) : null}
        </p>
      </div>

      {reviewing ? null : review}

      <section aria-label={canEdit ? "Spec" : "Latest revision"} className="min-w-0 rounded-lg border border-slate-200 bg-white p-5">
        {/* The sections are h3: this keeps the outline whole for screen readers. */}
        <h2 className="sr-only">{latest ? `Revision ${latest.number}` : "No revision yet"}</h2>
        {canEdit ? (
          <SpecWorkspace
            editFirst={!latest}
            view={view}
            editor={
              <SpecEditor
                teamId={teamId}
                featureId={featureId}
                latestNumber={latest?.number ?? 0}
                latestAuthor={latest?.author?.name ?? null}
                latest={latest ?? empty}
              />
            }
          />
        ) : (
          view
        )}
      </section>
      {reviewing ? review : null}
    </div>
  );
}
