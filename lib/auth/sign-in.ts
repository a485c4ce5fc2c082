import "server-only";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/users/schemas";
import { verifyPassword } from "@/lib/auth/password";
import { clearFailedSignIns, getLockedUntil, recordFailedSignIn } from "@/lib/auth/throttle";
import { acceptPendingInvitations } from "@/lib/teams/invitations";

export type SignInOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks an email and password. Says only "invalid" (never which part was
 * wrong) and throttles repeated failures per email. On success, pending
 * invitations for that email turn into memberships.
 */
export async function authenticate(credentials: unknown): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  if (await getLockedUntil(email)) return { ok: false, reason: "throttled" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    await recordFailedSignIn(email);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedSignIns(email);
  await db.$transaction((tx) => acceptPendingInvitations(tx, user));
  return { ok: true, userId: user.id };
}
