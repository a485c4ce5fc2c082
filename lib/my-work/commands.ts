import "server-only";
import { defineCommand } from "@/lib/actions/command";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import {
  dismissInboxItemSchema,
  featureOfKey,
  markInboxSeenSchema,
  restoreInboxItemSchema,
  SNOOZE_CHOICES,
} from "@/lib/my-work/schemas";

// What a person does with their inbox (seen, done, snoozed) is their own
// bookkeeping, not a change to the team's work: no audit event, no live
// event, nobody else sees it.

const myWork = (teamId: string) => `/teams/${teamId}/my-work`;

/** The keys' features, each checked to be the team's (another team's is "not found"). */
async function requireFeatures(tx: Tx, teamId: string, keys: string[]) {
  const ids = [...new Set(keys.map(featureOfKey))];
  const found = await tx.feature.count({ where: { id: { in: ids }, teamId } });
  if (found !== ids.length) throw new ActionError("not_found", "That feature no longer exists.");
}

export const dismissInboxItem = defineCommand({
  name: "dismissInboxItem",
  schema: dismissInboxItemSchema,
  live: false,
  async handler({ tx, userId }, { teamId, key, snooze }) {
    await requireFeatures(tx, teamId, [key]);
    const now = new Date();
    const mark =
      snooze === "done"
        ? { doneAt: now, snoozedUntil: null }
        : { doneAt: null, snoozedUntil: new Date(now.getTime() + SNOOZE_CHOICES[snooze].ms) };
    await tx.inboxMark.upsert({
      where: { userId_key: { userId: userId!, key } },
      create: { userId: userId!, key, featureId: featureOfKey(key), seenAt: now, ...mark },
      update: { ...mark, seenAt: now },
    });
    return { teamId, key, snoozedUntil: mark.snoozedUntil };
  },
  revalidate: ({ teamId }) => [myWork(teamId)],
});

export const restoreInboxItem = defineCommand({
  name: "restoreInboxItem",
  schema: restoreInboxItemSchema,
  live: false,
  message: "Back in your inbox.",
  async handler({ tx, userId }, { teamId, key }) {
    await requireFeatures(tx, teamId, [key]);
    await tx.inboxMark.updateMany({ where: { userId: userId!, key }, data: { doneAt: null, snoozedUntil: null } });
    return { teamId, key };
  },
  revalidate: ({ teamId }) => [myWork(teamId)],
});

/**
 * The items My work has just shown: no longer counted as new. No
 * revalidation: the page keeps saying which items were new on this visit.
 */
export const markInboxSeen = defineCommand({
  name: "markInboxSeen",
  schema: markInboxSeenSchema,
  live: false,
  async handler({ tx, userId }, { teamId, key: keys }) {
    await requireFeatures(tx, teamId, keys);
    const now = new Date();
    await tx.inboxMark.createMany({
      data: keys.map((key) => ({ userId: userId!, key, featureId: featureOfKey(key), seenAt: now })),
      skipDuplicates: true,
    });
    await tx.inboxMark.updateMany({ where: { userId: userId!, key: { in: keys }, seenAt: null }, data: { seenAt: now } });
    return { teamId, seen: keys.length };
  },
});
