import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { can, refusalMessage, ROLE_LABELS } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db";
import { ActionError, messages } from "@/lib/errors";
import { loadActiveSignoffs, loadGateFacts, loadGateSettings } from "@/lib/gates/facts";
import { refreshFeatures } from "@/lib/gates/summary";
import { holdTeam, lockFeature } from "@/lib/features/lock";
import { featurePaths } from "@/lib/features/paths";
import {
  advanceFeatureSchema,
  createFeatureSchema,
  updateFeatureSchema,
  moveFeatureBackSchema,
  pauseFeatureSchema,
  resumeFeatureSchema,
  retireFeatureSchema,
  startNextPhaseSchema,
} from "@/lib/features/schemas";
import { earlierStages, isGateStage, isPipelineStage, nextStage, STAGE_LABELS } from "@/lib/features/stages";
import { evaluateGate } from "@/lib/gates/definitions";
import { Role, Stage } from "@/lib/generated/prisma/enums";

function assertVersion(feature: { stage: Stage; version: number }, version: number) {
  if (feature.version !== version) {
    throw new ActionError(
      "conflict",
      `Someone else changed this feature's stage just now: it is in ${STAGE_LABELS[feature.stage]}. The page shows it now.`,
    );
  }
}

async function changeStage(
  tx: Tx,
  feature: { id: string; teamId: string; stage: Stage; version: number },
  toStage: Stage,
  userId: string | null,
  reason: string | null,
  extra: { pausedFrom?: Stage | null } = {},
) {
  const updated = await tx.feature.updateMany({
    where: { id: feature.id, version: feature.version },
    data: {
      stage: toStage,
      stageEnteredAt: new Date(),
      version: { increment: 1 },
      ...(extra.pausedFrom !== undefined ? { pausedFrom: extra.pausedFrom } : {}),
    },
  });
  if (updated.count !== 1) throw new ActionError("conflict", "Someone else moved this feature just now.");
  await tx.stageTransition.create({
    data: { featureId: feature.id, fromStage: feature.stage, toStage, reason, actorId: userId },
  });
  // A gate is signed afresh each time a feature reaches it; open requests
  // for the gate it leaves are settled.
  await tx.gateSignoff.updateMany({
    where: { featureId: feature.id, gate: toStage, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await tx.signoffRequest.updateMany({
    where: { featureId: feature.id, gate: feature.stage, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  await recordAudit(tx, {
    teamId: feature.teamId,
    featureId: feature.id,
    actorId: userId,
    action: "feature.stage_changed",
    targetType: "feature",
    targetId: feature.id,
    before: { stage: feature.stage },
    after: reason ? { stage: toStage, reason } : { stage: toStage },
  });
  await refreshFeatures(tx, feature.teamId, [feature.id]);
  return { teamId: feature.teamId, featureId: feature.id, stage: toStage, version: feature.version + 1 };
}

export const createFeature = defineCommand({
  name: "createFeature",
  schema: createFeatureSchema,
  message: "Feature created.",
  async handler({ tx, userId }, { teamId, title, summary, phases }) {
    // The creator becomes Accountable in a role they hold: read under the team lock.
    await holdTeam(tx, teamId);
    const creator = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId: userId! } }, select: { roles: true } });
    if (!creator) throw new ActionError("not_found", messages.notFound);
    if (!can(creator.roles, "feature.create")) throw new ActionError("forbidden", refusalMessage("feature.create"));
    const feature = await tx.feature.create({
      data: {
        teamId,
        title,
        summary,
        createdById: userId,
        phases: { create: phases.map((phase, i) => ({ ...phase, position: i + 1 })) },
      },
      select: { id: true },
    });
    // The creating PM is Accountable (a lead without the PM role, as lead).
    const role = creator.roles.includes(Role.PM) ? Role.PM : Role.LEAD;
    await tx.responsibility.create({
      data: { featureId: feature.id, userId: userId!, role, kind: "ACCOUNTABLE" },
    });
    await tx.stageTransition.create({
      data: { featureId: feature.id, fromStage: null, toStage: Stage.IDEA, actorId: userId },
    });
    await recordAudit(tx, {
      teamId,
      featureId: feature.id,
      actorId: userId,
      action: "feature.created",
      targetType: "feature",
      targetId: feature.id,
      after: { title, summary, phases: phases.map((p) => p.name) },
    });
    await refreshFeatures(tx, teamId, [feature.id]);
    return { teamId, featureId: feature.id };
  },
  revalidate: featurePaths,
});

export const updateFeature = defineCommand({
  name: "updateFeature",
  schema: updateFeatureSchema,
  message: "Saved.",
  async handler({ tx, userId }, { teamId, featureId, title, summary, baseTitle, baseSummary }) {
    await lockFeature(tx, teamId, featureId);
    const current = await tx.feature.findUniqueOrThrow({ where: { id: featureId }, select: { title: true, summary: true } });
    if (current.title !== baseTitle || current.summary !== baseSummary) {
      throw new ActionError("conflict", "Someone else changed the title or summary just now. Reload to see theirs, then edit again.");
    }
    await tx.feature.update({ where: { id: featureId }, data: { title, summary } });
    // The IDEA gate's sign-offs vouch for the title and summary.
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "feature.edited",
      targetType: "feature",
      targetId: featureId,
      before: current,
      after: { title, summary },
    });
    return { teamId, featureId };
  },
  revalidate: featurePaths,
});

