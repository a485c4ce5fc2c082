import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit, recordAudits, type AuditInput } from "@/lib/audit";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { refreshFeatures, refreshTeam } from "@/lib/gates/summary";
import { saveReadinessItemsSchema, setReadinessBarSchema, setReadinessItemSchema } from "@/lib/readiness/schemas";

/** What a save compares and audits of an item as it stands. */
const currentItemSelect = {
  id: true,
  version: true,
  halves: true,
  notApplicable: true,
  naReason: true,
  note: true,
  evidenceUrl: true,
  ownerId: true,
  owner: { select: { name: true } },
} as const;

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
      select: currentItemSelect,
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

export const saveReadinessItems = defineCommand({
  name: "saveReadinessItems",
  schema: saveReadinessItemsSchema,
  message: "Checklist saved.",
  async handler({ tx, userId }, { teamId, featureId, items }) {
    await lockFeature(tx, teamId, featureId);
    const ownerIds = [...new Set(items.map((i) => i.ownerId).filter((id): id is string => id !== null))];
    const owners = new Map(
      (
        await tx.membership.findMany({
          where: { teamId, userId: { in: ownerIds } },
          select: { userId: true, user: { select: { name: true } } },
        })
      ).map((m) => [m.userId, m.user.name]),
    );
    const strangers = items.filter((i) => i.ownerId && !owners.has(i.ownerId));
    if (strangers.length) {
      throw new ActionError(
        "invalid",
        "Pick a team member.",
        Object.fromEntries(strangers.map((i) => [`${i.code}.ownerId`, ["Pick a member of this team."]])),
      );
    }
    const current = new Map(
      (
        await tx.readinessItem.findMany({
          where: { featureId, code: { in: items.map((i) => i.code) } },
          select: { ...currentItemSelect, code: true },
        })
      ).map((c) => [c.code, c]),
    );
    const stale = items.filter((i) => (current.get(i.code)?.version ?? 0) !== i.version).map((i) => i.code);
    if (stale.length) {
      const list = stale.length === 1 ? stale[0] : `${stale.slice(0, -1).join(", ")} and ${stale.at(-1)}`;
      throw new ActionError("conflict", `Someone else saved ${list} just now. Reload to see their changes, then save again.`);
    }
    const events: AuditInput[] = [];
    for (const item of items) {
      const { code, halves, notApplicable, naReason, note, evidenceUrl, ownerId } = item;
      const fields = { halves, notApplicable, naReason, note, evidenceUrl, ownerId };
      const before = current.get(code);
      // A not-applicable item carries no score.
      const data = fields.notApplicable ? { ...fields, halves: 0 } : { ...fields, naReason: null };
      const ownerChanged = (before?.ownerId ?? null) !== data.ownerId;
      // A never-saved item reads as not done, unowned, with nothing written.
      const was = before ?? { halves: 0, notApplicable: false, naReason: null, note: null, evidenceUrl: null };
      const scoreChanged = (["halves", "notApplicable", "naReason", "note", "evidenceUrl"] as const).some((key) => was[key] !== data[key]);
      if (!ownerChanged && !scoreChanged) continue;
      const saved = await tx.readinessItem.upsert({
        where: { featureId_code: { featureId, code } },
        create: { featureId, code, ...data },
        update: { ...data, version: { increment: 1 } },
        select: { id: true },
      });
      const event = { teamId, featureId, actorId: userId, targetType: "readiness_item", targetId: saved.id };
      if (scoreChanged) {
        events.push({
          ...event,
          action: "readiness.item_set",
          before: before ? { code, score: before.halves / 2, notApplicable: before.notApplicable } : null,
          after: { code, score: data.halves / 2, notApplicable: data.notApplicable },
        });
      }
      if (ownerChanged) {
        events.push({
          ...event,
          action: "readiness.owner_changed",
          before: { code, ownerId: before?.ownerId ?? null, owner: before?.owner?.name ?? null },
          after: { code, ownerId: data.ownerId, owner: data.ownerId ? owners.get(data.ownerId)! : null },
        });
      }
    }
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudits(tx, events);
    return { teamId, featureId, changed: new Set(events.map((e) => e.targetId)).size };
  },
  revalidate: ({ teamId, featureId }) => [
    `/teams/${teamId}/features/${featureId}`,
    `/teams/${teamId}/features/${featureId}/readiness`,
    `/teams/${teamId}`,
  ],
});
