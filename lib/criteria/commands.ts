import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit, recordAudits } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { refreshFeatures } from "@/lib/gates/summary";
import { notifyCriterionFailed } from "@/lib/notifications/record";
import {
  createCriterionSchema,
  moveCriterionSchema,
  passCriteriaSchema,
  removeCriterionSchema,
  retireCriterionSchema,
  setCriterionVerdictSchema,
  updateCriterionSchema,
} from "@/lib/criteria/schemas";

const paths = ({ teamId, featureId }: { teamId: string; featureId: string }) => [
  `/teams/${teamId}/features/${featureId}`,
  `/teams/${teamId}/qa`,
  `/teams/${teamId}`,
];

/** The criterion, within the feature (and so the team) named. */
async function findCriterion(tx: Tx, featureId: string, criterionId: string) {
  const criterion = await tx.acceptanceCriterion.findFirst({
    where: { id: criterionId, featureId },
    select: {
      id: true,
      position: true,
      given: true,
      when: true,
      then: true,
      text: true,
      successCriterionKeys: true,
      version: true,
      retiredAt: true,
      _count: { select: { verdicts: true } },
    },
  });
  if (!criterion) throw new ActionError("not_found", "That acceptance criterion no longer exists.");
  return criterion;
}

async function currentSpecRevision(tx: Tx, featureId: string) {
  const feature = await tx.feature.findUniqueOrThrow({
    where: { id: featureId },
    select: { approvedSpecRevision: { select: { id: true, number: true } } },
  });
  return feature.approvedSpecRevision;
}

const describeContent = (c: { given: string; when: string; then: string; text: string }) =>
  c.text || `Given ${c.given}, when ${c.when}, then ${c.then}`;

export const createCriterion = defineCommand({
  name: "createCriterion",
  schema: createCriterionSchema,
  message: "Criterion added.",
  async handler({ tx, userId }, { teamId, featureId, ...content }) {
    await lockFeature(tx, teamId, featureId);
    const last = await tx.acceptanceCriterion.aggregate({ where: { featureId }, _max: { position: true } });
    const spec = await currentSpecRevision(tx, featureId);
    const criterion = await tx.acceptanceCriterion.create({
      data: { featureId, position: (last._max.position ?? 0) + 1, specRevisionNumber: spec?.number ?? null, ...content },
      select: { id: true },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.created",
      targetType: "criterion",
      targetId: criterion.id,
      after: { text: describeContent(content) },
    });
    return { teamId, featureId, criterionId: criterion.id };
  },
  revalidate: paths,
});

export const updateCriterion = defineCommand({
  name: "updateCriterion",
  schema: updateCriterionSchema,
  message: "Criterion saved.",
  async handler({ tx, userId }, { teamId, featureId, criterionId, version, ...content }) {
    await lockFeature(tx, teamId, featureId);
    const criterion = await findCriterion(tx, featureId, criterionId);
    if (criterion._count.verdicts > 0 || criterion.retiredAt) {
      throw new ActionError("conflict", "QA has already judged this criterion: retire it and write a new one instead.");
    }
    if (criterion.version !== version) {
      throw new ActionError("conflict", "Someone else edited this criterion just now. Reload to see their version.");
    }
    const spec = await currentSpecRevision(tx, featureId);
    await tx.acceptanceCriterion.update({
      where: { id: criterionId },
      data: { ...content, specRevisionNumber: spec?.number ?? null, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.edited",
      targetType: "criterion",
      targetId: criterionId,
      before: { text: describeContent(criterion) },
      after: { text: describeContent(content) },
    });
    return { teamId, featureId };
  },
  revalidate: paths,
});

export const removeCriterion = defineCommand({
  name: "removeCriterion",
  schema: removeCriterionSchema,
  message: "Criterion removed.",
  async handler({ tx, userId }, { teamId, featureId, criterionId }) {
    await lockFeature(tx, teamId, featureId);
    const criterion = await findCriterion(tx, featureId, criterionId);
    if (criterion._count.verdicts > 0) {
      throw new ActionError("conflict", "QA has already judged this criterion: retire it instead, so its history stays.");
    }
    await tx.acceptanceCriterion.delete({ where: { id: criterionId } });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.removed",
      targetType: "criterion",
      targetId: criterionId,
      before: { text: describeContent(criterion) },
    });
    return { teamId, featureId };
  },
  revalidate: paths,
});

export const retireCriterion = defineCommand({
  name: "retireCriterion",
  schema: retireCriterionSchema,
  message: "Criterion retired.",
  async handler({ tx, userId }, { teamId, featureId, criterionId, reason }) {
    await lockFeature(tx, teamId, featureId);
    const criterion = await findCriterion(tx, featureId, criterionId);
    if (criterion.retiredAt) throw new ActionError("conflict", "This criterion is already retired.");
    await tx.acceptanceCriterion.update({
      where: { id: criterionId },
      data: { retiredAt: new Date(), retiredReason: reason, version: { increment: 1 } },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.retired",
      targetType: "criterion",
      targetId: criterionId,
      before: { text: describeContent(criterion) },
      after: { reason },
    });
    return { teamId, featureId };
  },
  revalidate: paths,
});

