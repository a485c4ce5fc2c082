import "server-only";
import { purgeDeadSessions } from "@/lib/auth/sessions";
import { purgeThrottleRows } from "@/lib/auth/throttle";
import { db } from "@/lib/db";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes per-attempt and per-link rows nobody can use any more: throttle
 * rows whose attempts all left the window, ended sessions, spent or expired
 * links, and delivered mail older than 30 days (its body is already erased).
 * Run hourly by the worker (graphile-worker's crontab, once across processes).
 */
export async function purgeIdentityRows(now = new Date()) {
  const [throttle, sessions, tokens, mail] = await Promise.all([
    purgeThrottleRows(),
    purgeDeadSessions(),
    db.userToken.deleteMany({
      where: { OR: [{ expiresAt: { lt: new Date(now.getTime() - DAY_MS) } }, { usedAt: { lt: new Date(now.getTime() - DAY_MS) } }] },
    }),
    db.outboxMessage.deleteMany({ where: { sentAt: { lt: new Date(now.getTime() - 30 * DAY_MS) } } }),
  ]);
  return { throttle, sessions, tokens: tokens.count, mail: mail.count };
}
