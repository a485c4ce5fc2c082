import "server-only";
import { cache } from "react";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";

export const SIGN_IN_ERRORS = {
  invalid: "Email or password is wrong.",
  throttled: "Too many failed attempts. Wait 15 minutes, then try again.",
} as const;

export const authOptions: NextAuthOptions = {
  // Email + password makes next-auth use JWT sessions. The token carries the
  // user id only; roles and membership are read from the database per check.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const outcome = await authenticate(credentials);
        if (outcome.ok) return { id: outcome.userId };
        if (outcome.reason === "throttled") throw new Error("throttled");
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // Keep only the subject: no name, email or roles travel in the cookie.
      return { sub: user?.id ?? token.sub };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
  },
};

/** The signed-in user's id, or null. Memoized per request. */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : null;
});

/** The signed-in user, read from the database; null without a live account. */
export const getCurrentUser = cache(async () => {
  const userId = await getSessionUserId();
  if (!userId) return null;
  return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
});

/** Like getCurrentUser, but redirects to sign-in instead of returning null. */
export const requireUser = cache(async () => {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
});
