import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordIdentityEvent } from "@/lib/audit";
import { currentClient } from "@/lib/auth/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { reserveSignInAttempt } from "@/lib/auth/throttle";
import { consumeUserToken, issueUserToken, recentTokenCount, TOKEN_TTL_MS } from "@/lib/auth/user-tokens";
import type { Tx } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import {
  accountExistsMail,
  appUrl,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from "@/lib/mail/templates";
import { findInvitation } from "@/lib/teams/invitations";
import {
  changePasswordSchema,
  emptySchema,
  requestPasswordResetSchema,
  resetPasswordSchema,
  revokeSessionSchema,
  signUpSchema,
  verifyEmailSchema,
} from "@/lib/users/schemas";

// Links of one kind mailed to one person per hour, at most: enough for a
// person who lost a mail, too few to turn Liftoff into a mail cannon.
const LINKS_PER_HOUR = 5;

/**
 * Sign-up answers the same whether or not the address has an account: a new
 * address gets a verification link, a known one gets "you already have an
 * account". Only signing up from an invitation link for the invited address
 * verifies it at once (the link was mailed there) and signs in directly.
 */
export const signUp = defineCommand({
  name: "signUp",
  schema: signUpSchema,
  async handler({ tx }, { name, email, password, invitation }) {
    // Hashed in both branches, so timing does not tell them apart.
    const passwordHash = await hashPassword(password);
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      if ((await recentMailCount(tx, email, "account-exists")) < LINKS_PER_HOUR) {
        await enqueueMail(tx, {
          kind: "account-exists",
          to: email,
          ...accountExistsMail({ signInLink: appUrl("/sign-in"), resetLink: appUrl("/forgot-password") }),
        });
      }
      return { email, signedUp: false };
    }
    const invited = invitation ? await findInvitation(tx, invitation) : null;
    const provenByInvitation = invited?.email === email;
    const user = await tx.user.create({
      data: { name, email, passwordHash, emailVerifiedAt: provenByInvitation ? new Date() : null },
      select: { id: true },
    });
    await recordIdentityEvent(tx, {
      userId: user.id,
      action: "user.signed_up",
      after: { method: "password", verifiedBy: provenByInvitation ? "invitation" : null },
    });
    if (!provenByInvitation) await sendVerification(tx, { id: user.id, name, email });
    return { email, signedUp: provenByInvitation };
  },
});

async function sendVerification(tx: Tx, user: { id: string; name: string; email: string }) {
  const { token } = await issueUserToken(tx, { userId: user.id, email: user.email, purpose: "VERIFY_EMAIL" });
  await enqueueMail(tx, {
    kind: "verify-email",
    to: user.email,
    ...verifyEmailMail({
      name: user.name,
      link: appUrl(`/verify-email?token=${encodeURIComponent(token)}`),
      expiresInHours: TOKEN_TTL_MS.VERIFY_EMAIL / 3_600_000,
    }),
  });
}

async function recentMailCount(tx: Tx, to: string, kind: string) {
  return tx.outboxMessage.count({
    where: { to, kind, createdAt: { gt: new Date(Date.now() - 60 * 60 * 1000) } },
  });
}

export const resendVerification = defineCommand({
  name: "resendVerification",
  schema: emptySchema,
  message: "We sent a new link. It may take a minute to arrive.",
  async handler({ tx, userId }) {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId! },
      select: { id: true, name: true, email: true, emailVerifiedAt: true },
    });
    if (user.emailVerifiedAt) throw new ActionError("invalid", "Your address is already verified.");
    if ((await recentTokenCount(tx, user.id, "VERIFY_EMAIL")) >= LINKS_PER_HOUR) {
      throw new ActionError(
        "invalid",
        "We sent several links in the last hour. Look in your spam folder, or try again in an hour.",
      );
    }
    await sendVerification(tx, user);
    return { email: user.email };
  },
});

export const verifyEmail = defineCommand({
  name: "verifyEmail",
  schema: verifyEmailSchema,
  message: "Your email address is verified.",
  async handler({ tx }, { token }) {
    const used = await consumeUserToken(tx, token, "VERIFY_EMAIL");
    if (!used) throw new ActionError("invalid", "This link has expired or was already used. Sign in to get a new one.");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: used.userId },
      select: { email: true, emailVerifiedAt: true },
    });
    if (user.email !== used.email) throw new ActionError("invalid", "This link was sent to an address you no longer use.");
    if (!user.emailVerifiedAt) {
      await tx.user.update({ where: { id: used.userId }, data: { emailVerifiedAt: new Date() } });
      await recordIdentityEvent(tx, { userId: used.userId, action: "user.email_verified", after: { via: "link" } });
    }
    return { userId: used.userId };
  },
});

