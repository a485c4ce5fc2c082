import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { Role } from "@/lib/generated/prisma/enums";
import { releaseMemberHoldings } from "@/lib/responsibilities/release";
import { sendInvitationLink } from "@/lib/teams/invitations";
import {
  createTeamSchema,
  inviteMemberSchema,
  removeMemberSchema,
  revokeInvitationSchema,
  setMemberRolesSchema,
} from "@/lib/teams/schemas";

const membersPath = (teamId: string) => `/teams/${teamId}/members`;

export const LAST_LEAD_MESSAGE =
  "A team needs at least one team lead. Make someone else a lead first.";
const STALE_MEMBER_MESSAGE =
  "Someone else changed this member just now. The page shows their change; try again.";

export const createTeam = defineCommand({
  name: "createTeam",
  // Nobody else looks at a team that did not exist.
  live: false,
  schema: createTeamSchema,
  message: "Team created.",
  async handler({ tx, userId }, input) {
    const team = await tx.team.create({ data: { name: input.name }, select: { id: true } });
    const membership = await tx.membership.create({
      data: { teamId: team.id, userId: userId!, roles: [Role.LEAD] },
      select: { id: true },
    });
    await recordAudit(tx, {
      teamId: team.id,
      actorId: userId,
      action: "team.created",
      targetType: "team",
      targetId: team.id,
      after: { name: input.name },
    });
    await recordAudit(tx, {
      teamId: team.id,
      actorId: userId,
      action: "member.added",
      targetType: "membership",
      targetId: membership.id,
      after: { roles: [Role.LEAD] },
    });
    return { teamId: team.id };
  },
  revalidate: () => ["/", "/teams"],
});

const alreadyInvited = () =>
  new ActionError("invalid", "That email is already invited.", {
    email: ["Already invited. Send a new link from the list, or revoke it to change the roles."],
  });

export const inviteMember = defineCommand({
  name: "inviteMember",
  // Nothing a live page of the team shows.
  live: false,
  schema: inviteMemberSchema,
  message: "Invitation sent. You can also copy the link and hand it over.",
  // Two leads inviting one address at the same moment: the second finds it invited.
  uniqueViolation: ({ constraint }) => (constraint === "Invitation_teamId_email_key" ? alreadyInvited() : null),
  async handler({ tx, userId }, { teamId, email, roles }) {
    const member = await tx.membership.findFirst({
      where: { teamId, user: { email } },
      select: { id: true },
    });
    if (member) {
      throw new ActionError("invalid", "That person is already in the team.", {
        email: ["Already a member of this team."],
      });
    }
    const pending = await tx.invitation.findUnique({
      where: { teamId_email: { teamId, email } },
      select: { id: true, expiresAt: true },
    });
    if (pending && pending.expiresAt > new Date()) throw alreadyInvited();
    // An expired invitation of the same address is replaced.
    if (pending) await tx.invitation.delete({ where: { id: pending.id } });
    const invitation = await tx.invitation.create({
      // The real secret is set by sendInvitationLink, in this transaction.
      data: { teamId, email, roles, invitedById: userId, secretHash: "", expiresAt: new Date() },
      select: { id: true, teamId: true, email: true, roles: true },
    });
    return sendInvitationLink(tx, invitation, userId!, { renewed: false });
  },
  revalidate: ({ teamId }) => [membersPath(teamId)],
});

/** A new link for a pending invitation (mailed again; the old link stops working). */
export const renewInvitation = defineCommand({
  name: "renewInvitation",
  // Nothing a live page of the team shows.
  live: false,
  schema: revokeInvitationSchema,
  message: "New link sent. The previous link no longer works.",
  async handler({ tx, userId }, { teamId, invitationId }) {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, teamId },
      select: { id: true, teamId: true, email: true, roles: true },
    });
    if (!invitation) throw new ActionError("not_found", "That invitation no longer exists.");
    return sendInvitationLink(tx, invitation, userId!, { renewed: true });
  },
  revalidate: ({ teamId }) => [membersPath(teamId)],
});

export const revokeInvitation = defineCommand({
  name: "revokeInvitation",
  // Nothing a live page of the team shows.
  live: false,
  schema: revokeInvitationSchema,
  message: "Invitation revoked.",
  async handler({ tx, userId }, { teamId, invitationId }) {
    // Team in the WHERE: an id from another team matches nothing.
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, teamId },
      select: { id: true, email: true, roles: true },
    });
    if (!invitation) throw new ActionError("not_found", "That invitation no longer exists.");
    await tx.invitation.delete({ where: { id: invitation.id } });
    await recordAudit(tx, {
      teamId,
      actorId: userId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitation.id,
      before: { email: invitation.email, roles: invitation.roles },
    });
    return { teamId };
  },
  revalidate: ({ teamId }) => [membersPath(teamId)],
});

async function findMembership(tx: Tx, teamId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, teamId },
    select: { id: true, userId: true, roles: true, version: true, user: { select: { email: true } } },
  });
  if (!membership) throw new ActionError("not_found", "That person is no longer in the team.");
  return membership;
}

async function assertAnotherLead(tx: Tx, teamId: string, membershipId: string) {
  const others = await tx.membership.count({
    where: { teamId, id: { not: membershipId }, roles: { has: Role.LEAD } },
  });
  if (others === 0) throw new ActionError("conflict", LAST_LEAD_MESSAGE);
}

export const setMemberRoles = defineCommand({
  name: "setMemberRoles",
  schema: setMemberRolesSchema,
  // Serialized per team so two leads demoting each other at once cannot
  // leave the team without a lead.
  lockTeam: true,
  message: "Roles saved.",
  async handler({ tx, userId }, { teamId, membershipId, roles, version }) {
    const membership = await findMembership(tx, teamId, membershipId);
    if (membership.version !== version) throw new ActionError("conflict", STALE_MEMBER_MESSAGE);
    if (membership.roles.includes(Role.LEAD) && !roles.includes(Role.LEAD)) {
      await assertAnotherLead(tx, teamId, membershipId);
    }
    const dropped = membership.roles.filter((role) => !roles.includes(role));
    await releaseMemberHoldings(tx, teamId, membership.userId, { roles: dropped, leaving: false, actorId: userId });
    const updated = await tx.membership.update({
      where: { id: membershipId, version },
      data: { roles, version: { increment: 1 } },
      select: { version: true },
    });
    await recordAudit(tx, {
      teamId,
      actorId: userId,
      action: "member.roles_changed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: membership.user.email, roles: membership.roles },
      after: { email: membership.user.email, roles },
    });
    return { teamId, version: updated.version };
  },
  revalidate: ({ teamId }) => [membersPath(teamId), `/teams/${teamId}`],
});

export const removeMember = defineCommand({
  name: "removeMember",
  schema: removeMemberSchema,
  lockTeam: true,
  message: "Member removed.",
  async handler({ tx, userId }, { teamId, membershipId, version }) {
    const membership = await findMembership(tx, teamId, membershipId);
    if (membership.version !== version) throw new ActionError("conflict", STALE_MEMBER_MESSAGE);
    if (membership.roles.includes(Role.LEAD)) await assertAnotherLead(tx, teamId, membershipId);
    await releaseMemberHoldings(tx, teamId, membership.userId, { roles: membership.roles, leaving: true, actorId: userId });
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, {
      teamId,
      actorId: userId,
      action: "member.removed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: membership.user.email, roles: membership.roles },
    });
    return { teamId };
  },
  revalidate: ({ teamId }) => [membersPath(teamId), `/teams/${teamId}`],
});
