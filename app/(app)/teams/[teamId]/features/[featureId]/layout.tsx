import { FeatureTabs } from "@/components/features/feature-tabs";
import { LiveRefresh } from "@/components/live/live-refresh";
import { RefusalOutlet } from "@/components/ui/refusal-outlet";
import { renderedNow } from "@/lib/live/events";
import { requireFeatureInTeam, requireFeaturePage } from "@/lib/authz/pages";

// Checks the feature exists before loading.tsx's skeleton starts the
// response, so an unknown or foreign feature still answers 404, not 200;
// then the tabs of the feature's sections, above each of them. Every tab
// refreshes when someone changes the feature (or the team).
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
      <LiveRefresh teamId={teamId} featureId={featureId} renderedAt={renderedNow()} />
      <FeatureTabs teamId={teamId} featureId={featureId} />
      <RefusalOutlet />
      {children}
    </>
  );
}
