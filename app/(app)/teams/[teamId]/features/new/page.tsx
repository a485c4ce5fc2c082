import type { Metadata } from "next";
import { CreateFeatureForm } from "@/components/features/create-feature-form";
import { memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "New feature" };

export default async function NewFeaturePage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member } = await requireTeamPage(params);
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold">New feature</h1>
      {memberCan(member, "feature.create") ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            It starts as an idea. You will be Accountable for it; assign the others on its page.
          </p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
            <CreateFeatureForm teamId={teamId} />
          </div>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">Only a product manager or the team lead can create features.</p>
      )}
    </div>
  );
}
