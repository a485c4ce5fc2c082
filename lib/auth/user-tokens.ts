import "server-only";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { formatToken, issueSecret, parseToken, secretMatches } from "@/lib/auth/tokens";
import type { Tx } from "@/lib/db";

// Verification and password-reset links: single use, expiring, the secret
// stored hashed. Consuming is one conditional UPDATE, so two clicks racing
// on the same link cannot both succeed.

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  VERIFY_EMAIL: 48 * 60 * 60 * 1000,
  RESET_PASSWORD: 60 * 60 * 1000,
};

export async function issueUserToken(
  tx: Tx,
  input: { userId: string; email: string; purpose: TokenPurpose },
): Promise<{ token: string; expiresAt: Date }> {
  const { secret, secretHash } = issueSecret();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS[input.purpose]);
  const row = await tx.userToken.create({
    data: { userId: input.userId, email: input.email, purpose: input.purpose, secretHash, expiresAt },
    select: { id: true },
  });
  return { token: formatToken(row.id, secret), expiresAt };
}

/** The still-usable token's user and address, without using it up. */
export async function peekUserToken(tx: Tx, token: unknown, purpose: TokenPurpose) {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await tx.userToken.findUnique({
    where: { id: parsed.id },
    select: { id: true, userId: true, email: true, purpose: true, secretHash: true, expiresAt: true, usedAt: true },
  });
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  if (row.purpose !== purpose || row.usedAt || row.expiresAt <= new Date()) return null;
  return { id: row.id, userId: row.userId, email: row.email };
}

/** Uses the token up; null when it is unknown, used, expired or for another purpose. */
export async function consumeUserToken(tx: Tx, token: unknown, purpose: TokenPurpose) {
  const found = await peekUserToken(tx, token, purpose);
  if (!found) return null;
  const { count } = await tx.userToken.updateMany({
    where: { id: found.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? found : null;
}

/** How many links of this kind the user was sent in the last hour. */
export function recentTokenCount(tx: Tx, userId: string, purpose: TokenPurpose) {
  return tx.userToken.count({
    where: { userId, purpose, createdAt: { gt: new Date(Date.now() - 60 * 60 * 1000) } },
  });
}
