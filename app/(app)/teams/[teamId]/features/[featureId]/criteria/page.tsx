import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CriteriaSection } from "@/components/criteria/criteria-section";
import { requireFeaturePage } from "@/lib/authz/pages";
import { listCriteria } from "@/lib/criteria/queries";
import { memberCan } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Acceptance criteria" };

export default async function CriteriaPage({ params }: { params: Promise<{ teamId: string; featureId: string }> }) {
  const { teamId, featureId, member } = await requireFeaturePage(params);
  const criteria = await listCriteria(teamId, featureId);
  if (!criteria) notFound();
  return (
    <div className="max-w-4xl">
      <CriteriaSection
        teamId={teamId}
        featureId={featureId}
        criteria={criteria.criteria}
        successCriteria={criteria.successCriteria}
        canWrite={memberCan(member, "criteria.write")}
        canVerdict={memberCan(member, "criterion.verdict")}
      />
    </div>
  );
}
