import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BriefEditor } from "@/components/briefs/brief-editor";
import { BriefView } from "@/components/briefs/brief-view";
import { hasMonitoringPlan, missingForPoc } from "@/lib/briefs/completeness";
import { getBriefPage } from "@/lib/briefs/queries";
import { memberCan } from "@/lib/teams/queries";
import { requireFeaturePage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Model brief" };

const EMPTY = {
  intendedUse: "",
  outOfScopeUses: "",
  data: "",
  metrics: "",
  dataSlices: "",
  failureModes: "",
  caveats: "",
  monitoring: "",
  improvements: "",
  futureEnhancements: "",
  pocResults: [],
};

export default async function BriefPage({ params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId, member } = await requireFeaturePage(params);
  const brief = await getBriefPage(teamId, featureId);
  if (!brief) notFound();
  const canEdit = memberCan(member, "brief.edit");
  const latest = brief.latest;
  const base = `/teams/${teamId}/features/${featureId}`;
  const missing = [
    ...missingForPoc(latest, brief.criteria).map((m) => `For the PoC gate: ${m}.`),
    ...(hasMonitoringPlan(latest) ? [] : ["For the build gate: a monitoring plan."]),
  ];
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <Link href={base} className="text-sm text-indigo-700 underline">
          ← {brief.title}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Model brief</h1>
        <p className="mt-1 text-sm text-slate-700" data-testid="brief-status">
          {latest ? (
            <>
              Revision {latest.number} by {latest.author?.name ?? "someone"} on{" "}
              <time dateTime={latest.createdAt.toISOString()}>{latest.createdAt.toISOString().slice(0, 10)}</time>
            </>
          ) : (
            "No revision yet."
          )}
          {brief.approvedSpecNumber ? ` · PoC results against approved spec revision ${brief.approvedSpecNumber}` : " · No approved spec yet."}
        </p>
        <p className="mt-2 flex gap-4 text-sm">
          <a href={`${base}/brief/export`} className="text-indigo-700 underline">
            Export as a Markdown model card
          </a>
        </p>
      </div>

      <section aria-labelledby="brief-gates-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="brief-gates-heading" className="text-lg font-semibold">
          What the gates need from the brief
        </h2>
        {missing.length ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-700">Nothing: PoC results, failure modes and the monitoring plan are written.</p>
        )}
      </section>

      <section aria-label={canEdit ? "Editor" : "Latest revision"} className="rounded-lg border border-slate-200 bg-white p-5">
        {canEdit ? (
          <BriefEditor
            teamId={teamId}
            featureId={featureId}
            latestNumber={latest?.number ?? 0}
            latestAuthor={latest?.author?.name ?? null}
            latest={latest}
            initial={latest ?? EMPTY}
            criteria={brief.criteria}
          />
        ) : latest ? (
          <BriefView revision={latest} criteria={brief.criteria} />
        ) : (
          <p className="text-sm text-slate-600">The data scientist has not written the model brief yet.</p>
        )}
      </section>
    </div>
  );
}
