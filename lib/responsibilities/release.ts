import "server-only";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { refreshFeatures } from "@/lib/gates/summary";
import type { Role, Stage } from "@/lib/generated/prisma/enums";

/**
 * A person leaving the team, or losing roles, gives up what they held in the
 * team's features, each release audited on its feature:
 * - the responsibilities they held in those roles (refused while they are
 *   Accountable for a feature in such a role: a feature always keeps one);
 * - their sign-offs of a feature's open gate given in those roles;
 * - when they leave, the readiness items they own.
 * The caller holds the team row lock (FOR UPDATE), which every feature change
 * takes first (lockFeature), so nothing is assigned to them meanwhile; the
 * features touched are then locked in id order, as everywhere.
 */
export async function releaseMemberHoldings(
  tx: Tx,
  teamId: string,
  userId: string,
  { roles, leaving, actorId }: { roles: Role[]; leaving: boolean; actorId: string | null },
) {
  if (roles.length === 0 && !leaving) return;
  const inTeam = { teamId };
  const [held, signoffs, owned, person] = await Promise.all([
    tx.responsibility.findMany({
      where: { userId, role: { in: roles }, feature: inTeam },
      select: { id: true, kind: true, role: true, feature: { select: { id: true, title: true } } },
    }),
    tx.gateSignoff.findMany({
      where: { userId, role: { in: roles }, revokedAt: null, feature: inTeam },
      select: { id: true, gate: true, role: true, feature: { select: { id: true, stage: true } } },
    }),
    leaving
      ? tx.readinessItem.findMany({ where: { ownerId: userId, feature: inTeam }, select: { id: true, code: true, featureId: true } })
      : Promise.resolve([]),
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }),
  ]);
  const accountable = held.filter((r) => r.kind === "ACCOUNTABLE");
  if (accountable.length) {
    const first = accountable[0]!;
    const more = accountable.length > 1 ? ` and ${accountable.length - 1} more` : "";
    throw new ActionError(
      "conflict",
      `${person.name} is Accountable for “${first.feature.title}”${more}. Make someone else Accountable first.`,
    );
  }
  // Only a sign-off of the gate a feature waits at counts; earlier ones are its history.
  const open = signoffs.filter((s) => s.gate === s.feature.stage);
  const featureIds = [...new Set([...held.map((r) => r.feature.id), ...open.map((s) => s.feature.id), ...owned.map((i) => i.featureId)])];
  if (featureIds.length === 0) return;
  const features = await tx.$queryRaw<{ id: string; stage: Stage }[]>`
    SELECT id, stage FROM "Feature" WHERE "teamId" = ${teamId}::uuid AND id = ANY(${featureIds}::uuid[]) ORDER BY id FOR UPDATE`;
  // Read after the person's name: "Dana left the team".
  const reason = leaving ? "left the team" : "no longer holds the role";

  if (held.length) await tx.responsibility.deleteMany({ where: { id: { in: held.map((r) => r.id) } } });
  for (const r of held) {
    await recordAudit(tx, {
      teamId,
      featureId: r.feature.id,
      actorId,
      action: "responsibility.removed",
      targetType: "responsibility",
      targetId: r.id,
      before: { kind: r.kind, userId, name: person.name, role: r.role },
    });
  }
  if (open.length) {
    await tx.gateSignoff.updateMany({ where: { id: { in: open.map((s) => s.id) } }, data: { revokedAt: new Date() } });
  }
  for (const s of open) {
    await recordAudit(tx, {
      teamId,
      featureId: s.feature.id,
      actorId,
      action: "gate.signoff_released",
      targetType: "signoff",
      targetId: s.id,
      before: { gate: s.gate, role: s.role, userId, name: person.name },
      after: { reason },
    });
  }
  if (owned.length) {
    await tx.readinessItem.updateMany({
      where: { id: { in: owned.map((i) => i.id) } },
      data: { ownerId: null, version: { increment: 1 } },
    });
  }
  for (const item of owned) {
    await recordAudit(tx, {
      teamId,
      featureId: item.featureId,
      actorId,
      action: "readiness.owner_changed",
      targetType: "readiness_item",
      targetId: item.id,
      before: { code: item.code, ownerId: userId, owner: person.name },
      after: { code: item.code, ownerId: null, owner: null, reason },
    });
  }
  // What the features' other sign-offs vouched for may have changed too.
  await refreshFeatures(
    tx,
    teamId,
    features.map((f) => f.id),
  );
}