/** Always answers the same; mails a link only when the address has an account. */
export const requestPasswordReset = defineCommand({
  name: "requestPasswordReset",
  schema: requestPasswordResetSchema,
  async handler({ tx }, { email }) {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (user && (await recentTokenCount(tx, user.id, "RESET_PASSWORD")) < LINKS_PER_HOUR) {
      const { token } = await issueUserToken(tx, { userId: user.id, email, purpose: "RESET_PASSWORD" });
      await enqueueMail(tx, {
        kind: "password-reset",
        to: email,
        ...passwordResetMail({
          link: appUrl(`/reset-password?token=${encodeURIComponent(token)}`),
          expiresInMinutes: TOKEN_TTL_MS.RESET_PASSWORD / 60_000,
        }),
      });
      await recordIdentityEvent(tx, { userId: user.id, actorId: null, action: "user.password_reset_requested" });
    }
    return { email };
  },
});

/**
 * A reset link proves the mailbox: it sets the password, verifies the
 * address, lifts the sign-in throttle and ends every session (whoever was
 * signed in with the old password is out).
 */
export const resetPassword = defineCommand({
  name: "resetPassword",
  schema: resetPasswordSchema,
  message: "Your password is changed. Sign in with the new one.",
  async handler({ tx }, { token, password }) {
    const used = await consumeUserToken(tx, token, "RESET_PASSWORD");
    if (!used) {
      throw new ActionError("invalid", "This link has expired or was already used. Ask for a new one.");
    }
    const user = await tx.user.findUniqueOrThrow({
      where: { id: used.userId },
      select: { email: true, emailVerifiedAt: true },
    });
    if (user.email !== used.email) throw new ActionError("invalid", "This link was sent to an address you no longer use.");
    await tx.user.update({
      where: { id: used.userId },
      data: { passwordHash: await hashPassword(password), emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
    });
    // Other reset links still in someone's inbox are spent too.
    await tx.userToken.updateMany({
      where: { userId: used.userId, purpose: "RESET_PASSWORD", usedAt: null },
      data: { usedAt: new Date() },
    });
    const sessionsEnded = await revokeOtherSessions(tx, used.userId, null);
    await tx.signInThrottle.deleteMany({ where: { key: `account:${user.email}` } });
    await recordIdentityEvent(tx, { userId: used.userId, action: "user.password_reset", after: { sessionsEnded } });
    await enqueueMail(tx, { kind: "password-changed", to: user.email, ...passwordChangedMail({ when: new Date() }) });
    return { email: user.email };
  },
});

/** Needs the current password; ends every other session of the user. */
export const changePassword = defineCommand({
  name: "changePassword",
  schema: changePasswordSchema,
  message: "Password changed. You were signed out everywhere else.",
  async handler({ tx, userId, sessionId }, { currentPassword, password }) {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId! },
      select: { id: true, email: true, passwordHash: true },
    });
    if (!user.passwordHash) {
      throw new ActionError("invalid", "Your account signs in with single sign-on. Use “Forgot password” to set one.");
    }
    // A stolen session must not become a way around the sign-in throttle.
    const reservation = await reserveSignInAttempt(user.email, (await currentClient()).address);
    if (!reservation.ok) {
      throw new ActionError("invalid", "Too many attempts. Try again later.", {
        currentPassword: [`Too many attempts. Try again after ${reservation.retryAt.toLocaleTimeString("en-GB")}.`],
      });
    }
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ActionError("invalid", "That is not your current password.", {
        currentPassword: ["That is not your current password."],
      });
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    const sessionsEnded = await revokeOtherSessions(tx, user.id, sessionId);
    await recordIdentityEvent(tx, { userId: user.id, action: "user.password_changed", after: { sessionsEnded } });
    await enqueueMail(tx, { kind: "password-changed", to: user.email, ...passwordChangedMail({ when: new Date() }) });
    return { sessionsEnded };
  },
  revalidate: () => ["/account"],
});

export const revokeSession = defineCommand({
  name: "revokeSession",
  schema: revokeSessionSchema,
  message: "Signed out that session.",
  async handler({ tx, userId, sessionId: current }, { sessionId }) {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId: userId!, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new ActionError("not_found", "That session has already ended.");
    await recordIdentityEvent(tx, { userId: userId!, action: "user.session_revoked", after: { sessionId } });
    return { wasCurrent: sessionId === current };
  },
  revalidate: () => ["/account"],
});

/** Ends every session of the user, this one included. */
export const signOutEverywhere = defineCommand({
  name: "signOutEverywhere",
  schema: emptySchema,
  async handler({ tx, userId }) {
    const sessionsEnded = await revokeOtherSessions(tx, userId!, null);
    await recordIdentityEvent(tx, { userId: userId!, action: "user.session_revoked", after: { all: true, sessionsEnded } });
    return { sessionsEnded };
  },
});
