import { FeatureTabs } from "@/components/features/feature-tabs";
import { requireFeatureInTeam, requireFeaturePage } from "@/lib/authz/pages";

// Checks the feature exists before loading.tsx's skeleton starts the
// response, so an unknown or foreign feature still answers 404, not 200;
// then the tabs of the feature's sections, above each of them.
export default async function FeatureLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ teamId: string; featureId: string }>;
}) {
  const { teamId, featureId } = await requireFeaturePage(params);
  await requireFeatureInTeam(teamId, featureId);
  return (
    <>
      <FeatureTabs teamId={teamId} featureId={featureId} />
      {children}
    </>
  );
}
