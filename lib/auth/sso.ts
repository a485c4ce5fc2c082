import "server-only";
import { recordIdentityEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { emailSchema } from "@/lib/users/schemas";

// Single sign-on through one OpenID Connect provider (OIDC_ISSUER). A
// provider identity (issuer + subject) is linked to the account of the same
// address the first time, but only when the provider says it verified that
// address; later sign-ins follow the link even if the address changes there.

export type SsoProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string };

export function oidcIssuer(): string | null {
  return env.OIDC_ISSUER ? env.OIDC_ISSUER.replace(/\/+$/, "") : null;
}

/** Links (or creates) the account for a provider profile; null when refused. */
export async function linkSsoAccount(profile: SsoProfile | undefined): Promise<string | null> {
  const issuer = oidcIssuer();
  if (!issuer || !profile?.sub) return null;
  const existing = await db.ssoAccount.findUnique({
    where: { issuer_subject: { issuer, subject: profile.sub } },
    select: { userId: true },
  });
  if (existing) return existing.userId;

  const verified = profile.email_verified === true || profile.email_verified === "true";
  const email = emailSchema.safeParse(profile.email);
  if (!verified || !email.success) return null;

  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email: email.data }, select: { id: true, emailVerifiedAt: true } });
    if (!user) {
      const name = (profile.name ?? "").trim().slice(0, 100) || email.data;
      user = await tx.user.create({
        data: { email: email.data, name, passwordHash: null, emailVerifiedAt: new Date() },
        select: { id: true, emailVerifiedAt: true },
      });
      await recordIdentityEvent(tx, { userId: user.id, action: "user.signed_up", after: { method: "sso", issuer } });
    } else if (!user.emailVerifiedAt) {
      // The provider vouches for the address. Whoever made this account
      // never proved it, so their password and sessions go.
      await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date(), passwordHash: null } });
      await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordIdentityEvent(tx, { userId: user.id, action: "user.email_verified", after: { via: "sso" } });
    }
    await tx.ssoAccount.create({ data: { issuer, subject: profile.sub, userId: user.id } });
    await recordIdentityEvent(tx, { userId: user.id, action: "user.sso_linked", after: { issuer } });
    return user.id;
  });
}

export async function ssoUserId(subject: string): Promise<string | null> {
  const issuer = oidcIssuer();
  if (!issuer) return null;
  const link = await db.ssoAccount.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { userId: true },
  });
  return link?.userId ?? null;
}
