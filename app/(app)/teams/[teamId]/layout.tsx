import { TeamNav } from "@/components/teams/team-nav";
import { TeamSwitcher } from "@/components/teams/team-switcher";
import { listMyTeams, memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export default async function TeamLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ teamId: string }>;
}) {
  const { teamId, user, member } = await requireTeamPage(params);
  const teams = await listMyTeams(user.id);
  return (
    <>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl items-center justify-between gap-3 px-4 py-2 sm:justify-start sm:gap-4">
          <TeamSwitcher teams={teams} currentTeamId={teamId} />
          <TeamNav teamId={teamId} isLead={memberCan(member, "audit.view")} />
        </div>
      </div>
      <main className="mx-auto max-w-screen-2xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
