import "server-only";
import { db } from "@/lib/db";

// Failed sign-ins per email (known or not, so throttling reveals nothing).
// After MAX_FAILURES within WINDOW the email is locked for LOCK; the counter
// is one row in Postgres updated atomically, so every app process agrees.
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

/** When the email is locked, the time it unlocks; otherwise null. */
export async function getLockedUntil(email: string): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({
    where: { email },
    select: { lockedUntil: true },
  });
  return row?.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null;
}

export async function recordFailedSignIn(email: string): Promise<void> {
  const windowSeconds = WINDOW_MS / 1000;
  const lockSeconds = LOCK_MS / 1000;
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" (email, failures, "windowStart")
    VALUES (${email}, 1, now())
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE
        WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${windowSeconds})
          THEN 1
        ELSE "LoginThrottle".failures + 1 END,
      "windowStart" = CASE
        WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${windowSeconds})
          THEN now()
        ELSE "LoginThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN "LoginThrottle"."windowStart" >= now() - make_interval(secs => ${windowSeconds})
          AND "LoginThrottle".failures + 1 >= ${MAX_FAILURES}
          THEN now() + make_interval(secs => ${lockSeconds})
        ELSE "LoginThrottle"."lockedUntil" END`;
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { email } });
}