export const advanceFeature = defineCommand({
  name: "advanceFeature",
  schema: advanceFeatureSchema,
  async handler({ tx, userId }, { teamId, featureId, version }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    const to = nextStage(feature.stage);
    if (!to || !isGateStage(feature.stage)) {
      throw new ActionError("conflict", `A feature in ${STAGE_LABELS[feature.stage]} has no gate to pass.`);
    }
    const [facts, settings, signoffs] = await Promise.all([
      loadGateFacts(tx, teamId, [featureId]),
      loadGateSettings(tx, teamId),
      loadActiveSignoffs(tx, teamId, [feature]),
    ]);
    const status = evaluateGate(feature.stage, facts.get(featureId)!, settings, signoffs.get(featureId) ?? []);
    if (!status.ready) {
      const missing = [
        ...status.missing.requirements,
        ...status.missing.signoffs.map((role) => `${ROLE_LABELS[role]} sign-off`),
      ];
      throw new ActionError("conflict", `The gate is not open yet. Missing: ${missing.join("; ")}.`);
    }
    return changeStage(tx, feature, to, userId, null);
  },
  revalidate: featurePaths,
});

export const moveFeatureBack = defineCommand({
  name: "moveFeatureBack",
  schema: moveFeatureBackSchema,
  async handler({ tx, userId }, { teamId, featureId, version, toStage, reason }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    if (!earlierStages(feature.stage).includes(toStage)) {
      throw new ActionError("invalid", "Pick an earlier stage.", {
        toStage: [`From ${STAGE_LABELS[feature.stage]} a feature can only go back to an earlier stage.`],
      });
    }
    return changeStage(tx, feature, toStage, userId, reason);
  },
  revalidate: featurePaths,
});

export const pauseFeature = defineCommand({
  name: "pauseFeature",
  schema: pauseFeatureSchema,
  async handler({ tx, userId }, { teamId, featureId, version, reason }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    if (!isPipelineStage(feature.stage)) {
      throw new ActionError("conflict", `A ${STAGE_LABELS[feature.stage].toLowerCase()} feature cannot be paused.`);
    }
    return changeStage(tx, feature, Stage.PAUSED, userId, reason, { pausedFrom: feature.stage });
  },
  revalidate: featurePaths,
});

export const resumeFeature = defineCommand({
  name: "resumeFeature",
  schema: resumeFeatureSchema,
  async handler({ tx, userId }, { teamId, featureId, version }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    if (feature.stage !== Stage.PAUSED || !feature.pausedFrom) {
      throw new ActionError("conflict", "Only a paused feature can be resumed.");
    }
    return changeStage(tx, feature, feature.pausedFrom, userId, null, { pausedFrom: null });
  },
  revalidate: featurePaths,
});

export const retireFeature = defineCommand({
  name: "retireFeature",
  schema: retireFeatureSchema,
  async handler({ tx, userId }, { teamId, featureId, version, reason }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    if (feature.stage === Stage.RETIRED) throw new ActionError("conflict", "This feature is already retired.");
    return changeStage(tx, feature, Stage.RETIRED, userId, reason, { pausedFrom: null });
  },
  revalidate: featurePaths,
});

/**
 * After PRODUCTION, the next planned phase starts: the feature goes back
 * through POC with the phase it shipped kept in its history.
 */
export const startNextPhase = defineCommand({
  name: "startNextPhase",
  schema: startNextPhaseSchema,
  async handler({ tx, userId }, { teamId, featureId, version }) {
    const feature = await lockFeature(tx, teamId, featureId);
    assertVersion(feature, version);
    if (feature.stage !== Stage.PRODUCTION) {
      throw new ActionError("conflict", "The next phase starts once the current one is in production.");
    }
    const { currentPhase } = await tx.feature.findUniqueOrThrow({ where: { id: featureId }, select: { currentPhase: true } });
    const next = await tx.featurePhase.findUnique({
      where: { featureId_position: { featureId, position: currentPhase + 1 } },
      select: { id: true, name: true },
    });
    if (!next) throw new ActionError("conflict", "No later phase is planned for this feature.");
    const now = new Date();
    await tx.featurePhase.updateMany({ where: { featureId, position: currentPhase }, data: { completedAt: now } });
    await tx.featurePhase.update({ where: { id: next.id }, data: { startedAt: now } });
    await tx.feature.update({ where: { id: featureId }, data: { currentPhase: currentPhase + 1 } });
    return changeStage(tx, feature, Stage.POC, userId, `Phase ${currentPhase + 1} started: ${next.name}`);
  },
  revalidate: featurePaths,
});
