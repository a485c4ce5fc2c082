import "server-only";
import { cache } from "react";
import { recordIdentityEvent } from "@/lib/audit";
import type { ClientInfo } from "@/lib/auth/client";
import { formatToken, issueSecret, parseToken, secretMatches } from "@/lib/auth/tokens";
import { db, type Tx } from "@/lib/db";

// Server-side sessions. next-auth's JWT cookie carries the session token
// ("<id>.<secret>") next to the user id; every request checks the Session row,
// so sign-out, "sign out everywhere" and a password change take effect on the
// very next request in every app process.

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
// lastSeenAt is a hint for the sessions list: refreshed at most this often so
// page views do not each write.
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

export type SessionMethod = "password" | "sso";

export async function createSession(
  userId: string,
  method: SessionMethod,
  client: ClientInfo,
  tx: Tx | typeof db = db,
): Promise<string> {
  const { secret, secretHash } = issueSecret();
  const session = await tx.session.create({
    data: {
      userId,
      method,
      secretHash,
      ip: client.address,
      userAgent: client.userAgent,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  await recordIdentityEvent(tx, {
    userId,
    action: "user.signed_in",
    after: { method, sessionId: session.id, ip: client.address },
  });
  return formatToken(session.id, secret);
}

/** What the app reads of the signed-in user. */
export const sessionUserSelect = { id: true, name: true, email: true, emailVerifiedAt: true, passwordHash: true } as const;
export type SessionUser = { id: string; name: string; email: string; emailVerifiedAt: Date | null; passwordHash: string | null };

/**
 * The user row read with this request's session check: React's cache makes it
 * one slot per server request (outside a request, a fresh empty one).
 */
export const sessionUserOfRequest = cache((): { user?: SessionUser } => ({}));

/** The live session behind a token, or null (unknown, revoked, expired, or not this user's). */
export async function checkSession(
  token: unknown,
  userId: unknown,
): Promise<{ sessionId: string; userId: string } | null> {
  const parsed = parseToken(token);
  if (!parsed || typeof userId !== "string") return null;
  // The user comes along, so the request's pages need not read it again.
  const session = await db.session.findUnique({
    where: { id: parsed.id },
    select: {
      userId: true,
      secretHash: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      user: { select: sessionUserSelect },
    },
  });
  if (!session || !secretMatches(parsed.secret, session.secretHash)) return null;
  const now = Date.now();
  if (session.revokedAt || session.expiresAt.getTime() <= now || session.userId !== userId) return null;
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db.session.updateMany({ where: { id: parsed.id }, data: { lastSeenAt: new Date(now) } });
  }
  sessionUserOfRequest().user = session.user;
  return { sessionId: parsed.id, userId: session.userId };
}

/** Ends one session of a user (sign-out, or "sign out" in the sessions list). */
export async function revokeSession(
  userId: string,
  sessionId: string,
  action: "user.signed_out" | "user.session_revoked",
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) await recordIdentityEvent(tx, { userId, action, after: { sessionId } });
    return count > 0;
  });
}

/** Ends every session of a user but `exceptSessionId`; returns how many. */
export async function revokeOtherSessions(tx: Tx, userId: string, exceptSessionId: string | null): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** The user's live sessions, most recently seen first. */
export function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, method: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
  });
}

/** Sessions and tokens nobody can use any more. */
export async function purgeDeadSessions(): Promise<number> {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const { count } = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: new Date() } }, { revokedAt: { lt: weekAgo } }] },
  });
  return count;
}
