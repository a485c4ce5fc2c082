import "server-only";
import { randomUUID } from "node:crypto";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { refreshFeatures } from "@/lib/gates/summary";
import { notifySpecReviewed, notifySpecReviewRequested } from "@/lib/notifications/record";
import { readCriteria, specGaps } from "@/lib/specs/completeness";
import { requestSpecReviewSchema, reviewSpecSchema, saveSpecSchema } from "@/lib/specs/schemas";

const specPaths = ({ teamId, featureId }: { teamId: string; featureId: string }) => [
  `/teams/${teamId}/features/${featureId}`,
  `/teams/${teamId}/features/${featureId}/spec`,
  `/teams/${teamId}`,
];

async function latestRevision(tx: Tx, featureId: string) {
  return tx.specRevision.findFirst({
    where: { featureId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      status: true,
      authorId: true,
      problem: true,
      customerContext: true,
      constraints: true,
      successCriteria: true,
      author: { select: { name: true } },
    },
  });
}

export const saveSpec = defineCommand({
  name: "saveSpec",
  schema: saveSpecSchema,
  message: "Spec saved.",
  async handler({ tx, userId }, { teamId, featureId, baseRevision, successCriteria, ...sections }) {
    await lockFeature(tx, teamId, featureId);
    const latest = await latestRevision(tx, featureId);
    const latestNumber = latest?.number ?? 0;
    if (latestNumber !== baseRevision) {
      throw new ActionError(
        "conflict",
        `${latest?.author?.name ?? "Someone"} saved revision ${latestNumber} while you were editing, so your save was not applied: ` +
          "it is merged with theirs first.",
      );
    }
    // Criteria keep their key across revisions; new rows get one.
    const known = new Set(readCriteria(latest?.successCriteria).map((c) => c.key));
    const criteria = successCriteria.map((c) => ({ ...c, key: known.has(c.key) ? c.key : randomUUID() }));
    const revision = await tx.specRevision.create({
      data: { featureId, number: latestNumber + 1, authorId: userId, successCriteria: criteria, ...sections },
      select: { id: true, number: true },
    });
    // Only the latest revision is reviewed: a request for an older one is settled.
    const superseded = await tx.specRevision.findMany({
      where: { featureId, status: "IN_REVIEW", number: { lt: revision.number } },
      select: { id: true, number: true },
      orderBy: { number: "asc" },
    });
    if (superseded.length) {
      await tx.specRevision.updateMany({ where: { id: { in: superseded.map((r) => r.id) } }, data: { status: "SUPERSEDED" } });
    }
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "spec.saved",
      targetType: "spec_revision",
      targetId: revision.id,
      before: latest ? { revision: latestNumber } : null,
      after: superseded.length
        ? { revision: revision.number, superseded: superseded.map((r) => r.number) }
        : { revision: revision.number },
    });
    return { teamId, featureId, revision: revision.number };
  },
  revalidate: specPaths,
});

export const requestSpecReview = defineCommand({
  name: "requestSpecReview",
  schema: requestSpecReviewSchema,
  message: "Review requested.",
  async handler({ tx, userId }, { teamId, featureId, revision }) {
    await lockFeature(tx, teamId, featureId);
    const latest = await latestRevision(tx, featureId);
    if (!latest || latest.number !== revision) {
      throw new ActionError("conflict", "Only the latest revision can be reviewed: reload to see it.");
    }
    if (latest.status === "IN_REVIEW" || latest.status === "APPROVED") {
      throw new ActionError("conflict", `Revision ${revision} is already ${latest.status === "APPROVED" ? "approved" : "in review"}.`);
    }
    // A reviewer's time goes to a spec that says everything the gate asks for.
    const gaps = specGaps({ ...latest, successCriteria: readCriteria(latest.successCriteria) });
    if (gaps.length) {
      throw new ActionError(
        "invalid",
        `Revision ${revision} cannot go to review yet: it is missing ${gaps.map((g) => g.missing).join(", ")}.`,
        Object.fromEntries(gaps.map((g) => [g.field, [g.message]])),
      );
    }
    await tx.specRevision.update({ where: { id: latest.id }, data: { status: "IN_REVIEW" } });
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "spec.review_requested",
      targetType: "spec_revision",
      targetId: latest.id,
      after: { revision },
    });
    await notifySpecReviewRequested(tx, { teamId, featureId, revision, authorId: latest.authorId, actorId: userId });
    return { teamId, featureId };
  },
  revalidate: specPaths,
});

export const reviewSpec = defineCommand({
  name: "reviewSpec",
  schema: reviewSpecSchema,
  async handler({ tx, userId }, { teamId, featureId, revision, decision, comment }) {
    await lockFeature(tx, teamId, featureId);
    const target = await tx.specRevision.findUnique({
      where: { featureId_number: { featureId, number: revision } },
      select: { id: true, status: true, authorId: true },
    });
    if (!target) throw new ActionError("not_found", "That revision does not exist.");
    // A reviewer on a stale page must not move the approved spec backwards.
    const latest = await latestRevision(tx, featureId);
    if (latest && latest.number !== revision) {
      throw new ActionError(
        "conflict",
        `Revision ${latest.number} was saved after revision ${revision}: only the latest revision can be reviewed. Reload to see it.`,
      );
    }
    if (target.status !== "IN_REVIEW") throw new ActionError("conflict", `Revision ${revision} is not waiting for review.`);
    if (target.authorId === userId) {
      throw new ActionError("forbidden", "Another product manager or the team lead reviews a revision, not its author.");
    }
    await tx.specRevision.update({ where: { id: target.id }, data: { status: decision } });
    await tx.specReview.create({ data: { revisionId: target.id, reviewerId: userId, decision, comment } });
    if (decision === "APPROVED") {
      await tx.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: target.id } });
      // Sign-offs given against the earlier approved spec no longer hold.
      await refreshFeatures(tx, teamId, [featureId]);
    }
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: decision === "APPROVED" ? "spec.approved" : "spec.changes_requested",
      targetType: "spec_revision",
      targetId: target.id,
      after: comment ? { revision, comment } : { revision },
    });
    await notifySpecReviewed(tx, { teamId, featureId, revision, decision, comment, authorId: target.authorId, actorId: userId });
    return { teamId, featureId };
  },
  revalidate: specPaths,
});
