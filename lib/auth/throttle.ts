import "server-only";
import { db, type Db } from "@/lib/db";
import { env } from "@/lib/env";

// Password checks are limited per account and per client address over a
// sliding window. Each key's row holds the times of its attempts in the
// window. One INSERT … ON CONFLICT statement drops old times, checks the
// count and appends the new attempt under the row's lock, so no number of
// parallel requests or app processes can get past the limit: an attempt that
// is not reserved is never checked. Both keys are reserved in one statement
// and one transaction: if either is full, neither is used.

export type ThrottleLimits = { perAccount: number; perClient: number; windowSeconds: number };

export function throttleLimits(): ThrottleLimits {
  return {
    perAccount: env.SIGNIN_MAX_PER_ACCOUNT,
    perClient: env.SIGNIN_MAX_PER_CLIENT,
    windowSeconds: env.SIGNIN_WINDOW_MINUTES * 60,
  };
}

export type Reservation =
  | { ok: true; accountAttempts: number }
  | { ok: false; retryAt: Date };

const accountKey = (email: string) => `account:${email}`;
const clientKey = (address: string) => `client:${address}`;

class Full extends Error {}

/** Reserves one password check for this email from this client address. */
export async function reserveSignInAttempt(
  email: string,
  clientAddress: string,
  limits: ThrottleLimits = throttleLimits(),
  client: Db = db,
): Promise<Reservation> {
  const account = accountKey(email);
  const clientK = clientKey(clientAddress);
  const window = limits.windowSeconds;
  try {
    const rows = await client.$transaction(async (tx) => {
      // Keys in a fixed order ("account:" < "client:") so two statements
      // never wait on each other's rows the other way round.
      const reserved = await tx.$queryRaw<{ key: string; attempts: number }[]>`
        INSERT INTO "SignInThrottle" AS t (key, attempts, "updatedAt")
        VALUES (${account}, ARRAY[now()], now()), (${clientK}, ARRAY[now()], now())
        ON CONFLICT (key) DO UPDATE SET
          attempts = array_append(
            ARRAY(SELECT a FROM unnest(t.attempts) AS a WHERE a > now() - make_interval(secs => ${window})),
            now()),
          "updatedAt" = now()
        WHERE cardinality(ARRAY(
            SELECT a FROM unnest(t.attempts) AS a WHERE a > now() - make_interval(secs => ${window})))
          < CASE WHEN t.key = ${account} THEN ${limits.perAccount}::int ELSE ${limits.perClient}::int END
        RETURNING key, cardinality(attempts) AS attempts`;
      if (reserved.length < 2) throw new Full();
      return reserved;
    });
    return { ok: true, accountAttempts: rows.find((r) => r.key === account)?.attempts ?? 1 };
  } catch (error) {
    if (!(error instanceof Full)) throw error;
    return { ok: false, retryAt: await retryAt([account, clientK], limits, client) };
  }
}

// When the fuller of the two keys frees a slot: its oldest attempt that
// still counts, plus the window.
async function retryAt(keys: string[], limits: ThrottleLimits, client: Db): Promise<Date> {
  const window = limits.windowSeconds;
  const [row] = await client.$queryRaw<{ at: Date | null }[]>`
    SELECT max(oldest) + make_interval(secs => ${window}) AS at FROM (
      SELECT (SELECT min(a) FROM unnest(t.attempts) AS a
              WHERE a > now() - make_interval(secs => ${window})) AS oldest
      FROM "SignInThrottle" t
      WHERE t.key = ANY(${keys})
        AND cardinality(ARRAY(SELECT a FROM unnest(t.attempts) AS a
              WHERE a > now() - make_interval(secs => ${window})))
            >= CASE WHEN t.key LIKE 'account:%' THEN ${limits.perAccount}::int ELSE ${limits.perClient}::int END
    ) full_keys`;
  return row?.at ?? new Date(Date.now() + 1000);
}

/** The owner proved who they are (right password, or a reset link). */
export async function clearAccountAttempts(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}

/** Rows whose every attempt has left the window. */
export async function purgeThrottleRows(limits: ThrottleLimits = throttleLimits()): Promise<number> {
  const cutoff = new Date(Date.now() - limits.windowSeconds * 1000);
  const { count } = await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  return count;
}
