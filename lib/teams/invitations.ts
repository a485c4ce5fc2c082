import "server-only";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";

/**
 * Turns every pending invitation for the user's email into a membership with
 * the invited roles (merged with roles already held), audited per team.
 * Call inside a transaction.
 */
export async function acceptPendingInvitations(
  tx: Tx,
  user: { id: string; email: string },
): Promise<string[]> {
  const invitations = await tx.invitation.findMany({
    where: { email: user.email },
    select: { id: true, teamId: true, roles: true },
  });
  if (invitations.length === 0) return [];

  const existing = await tx.membership.findMany({
    where: { userId: user.id, teamId: { in: invitations.map((i) => i.teamId) } },
    select: { id: true, teamId: true, roles: true, version: true },
  });
  const byTeam = new Map(existing.map((m) => [m.teamId, m]));

  for (const invitation of invitations) {
    const current = byTeam.get(invitation.teamId);
    let membershipId: string;
    let roles = invitation.roles;
    if (current) {
      roles = [...new Set([...current.roles, ...invitation.roles])];
      await tx.membership.update({
        where: { id: current.id },
        data: { roles, version: { increment: 1 } },
      });
      membershipId = current.id;
    } else {
      const created = await tx.membership.create({
        data: { teamId: invitation.teamId, userId: user.id, roles },
        select: { id: true },
      });
      membershipId = created.id;
    }
    await tx.invitation.delete({ where: { id: invitation.id } });
    await recordAudit(tx, {
      teamId: invitation.teamId,
      actorId: user.id,
      action: "invitation.accepted",
      targetType: "membership",
      targetId: membershipId,
      before: { email: user.email, roles: current?.roles ?? [] },
      after: { email: user.email, roles },
    });
  }
  return invitations.map((i) => i.teamId);
}
