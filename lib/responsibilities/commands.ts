import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { roleName } from "@/lib/authz/permissions";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { featurePaths } from "@/lib/features/paths";
import { refreshFeatures } from "@/lib/gates/summary";
import type { Role } from "@/lib/generated/prisma/enums";
import { assignResponsibilitySchema, RACI_LABELS, removeResponsibilitySchema } from "@/lib/responsibilities/schemas";

export const ACCOUNTABLE_RULE = "A feature has exactly one Accountable person: make someone else Accountable instead.";

export const assignResponsibility = defineCommand({
  name: "assignResponsibility",
  schema: assignResponsibilitySchema,
  message: "Responsibility assigned.",
  async handler({ tx, userId }, { teamId, featureId, userId: assignee, role, kind }) {
    await lockFeature(tx, teamId, featureId);
    const membership = await tx.membership.findUnique({
      where: { teamId_userId: { teamId, userId: assignee } },
      select: { roles: true, user: { select: { name: true } } },
    });
    if (!membership) {
      throw new ActionError("invalid", "Pick a member of this team.", { userId: ["Pick a member of this team."] });
    }
    if (!membership.roles.includes(role)) {
      throw new ActionError("invalid", "They do not hold that role.", {
        role: [`${membership.user.name} is not a ${roleName(role)} in this team.`],
      });
    }
    const duplicate = await tx.responsibility.findFirst({
      where: { featureId, userId: assignee, role, kind },
      select: { id: true },
    });
    if (duplicate) {
      throw new ActionError("invalid", "They already have that responsibility.", {
        kind: [`${membership.user.name} is already ${RACI_LABELS[kind]} as ${roleName(role)}.`],
      });
    }
    let replaced: { userId: string; role: Role } | null = null;
    if (kind === "ACCOUNTABLE") {
      // Exactly one Accountable: the new one replaces the old (under the row lock).
      const current = await tx.responsibility.findFirst({
        where: { featureId, kind: "ACCOUNTABLE" },
        select: { id: true, userId: true, role: true },
      });
      if (current) {
        await tx.responsibility.delete({ where: { id: current.id } });
        replaced = { userId: current.userId, role: current.role };
      }
    }
    const created = await tx.responsibility.create({
      data: { featureId, userId: assignee, role, kind },
      select: { id: true },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "responsibility.assigned",
      targetType: "responsibility",
      targetId: created.id,
      before: replaced ? { kind, ...replaced } : null,
      after: { kind, userId: assignee, name: membership.user.name, role },
    });
    return { teamId, featureId };
  },
  revalidate: featurePaths,
});

export const removeResponsibility = defineCommand({
  name: "removeResponsibility",
  schema: removeResponsibilitySchema,
  message: "Responsibility removed.",
  async handler({ tx, userId }, { teamId, featureId, responsibilityId }) {
    await lockFeature(tx, teamId, featureId);
    const responsibility = await tx.responsibility.findFirst({
      where: { id: responsibilityId, featureId },
      select: { id: true, userId: true, role: true, kind: true, user: { select: { name: true } } },
    });
    if (!responsibility) throw new ActionError("not_found", "That responsibility no longer exists.");
    if (responsibility.kind === "ACCOUNTABLE") throw new ActionError("conflict", ACCOUNTABLE_RULE);
    await tx.responsibility.delete({ where: { id: responsibility.id } });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "responsibility.removed",
      targetType: "responsibility",
      targetId: responsibility.id,
      before: {
        kind: responsibility.kind,
        userId: responsibility.userId,
        name: responsibility.user.name,
        role: responsibility.role,
      },
    });
    // What assigning it again would need (the toast's Undo).
    return { teamId, featureId, userId: responsibility.userId, role: responsibility.role, kind: responsibility.kind };
  },
  revalidate: featurePaths,
});
