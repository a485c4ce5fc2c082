import "server-only";
import { db } from "@/lib/db";
import { effectivePreferences } from "@/lib/notifications/kinds";

/** Each kind's delivery for the person: their choice, or the default. */
export async function getNotificationPreferences(userId: string) {
  return effectivePreferences(await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } }));
}