export const moveCriterion = defineCommand({
  name: "moveCriterion",
  schema: moveCriterionSchema,
  async handler({ tx, userId }, { teamId, featureId, criterionId, direction }) {
    await lockFeature(tx, teamId, featureId);
    const criterion = await findCriterion(tx, featureId, criterionId);
    const neighbour = await tx.acceptanceCriterion.findFirst({
      where: {
        featureId,
        retiredAt: null,
        position: direction === "up" ? { lt: criterion.position } : { gt: criterion.position },
      },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return { teamId, featureId };
    // Swap positions (no unique index on position, so two updates suffice).
    await tx.acceptanceCriterion.update({ where: { id: criterion.id }, data: { position: neighbour.position } });
    await tx.acceptanceCriterion.update({ where: { id: neighbour.id }, data: { position: criterion.position } });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.moved",
      targetType: "criterion",
      targetId: criterionId,
      before: { position: criterion.position },
      after: { position: neighbour.position },
    });
    return { teamId, featureId };
  },
  revalidate: paths,
});

export const setCriterionVerdict = defineCommand({
  name: "setCriterionVerdict",
  schema: setCriterionVerdictSchema,
  message: "Verdict recorded.",
  async handler({ tx, userId }, { teamId, featureId, criterionId, verdict, note, evidenceUrl }) {
    // The feature lock orders concurrent verdicts: each is kept in the
    // history, and the criterion shows the one recorded last.
    await lockFeature(tx, teamId, featureId);
    const criterion = await findCriterion(tx, featureId, criterionId);
    if (criterion.retiredAt) throw new ActionError("conflict", "This criterion is retired.");
    const spec = await currentSpecRevision(tx, featureId);
    const now = new Date();
    await tx.criterionVerdict.create({
      data: { criterionId, verdict, note, evidenceUrl, userId, specRevisionId: spec?.id ?? null, createdAt: now },
    });
    await tx.acceptanceCriterion.update({
      where: { id: criterionId },
      data: { verdict, verdictAt: now, verdictSpecRevisionId: spec?.id ?? null },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "criterion.verdict_set",
      targetType: "criterion",
      targetId: criterionId,
      after: { verdict, note, text: describeContent(criterion) },
    });
    if (verdict === "FAILED") {
      await notifyCriterionFailed(tx, { teamId, featureId, criterion: describeContent(criterion), note, actorId: userId });
    }
    return { teamId, featureId };
  },
  revalidate: paths,
});

export const passCriteria = defineCommand({
  name: "passCriteria",
  schema: passCriteriaSchema,
  message: "Verdicts recorded.",
  async handler({ tx, userId }, { teamId, criterionIds, note, evidenceUrl }) {
    // The team in the WHERE: another team's criterion is as good as unknown.
    const found = await tx.acceptanceCriterion.findMany({
      where: { id: { in: criterionIds }, feature: { teamId } },
      select: { featureId: true },
    });
    if (found.length !== criterionIds.length) {
      throw new ActionError("not_found", "Some of those criteria no longer exist: reload the page and select again.");
    }
    // Features locked in id order, as every command that takes several does.
    const featureIds = [...new Set(found.map((c) => c.featureId))].sort();
    const specs = new Map<string, string | null>();
    for (const featureId of featureIds) {
      await lockFeature(tx, teamId, featureId);
      specs.set(featureId, (await currentSpecRevision(tx, featureId))?.id ?? null);
    }
    // Read again under the locks: what the verdicts and audit record.
    const criteria = await tx.acceptanceCriterion.findMany({
      where: { id: { in: criterionIds }, featureId: { in: featureIds } },
      select: { id: true, featureId: true, given: true, when: true, then: true, text: true, retiredAt: true },
      orderBy: [{ featureId: "asc" }, { position: "asc" }, { id: "asc" }],
    });
    if (criteria.length !== criterionIds.length) {
      throw new ActionError("not_found", "Some of those criteria no longer exist: reload the page and select again.");
    }
    if (criteria.some((c) => c.retiredAt)) {
      throw new ActionError("conflict", "Some of those criteria were retired meanwhile: reload the page and select again.");
    }
    const now = new Date();
    await tx.criterionVerdict.createMany({
      data: criteria.map((c) => ({
        criterionId: c.id,
        verdict: "PASSED" as const,
        note,
        evidenceUrl,
        userId,
        specRevisionId: specs.get(c.featureId) ?? null,
        createdAt: now,
      })),
    });
    for (const featureId of featureIds) {
      await tx.acceptanceCriterion.updateMany({
        where: { id: { in: criteria.filter((c) => c.featureId === featureId).map((c) => c.id) } },
        data: { verdict: "PASSED", verdictAt: now, verdictSpecRevisionId: specs.get(featureId) ?? null },
      });
    }
    await refreshFeatures(tx, teamId, featureIds);
    await recordAudits(
      tx,
      criteria.map((c) => ({
        teamId,
        featureId: c.featureId,
        actorId: userId,
        action: "criterion.verdict_set",
        targetType: "criterion",
        targetId: c.id,
        after: { verdict: "PASSED", note, text: describeContent(c) },
      })),
    );
    return { teamId, featureIds, count: criteria.length };
  },
  revalidate: ({ teamId, featureIds }) => [
    `/teams/${teamId}/qa`,
    `/teams/${teamId}`,
    ...featureIds.map((featureId) => `/teams/${teamId}/features/${featureId}`),
  ],
});
