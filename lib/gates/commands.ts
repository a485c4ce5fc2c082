import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { roleName } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { featurePaths } from "@/lib/features/paths";
import { isGateStage, STAGE_LABELS } from "@/lib/features/stages";
import { GATE_ITEM_KEYS, gateBasis, signoffRoles } from "@/lib/gates/definitions";
import { loadGateFacts, loadGateSettings } from "@/lib/gates/facts";
import { requestSignoffSchema, setGateRequirementSchema, signGateSchema, withdrawSignoffSchema } from "@/lib/gates/schemas";
import { refreshFeatures, refreshTeam } from "@/lib/gates/summary";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { notifySignoffRequested } from "@/lib/notifications/record";

async function gateOf(tx: Tx, teamId: string, stage: Stage, role: Role) {
  if (!isGateStage(stage)) {
    throw new ActionError("conflict", `A feature in ${STAGE_LABELS[stage]} has no gate to sign.`);
  }
  const settings = await loadGateSettings(tx, teamId);
  if (!signoffRoles(stage, settings).includes(role)) {
    throw new ActionError("invalid", `This gate does not ask for a ${roleName(role)} sign-off.`, {
      role: ["Pick a role this gate asks for."],
    });
  }
  return stage;
}

export const signGate = defineCommand({
  name: "signGate",
  schema: signGateSchema,
  message: "Signed.",
  async handler({ tx, userId }, { teamId, featureId, role, comment }) {
    const feature = await lockFeature(tx, teamId, featureId);
    const gate = await gateOf(tx, teamId, feature.stage, role);
    // Read again under the team lock: a role taken away since the access check does not sign.
    const signer = await tx.membership.findUnique({
      where: { teamId_userId: { teamId, userId: userId! } },
      select: { roles: true },
    });
    if (!signer?.roles.includes(role)) {
      throw new ActionError(
        "forbidden",
        `You can sign as ${roleName(role)} only if you hold that role in this team.`,
      );
    }
    const facts = (await loadGateFacts(tx, teamId, [featureId])).get(featureId)!;
    const basis = gateBasis(gate, facts);
    const existing = await tx.gateSignoff.findFirst({
      where: { featureId, gate, role, userId: userId!, revokedAt: null },
      select: { id: true, basis: true },
    });
    if (existing?.basis === basis) throw new ActionError("conflict", "You have already signed this gate in that role.");
    // A sign-off of facts that have changed since no longer counts: this one replaces it.
    if (existing) await tx.gateSignoff.update({ where: { id: existing.id }, data: { revokedAt: new Date() } });
    const signoff = await tx.gateSignoff.create({
      data: { featureId, gate, role, userId: userId!, comment, basis },
      select: { id: true },
    });
    await tx.signoffRequest.updateMany({
      where: { featureId, gate, role, resolvedAt: null },
      data: { resolvedAt: new Date() },
    });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "gate.signed",
      targetType: "signoff",
      targetId: signoff.id,
      after: comment ? { gate, role, comment } : { gate, role },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    return { teamId, featureId, signoffId: signoff.id };
  },
  revalidate: featurePaths,
});

export const withdrawSignoff = defineCommand({
  name: "withdrawSignoff",
  schema: withdrawSignoffSchema,
  message: "Sign-off withdrawn.",
  async handler({ tx, userId }, { teamId, featureId, signoffId }) {
    await lockFeature(tx, teamId, featureId);
    const signoff = await tx.gateSignoff.findFirst({
      where: { id: signoffId, featureId, revokedAt: null },
      select: { id: true, userId: true, gate: true, role: true, comment: true },
    });
    if (!signoff) throw new ActionError("not_found", "That sign-off is no longer active.");
    if (signoff.userId !== userId) throw new ActionError("forbidden", "You can only withdraw your own sign-off.");
    await tx.gateSignoff.update({ where: { id: signoff.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "gate.signoff_withdrawn",
      targetType: "signoff",
      targetId: signoff.id,
      before: { gate: signoff.gate, role: signoff.role },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    // What signing again would need (the toast's Undo).
    return { teamId, featureId, role: signoff.role, comment: signoff.comment };
  },
  revalidate: featurePaths,
});

export const requestSignoff = defineCommand({
  name: "requestSignoff",
  schema: requestSignoffSchema,
  message: "Sign-off requested.",
  async handler({ tx, userId }, { teamId, featureId, role }) {
    const feature = await lockFeature(tx, teamId, featureId);
    const gate = await gateOf(tx, teamId, feature.stage, role);
    const pending = await tx.signoffRequest.findFirst({
      where: { featureId, gate, role, resolvedAt: null },
      select: { id: true },
    });
    if (pending) throw new ActionError("conflict", `A ${roleName(role)} sign-off is already requested.`);
    const request = await tx.signoffRequest.create({
      data: { featureId, gate, role, requestedById: userId },
      select: { id: true },
    });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "gate.signoff_requested",
      targetType: "signoff_request",
      targetId: request.id,
      after: { gate, role },
    });
    await notifySignoffRequested(tx, { teamId, featureId, gate, role, actorId: userId });
    return { teamId, featureId };
  },
  revalidate: featurePaths,
});
export const setGateRequirement = defineCommand({
  name: "setGateRequirement",
  schema: setGateRequirementSchema,
  message: "Gate settings saved.",
  // Two leads switching the same requirement for the first time at once.
  uniqueViolation: ({ constraint }) =>
    constraint === "TeamGateSetting_pkey"
      ? new ActionError("conflict", "Someone else changed this gate setting at the same moment. Reload to see it.")
      : null,
  // Every feature's gate reads the settings: no feature change runs meanwhile.
  lockTeam: true,
  async handler({ tx, userId }, { teamId, key, enabled }) {
    if (!GATE_ITEM_KEYS.has(key)) {
      throw new ActionError("invalid", "Unknown gate requirement.", { key: ["Unknown gate requirement."] });
    }
    const before = await tx.teamGateSetting.findUnique({ where: { teamId_key: { teamId, key } } });
    await tx.teamGateSetting.upsert({
      where: { teamId_key: { teamId, key } },
      create: { teamId, key, enabled },
      update: { enabled },
    });
    await recordAudit(tx, {
      teamId,
      actorId: userId,
      action: "gate.setting_changed",
      targetType: "gate_setting",
      targetId: key,
      before: { key, enabled: before?.enabled ?? true },
      after: { key, enabled },
    });
    await refreshTeam(tx, teamId);
    return { teamId };
  },
  revalidate: ({ teamId }) => [`/teams/${teamId}/settings`, `/teams/${teamId}`],
});
