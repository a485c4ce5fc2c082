import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit, recordIdentityEvent } from "@/lib/audit";
import { formatToken, issueSecret, parseToken, secretMatches } from "@/lib/auth/tokens";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { appUrl, invitationMail } from "@/lib/mail/templates";
import { invitationTokenSchema } from "@/lib/users/schemas";

// An invitation is a single-use link ("/invite/<id>.<secret>", the secret
// stored hashed) mailed to the invited address and shown once to the lead.
// Nobody joins a team without opening it and accepting, and only while
// signed in with the invited address.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function invitationPath(token: string) {
  return `/invite/${encodeURIComponent(token)}`;
}

/**
 * Gives the invitation a fresh link (the previous one stops working), mails
 * it to the invited address, audits the sending and returns the link for the
 * lead to hand over.
 */
export async function sendInvitationLink(
  tx: Tx,
  invitation: { id: string; teamId: string; email: string; roles: Role[] },
  inviterId: string,
  { renewed }: { renewed: boolean },
) {
  const { secret, secretHash } = issueSecret();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await tx.invitation.update({ where: { id: invitation.id }, data: { secretHash, expiresAt } });
  const [team, inviter] = await Promise.all([
    tx.team.findUniqueOrThrow({ where: { id: invitation.teamId }, select: { name: true } }),
    tx.user.findUniqueOrThrow({ where: { id: inviterId }, select: { name: true } }),
  ]);
  const link = appUrl(invitationPath(formatToken(invitation.id, secret)));
  await enqueueMail(tx, {
    kind: "invitation",
    to: invitation.email,
    ...invitationMail({ teamName: team.name, roles: invitation.roles, inviterName: inviter.name, link, expiresAt }),
  });
  await recordAudit(tx, {
    teamId: invitation.teamId,
    actorId: inviterId,
    action: "invitation.sent",
    targetType: "invitation",
    targetId: invitation.id,
    after: { email: invitation.email, roles: invitation.roles, ...(renewed ? { renewed: true } : {}) },
  });
  return {
    teamId: invitation.teamId,
    invitationId: invitation.id,
    email: invitation.email,
    link,
    expiresAt: expiresAt.toISOString(),
  };
}

/** The pending invitation behind a link, or null (unknown, replaced, expired, used). */
export async function findInvitation(tx: Pick<Tx, "invitation">, token: unknown) {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const invitation = await tx.invitation.findUnique({
    where: { id: parsed.id },
    select: {
      id: true,
      teamId: true,
      email: true,
      roles: true,
      secretHash: true,
      expiresAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation || !secretMatches(parsed.secret, invitation.secretHash)) return null;
  if (invitation.expiresAt <= new Date()) return null;
  const { secretHash: _hash, ...rest } = invitation;
  void _hash;
  return rest;
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

/**
 * The invitation, checked against the signed-in user: it must be for their
 * address. Opening the link proves the address (it was mailed there), so an
 * unverified account of that address becomes verified on accepting.
 */
async function claimInvitation(tx: Tx, userId: string, token: string) {
  const invitation = await findInvitation(tx, token);
  if (!invitation) throw new ActionError("not_found", "This invitation has expired, was revoked or was already used.");
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  if (user.email !== invitation.email) {
    throw new ActionError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address to answer it.`);
  }
  // Lock the team (as every membership change does), then use the link up:
  // of two clicks racing, one deletes the row and the other finds nothing.
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${invitation.teamId}::uuid FOR UPDATE`;
  const { count } = await tx.invitation.deleteMany({ where: { id: invitation.id } });
  if (count !== 1) throw new ActionError("not_found", "This invitation was already used.");
  if (!user.emailVerifiedAt) {
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
    await recordIdentityEvent(tx, { userId, action: "user.email_verified", after: { via: "invitation" } });
  }
  return invitation;
}

export const acceptInvitation = defineCommand({
  name: "acceptInvitation",
  schema: invitationTokenSchema,
  async handler({ tx, userId }, { token }) {
    const invitation = await claimInvitation(tx, userId!, token);
    const current = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: invitation.teamId, userId: userId! } },
      select: { id: true, roles: true },
    });
    const roles = current ? [...new Set([...current.roles, ...invitation.roles])] : invitation.roles;
    const membership = current
      ? await tx.membership.update({
          where: { id: current.id },
          data: { roles, version: { increment: 1 } },
          select: { id: true },
        })
      : await tx.membership.create({
          data: { teamId: invitation.teamId, userId: userId!, roles },
          select: { id: true },
        });
    await recordAudit(tx, {
      teamId: invitation.teamId,
      actorId: userId,
      action: "invitation.accepted",
      targetType: "membership",
      targetId: membership.id,
      before: { email: invitation.email, roles: current?.roles ?? [] },
      after: { email: invitation.email, roles },
    });
    return { teamId: invitation.teamId };
  },
  revalidate: ({ teamId }) => ["/", `/teams/${teamId}`, `/teams/${teamId}/members`],
});

export const declineInvitation = defineCommand({
  name: "declineInvitation",
  // Nothing a live page of the team shows.
  live: false,
  schema: invitationTokenSchema,
  message: "Invitation declined.",
  async handler({ tx, userId }, { token }) {
    const invitation = await claimInvitation(tx, userId!, token);
    await recordAudit(tx, {
      teamId: invitation.teamId,
      actorId: userId,
      action: "invitation.declined",
      targetType: "invitation",
      targetId: invitation.id,
      before: { email: invitation.email, roles: invitation.roles },
    });
    return { teamId: invitation.teamId };
  },
  revalidate: ({ teamId }) => [`/teams/${teamId}/members`],
});
