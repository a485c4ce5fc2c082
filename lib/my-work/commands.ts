import "server-only";
import { defineCommand } from "@/lib/actions/command";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { dismissInboxItemSchema, restoreInboxItemSchema, SNOOZE_CHOICES } from "@/lib/my-work/schemas";

// Marking an inbox item done or snoozing it is the person's own bookkeeping,
// not a change to the team's work: no audit event, nobody else sees it.

const myWork = (teamId: string) => `/teams/${teamId}/my-work`;

async function requireFeature(tx: Tx, teamId: string, featureId: string) {
  // Team in the WHERE: another team's feature matches nothing.
  const feature = await tx.feature.findFirst({ where: { id: featureId, teamId }, select: { id: true } });
  if (!feature) throw new ActionError("not_found", "That feature no longer exists.");
}

export const dismissInboxItem = defineCommand({
  name: "dismissInboxItem",
  schema: dismissInboxItemSchema,
  // Nobody else's page shows it: no live event for the team.
  live: false,
  async handler({ tx, userId }, { teamId, featureId, key, snooze }) {
    await requireFeature(tx, teamId, featureId);
    const until = snooze === "done" ? null : new Date(Date.now() + SNOOZE_CHOICES[snooze].ms);
    await tx.inboxDismissal.upsert({
      where: { userId_key: { userId: userId!, key } },
      create: { userId: userId!, key, featureId, until },
      update: { until, featureId },
    });
    return { teamId, key, until };
  },
  revalidate: ({ teamId }) => [myWork(teamId)],
});

export const restoreInboxItem = defineCommand({
  name: "restoreInboxItem",
  schema: restoreInboxItemSchema,
  live: false,
  message: "Back in your inbox.",
  async handler({ tx, userId }, { teamId, featureId, key }) {
    await requireFeature(tx, teamId, featureId);
    await tx.inboxDismissal.deleteMany({ where: { userId: userId!, key, featureId } });
    return { teamId, key };
  },
  revalidate: ({ teamId }) => [myWork(teamId)],
});
