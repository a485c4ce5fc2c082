import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

// The one-click unsubscribe link of notification mail: who (user id) and
// which kinds, signed with a key derived from NEXTAUTH_SECRET. It needs no
// sign-in and does not expire (an old mail's link should still work), and it
// can only ever turn mail off, for the person it was made for. Changing any
// character of it voids the signature.

const DEV_SECRET = "liftoff-development-unsubscribe-secret";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  if (cachedKey) return cachedKey;
  const secret = env.NEXTAUTH_SECRET;
  if (!secret && env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set in production: it signs unsubscribe links.");
  }
  cachedKey = Buffer.from(hkdfSync("sha256", secret ?? DEV_SECRET, "", "liftoff unsubscribe token v1", 32));
  return cachedKey;
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest();

export type UnsubscribeGrant = { userId: string; kinds: NotificationKind[] };

export function signUnsubscribeToken({ userId, kinds }: UnsubscribeGrant): string {
  const payload = `${userId}:${[...new Set(kinds)].join(",")}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(payload).toString("base64url")}`;
}

const grantSchema = z.object({
  userId: z.uuid(),
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).min(1),
});

/** The grant a token carries, or null for anything not signed by us. */
export function verifyUnsubscribeToken(token: string): UnsubscribeGrant | null {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const payload = Buffer.from(match[1]!, "base64url").toString("utf8");
  const given = Buffer.from(match[2]!, "base64url");
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, kinds] = payload.split(":");
  const parsed = grantSchema.safeParse({ userId, kinds: kinds?.split(",") ?? [] });
  return parsed.success ? parsed.data : null;
}
