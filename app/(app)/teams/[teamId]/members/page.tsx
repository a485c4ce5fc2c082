import type { Metadata } from "next";
import { InvitationList } from "@/components/teams/invitation-list";
import { InviteMemberForm } from "@/components/teams/invite-member-form";
import { MemberMatrix } from "@/components/teams/member-matrix";
import { INVITATION_LIST_SIZE, listInvitations, listMembers, MEMBER_LIST_SIZE, memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member, user } = await requireTeamPage(params);
  const canManage = memberCan(member, "members.manage");
  const [{ members, more: moreMembers }, { invitations, more: moreInvitations }] = await Promise.all([
    listMembers(teamId),
    canManage ? listInvitations(teamId) : Promise.resolve({ invitations: [], more: false }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Members</h1>
      <p className="mt-1 text-sm text-slate-700">
        {canManage
          ? "Give each person the roles they hold in this team. A person may hold several."
          : "Who holds which role in this team. Only a team lead can change roles."}
      </p>
      <MemberMatrix
        teamId={teamId}
        currentUserId={user.id}
        canManage={canManage}
        members={members.map((m) => ({
          id: m.id,
          version: m.version,
          roles: m.roles,
          name: m.user.name,
          email: m.user.email,
          userId: m.user.id,
        }))}
      />
      {moreMembers ? (
        <p className="mt-2 text-sm text-amber-800">
          Showing the first {MEMBER_LIST_SIZE} members by name; the team has more.
        </p>
      ) : null}
      {canManage ? (
        <div className="mt-10 grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-6">
            <h2 id="invite-heading" className="text-lg font-semibold">
              Invite someone
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              They get a link by mail (you can copy it too). They join with these roles once they open it and
              accept, signed in with this email.
            </p>
            <InviteMemberForm teamId={teamId} />
          </section>
          <section aria-labelledby="pending-heading" className="rounded-lg border border-slate-200 bg-white p-6">
            <h2 id="pending-heading" className="text-lg font-semibold">
              Pending invitations
            </h2>
            <InvitationList
              teamId={teamId}
              invitations={invitations.map((i) => ({
                ...i,
                createdAt: i.createdAt.toISOString(),
                expiresAt: i.expiresAt.toISOString(),
              }))}
            />
            {moreInvitations ? (
              <p className="mt-2 text-sm text-amber-800">
                Showing the {INVITATION_LIST_SIZE} newest invitations; older ones are still pending.
              </p>
            ) : null}
          </section>
        </div>
      ) : null}
    </>
  );
}
