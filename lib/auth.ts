import "server-only";
import { cache } from "react";
import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentClient } from "@/lib/auth/client";
import {
  checkSession,
  createSession,
  revokeSession,
  sessionUserOfRequest,
  sessionUserSelect,
  SESSION_MAX_AGE_SECONDS,
} from "@/lib/auth/sessions";
import { authenticate } from "@/lib/auth/sign-in";
import { linkSsoAccount, oidcIssuer, ssoUserId, type SsoProfile } from "@/lib/auth/sso";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { safeRedirectUrl } from "@/lib/safe-redirect";

/** Thrown when a cookie names a session that was revoked or expired. */
class SessionEnded extends Error {
  constructor() {
    super("Session ended");
    this.name = "SessionEnded";
  }
}

function oidcProvider(): OAuthConfig<SsoProfile> | null {
  const issuer = oidcIssuer();
  if (!issuer || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    // The ID token is validated (issuer, audience, signature); the address and
    // whether it is verified come from the userinfo endpoint, since many
    // providers leave them out of the ID token. Both must name the same subject.
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    userinfo: {
      async request({ tokens, client }) {
        // With idToken set, next-auth hands over openid-client's validated TokenSet.
        const idClaims = (tokens as unknown as { claims(): Record<string, unknown> }).claims();
        if (!tokens.access_token) throw new Error("The provider sent no access token");
        const info = await client.userinfo(tokens.access_token);
        if (info.sub !== idClaims.sub) throw new Error("userinfo names another subject than the ID token");
        return { ...idClaims, ...info };
      },
    },
    profile(profile) {
      return { id: profile.sub, email: profile.email, name: profile.name ?? profile.email };
    },
  };
}

const sso = oidcProvider();
/** The single sign-on button's label, or null when none is configured. */
export const ssoName: string | null = sso ? env.OIDC_NAME : null;

export const authOptions: NextAuthOptions = {
  // Credentials sign-in makes next-auth use JWT cookies. The token carries the
  // user id and a server-side session token; every read checks the Session
  // row, so ending a session takes effect at once. Roles and membership are
  // read from the database per check, never from the cookie.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Named, not left to next-auth's fallback: getSession decrypts with it too.
  secret: env.NEXTAUTH_SECRET,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const outcome = await authenticate(credentials, await currentClient());
        if (outcome.ok) return { id: outcome.userId };
        // The form reads "throttled:<ISO time>" to say when to try again.
        if (outcome.reason === "throttled") throw new Error(`throttled:${outcome.retryAt.toISOString()}`);
        return null;
      },
    }),
    ...(sso ? [sso] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const linked = await linkSsoAccount(profile as SsoProfile | undefined);
      return linked ? true : "/sign-in?error=SsoEmailUnverified";
    },
    async jwt({ token, user, account }) {
      if (user) {
        // A fresh sign-in: start a server-side session.
        const userId = account?.provider === "oidc" ? await ssoUserId(account.providerAccountId) : user.id;
        if (!userId) throw new SessionEnded();
        const method = account?.provider === "oidc" ? "sso" : "password";
        return { sub: userId, sid: await createSession(userId, method, await currentClient()) };
      }
      if (!(await checkSession(token.sid, token.sub))) throw new SessionEnded();
      return { sub: token.sub, sid: token.sid };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub, sid: token.sid } } as typeof session;
    },
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    async signOut({ token }) {
      const live = await checkSession(token?.sid, token?.sub);
      if (live) await revokeSession(live.userId, live.sessionId, "user.signed_out");
    },
  },
  logger: {
    error(code, metadata) {
      // A revoked or expired session is an expected answer, not an error.
      const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (cause instanceof SessionEnded) return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      if (code !== "DEBUG_ENABLED") console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
};

export type CurrentSession = { userId: string; sessionId: string };

/** The signed-in user's id and session id, or null. Memoized per request. */
export const getSession = cache(async (): Promise<CurrentSession | null> => {
  // What getServerSession does for a page, minus re-encrypting the cookie it
  // cannot set from a server component: decrypt the JWT, then check its
  // server-side session (the jwt callback's check).
  const token = await sessionToken();
  const live = token ? await checkSession(token.sid, token.sub) : null;
  return live ? { userId: live.userId, sessionId: live.sessionId } : null;
});

/** The session cookie's claims, decrypted but not yet checked against its Session row. */
const sessionToken = cache(async () =>
  decode({ token: sessionCookie(await cookies()), secret: env.NEXTAUTH_SECRET ?? "" }).catch(() => null),
);

/**
 * The user id the cookie claims, before the session check: only to start a
 * read early, next to that check. Use the read only once getSession (or
 * requireUser) has confirmed the same id.
 */
export const claimedUserId = cache(async (): Promise<string | null> => {
  const sub = (await sessionToken())?.sub;
  return typeof sub === "string" ? sub : null;
});

// next-auth's cookie name, and its chunks (name.0, name.1, …) when a token outgrows one cookie.
const SESSION_COOKIE = env.NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";

function sessionCookie(jar: { getAll(): { name: string; value: string }[] }): string | undefined {
  const parts = jar
    .getAll()
    .filter((c) => c.name === SESSION_COOKIE || c.name.startsWith(`${SESSION_COOKIE}.`))
    .sort((a, b) => Number(a.name.split(".").pop()) - Number(b.name.split(".").pop()));
  return parts.length ? parts.map((c) => c.value).join("") : undefined;
}

/** The signed-in user's id, or null. */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  return (await getSession())?.userId ?? null;
});

/** The signed-in user, read from the database; null without a live account. */
export const getCurrentUser = cache(async () => {
  const userId = await getSessionUserId();
  if (!userId) return null;
  // Usually read already, with the session check of this request.
  const seen = sessionUserOfRequest().user;
  const user =
    seen?.id === userId ? seen : await db.user.findUnique({ where: { id: userId }, select: sessionUserSelect });
  return user ? { ...omitHash(user), hasPassword: user.passwordHash !== null } : null;
});

function omitHash<T extends { passwordHash: unknown }>(user: T): Omit<T, "passwordHash"> {
  const { passwordHash: _hash, ...rest } = user;
  void _hash;
  return rest;
}

/** Like getCurrentUser, but redirects to sign-in instead of returning null. */
export const requireUser = cache(async () => {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
});

/**
 * A signed-in user whose address is verified: everything about teams needs
 * one. An unverified account is sent to "check your mail".
 */
export const requireVerifiedUser = cache(async () => {
  const user = await requireUser();
  if (!user.emailVerifiedAt) redirect("/verify-email");
  return user;
});
