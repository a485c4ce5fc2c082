import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordIdentityEvent } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { effectivePreferences, kindName, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from "@/lib/notifications/kinds";
import { saveNotificationPreferencesSchema, unsubscribeSchema } from "@/lib/notifications/schemas";
import { verifyUnsubscribeToken } from "@/lib/notifications/token";

async function setPreferences(tx: Tx, userId: string, choices: Partial<Record<NotificationKind, NotificationDelivery>>) {
  const entries = Object.entries(choices) as [NotificationKind, NotificationDelivery][];
  // One statement: every kind at once, so two saves cannot interleave half-way.
  await tx.$executeRaw`
    INSERT INTO "NotificationPreference" ("userId", kind, delivery, "updatedAt")
    SELECT ${userId}::uuid, c.kind::"NotificationKind", c.delivery::"NotificationDelivery", now()
    FROM unnest(${entries.map(([kind]) => kind)}::text[], ${entries.map(([, delivery]) => delivery)}::text[]) AS c(kind, delivery)
    ON CONFLICT ("userId", kind) DO UPDATE SET delivery = EXCLUDED.delivery, "updatedAt" = now()`;
}

async function currentPreferences(tx: Tx, userId: string) {
  return effectivePreferences(await tx.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } }));
}

export const saveNotificationPreferences = defineCommand({
  name: "saveNotificationPreferences",
  schema: saveNotificationPreferencesSchema,
  message: "Notification settings saved.",
  async handler({ tx, userId }, input) {
    const before = await currentPreferences(tx, userId!);
    const changed = NOTIFICATION_KINDS.filter((kind) => before[kind] !== input[kind]);
    if (changed.length === 0) return { changed: 0 };
    await setPreferences(tx, userId!, Object.fromEntries(changed.map((kind) => [kind, input[kind]])));
    await recordIdentityEvent(tx, {
      userId: userId!,
      action: "user.notifications_changed",
      before: Object.fromEntries(changed.map((kind) => [kind, before[kind]])),
      after: Object.fromEntries(changed.map((kind) => [kind, input[kind]])),
    });
    return { changed: changed.length };
  },
  revalidate: () => ["/account"],
});

/**
 * Turns off the kinds a signed unsubscribe link names, for the person it was
 * made for, signed in or not (and whoever is signed in: the link, not the
 * session, says whose mail it is).
 */
export const unsubscribe = defineCommand({
  name: "unsubscribe",
  schema: unsubscribeSchema,
  async handler({ tx }, { token }) {
    const grant = verifyUnsubscribeToken(token);
    const user = grant ? await tx.user.findUnique({ where: { id: grant.userId }, select: { id: true, email: true } }) : null;
    if (!grant || !user) {
      throw new ActionError("invalid", "This unsubscribe link is not valid. Change your notification settings on your account page instead.");
    }
    const before = await currentPreferences(tx, user.id);
    const changed = grant.kinds.filter((kind) => before[kind] !== "OFF");
    if (changed.length) {
      await setPreferences(tx, user.id, Object.fromEntries(changed.map((kind) => [kind, "OFF" as const])));
      await recordIdentityEvent(tx, {
        userId: user.id,
        actorId: null,
        action: "user.unsubscribed",
        before: Object.fromEntries(changed.map((kind) => [kind, before[kind]])),
        after: Object.fromEntries(changed.map((kind) => [kind, "OFF"])),
      });
    }
    return { email: user.email, kinds: grant.kinds.map(kindName) };
  },
  revalidate: () => ["/account"],
});
