import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { refreshFeatures, refreshTeam } from "@/lib/gates/summary";
import { setReadinessBarSchema, setReadinessItemSchema } from "@/lib/readiness/schemas";

export const setReadinessItem = defineCommand({
  name: "setReadinessItem",
  schema: setReadinessItemSchema,
  message: "Checklist item saved.",
  async handler({ tx, userId }, { teamId, featureId, code, version, ...fields }) {
    await lockFeature(tx, teamId, featureId);
    let ownerName: string | null = null;
    if (fields.ownerId) {
      const owner = await tx.membership.findUnique({
        where: { teamId_userId: { teamId, userId: fields.ownerId } },
        select: { user: { select: { name: true } } },
      });
      if (!owner) throw new ActionError("invalid", "Pick a team member.", { ownerId: ["Pick a member of this team."] });
      ownerName = owner.user.name;
    }
    const current = await tx.readinessItem.findUnique({
      where: { featureId_code: { featureId, code } },
      select: {
        id: true,
        version: true,
        halves: true,
        notApplicable: true,
        naReason: true,
        note: true,
        evidenceUrl: true,
        ownerId: true,
        owner: { select: { name: true } },
      },
    });
    if ((current?.version ?? 0) !== version) {
      throw new ActionError("conflict", "Someone else saved this item just now. Reload to see their change, then save again.");
    }
    // A not-applicable item carries no score.
    const data = fields.notApplicable ? { ...fields, halves: 0 } : { ...fields, naReason: null };
    const saved = await tx.readinessItem.upsert({
      where: { featureId_code: { featureId, code } },
      create: { featureId, code, ...data },
      update: { ...data, version: { increment: 1 } },
      select: { id: true },
    });
    await refreshFeatures(tx, teamId, [featureId]);
    // An owner change is its own event; the score event is for everything else
    // (and for a save that changes nothing, so every save is on record).
    const ownerChanged = (current?.ownerId ?? null) !== data.ownerId;
    const scoreChanged =
      !current ||
      (["halves", "notApplicable", "naReason", "note", "evidenceUrl"] as const).some((key) => current[key] !== data[key]);
    if (scoreChanged || !ownerChanged) {
      await recordAudit(tx, {
        teamId,
        featureId,
        actorId: userId,
        action: "readiness.item_set",
        targetType: "readiness_item",
        targetId: saved.id,
        before: current ? { code, score: current.halves / 2, notApplicable: current.notApplicable } : null,
        after: { code, score: data.halves / 2, notApplicable: data.notApplicable },
      });
    }
    if (ownerChanged) {
      await recordAudit(tx, {
        teamId,
        featureId,
        actorId: userId,
        action: "readiness.owner_changed",
        targetType: "readiness_item",
        targetId: saved.id,
        before: { code, ownerId: current?.ownerId ?? null, owner: current?.owner?.name ?? null },
        after: { code, ownerId: data.ownerId, owner: ownerName },
      });
    }
    return { teamId, featureId };
  },
  revalidate: ({ teamId, featureId }) => [
    `/teams/${teamId}/features/${featureId}`,
    `/teams/${teamId}/features/${featureId}/readiness`,
    `/teams/${teamId}`,
  ],
});

export const setReadinessBar = defineCommand({
  name: "setReadinessBar",
  schema: setReadinessBarSchema,
  message: "Readiness bar saved.",
  // The team row first, then the features whose sign-offs the bar voids.
  lockTeam: true,
  async handler({ tx, userId }, { teamId, bar }) {
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { readinessBar: true } });
    await tx.team.update({ where: { id: teamId }, data: { readinessBar: bar } });
    // Validation sign-offs vouched for the old bar.
    await refreshTeam(tx, teamId);
    await recordAudit(tx, {
      teamId,
      actorId: userId,
      action: "gate.readiness_bar_changed",
      targetType: "team",
      targetId: teamId,
      before: { bar: team.readinessBar },
      after: { bar },
    });
    return { teamId };
  },
  revalidate: ({ teamId }) => [`/teams/${teamId}/settings`, `/teams/${teamId}`],
});
