import "server-only";
import { recordIdentityEvent } from "@/lib/audit";
import type { ClientInfo } from "@/lib/auth/client";
import { verifyPassword } from "@/lib/auth/password";
import { clearAccountAttempts, reserveSignInAttempt, throttleLimits } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/users/schemas";

export type SignInOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/**
 * Checks an email and password. Says only "invalid" (never which part was
 * wrong). Each check is reserved first against the per-account and
 * per-client limits, so a refused attempt never reaches the password.
 * Signing in joins no team: invitations are accepted only through their link.
 */
export async function authenticate(credentials: unknown, client: ClientInfo): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const limits = throttleLimits();
  const reservation = await reserveSignInAttempt(email, client.address, limits);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAt: reservation.retryAt };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    // The failure that fills the account's window is the burst worth recording.
    if (user && reservation.accountAttempts === limits.perAccount) {
      await recordIdentityEvent(db, {
        userId: user.id,
        actorId: null,
        action: "user.sign_in_failed_burst",
        after: { attempts: limits.perAccount, ip: client.address },
      });
    }
    return { ok: false, reason: "invalid" };
  }
  await clearAccountAttempts(email);
  return { ok: true, userId: user.id };
}
