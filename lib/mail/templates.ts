import { env } from "@/lib/env";
import { ROLE_LABELS } from "@/lib/authz/permissions";

// Plain-text mail. Each message opens with what it is about, puts the link
// on a line of its own (mail clients make it clickable, and it survives
// copying from the server log), says who sent it and why, and what to do if
// the reader did not ask for it. Everything here is pure: callers pass the
// links they made, so the templates are easy to test and to read.

export type Mail = { subject: string; text: string };

/** An absolute URL on Liftoff, keeping any base path of NEXTAUTH_URL. */
export function appUrl(path: string): string {
  return `${env.NEXTAUTH_URL.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

export function verifyEmailMail({ name, link, expiresInHours }: { name: string; link: string; expiresInHours: number }): Mail {
  return {
    subject: "Confirm your email address for Liftoff",
    text: lines(
      `Hi ${oneLine(name)}, please confirm your email address to finish creating your Liftoff account.`,
      "",
      "Open this link to confirm:",
      link,
      "",
      `It works once and expires in ${plural(expiresInHours, "hour")}.`,
      "",
      "Did not sign up? Ignore this message: the account stays unconfirmed and",
      "nothing else happens.",
      footer("someone signed up for Liftoff with this email address"),
    ),
  };
}

/** Sent instead of a verification mail when the address already has an account. */
export function accountExistsMail({ signInLink, resetLink }: { signInLink: string; resetLink: string }): Mail {
  return {
    subject: "You already have a Liftoff account",
    text: lines(
      "Someone tried to create a Liftoff account with this email address, but it already has one.",
      "",
      "If it was you, sign in here:",
      signInLink,
      "",
      "Forgot your password? Choose a new one here:",
      resetLink,
      "",
      "Not you? Ignore this message: no new account was created and nothing",
      "about your account was changed.",
      footer("someone tried to sign up for Liftoff with this email address"),
    ),
  };
}

export function invitationMail({
  teamName,
  roles,
  inviterName,
  link,
  expiresAt,
}: {
  teamName: string;
  roles: string[];
  inviterName: string;
  link: string;
  expiresAt: Date;
}): Mail {
  const team = oneLine(teamName);
  const inviter = oneLine(inviterName);
  const asRoles = roles.length > 0 ? ` as ${list(roles.map(roleName))}` : "";
  return {
    subject: `${inviter} invited you to ${team} on Liftoff`,
    text: lines(
      `${inviter} invited you to join the team "${team}" on Liftoff${asRoles}.`,
      "",
      "Accept the invitation:",
      link,
      "",
      `The invitation expires on ${formatDate(expiresAt)}.`,
      "",
      "Liftoff is where ML product teams take each feature from proof of concept",
      "to production. Not expecting this? Ignore this message: you join the",
      "team only if you open the link and accept.",
      footer(`a member of "${team}" invited this email address`),
    ),
  };
}

export function passwordResetMail({ link, expiresInMinutes }: { link: string; expiresInMinutes: number }): Mail {
  return {
    subject: "Reset your Liftoff password",
    text: lines(
      "Someone asked to reset the password of the Liftoff account for this email address.",
      "",
      "Choose a new password here:",
      link,
      "",
      `The link works once and expires in ${plural(expiresInMinutes, "minute")}.`,
      "",
      "Did not ask for this? Ignore this message: your password stays as it is.",
      footer("a password reset was requested for this email address"),
    ),
  };
}

export function passwordChangedMail({ when }: { when: Date }): Mail {
  return {
    subject: "Your Liftoff password was changed",
    text: lines(
      `The password of your Liftoff account was changed on ${formatDate(when)}.`,
      "",
      "If you changed it, there is nothing to do.",
      "",
      "If you did not, someone else may know your password. Choose a new one",
      "now, and tell your team lead:",
      appUrl("/forgot-password"),
      footer("the password of the account for this email address changed"),
    ),
  };
}

function footer(reason: string): string {
  return `\n-- \nSent by Liftoff (${appUrl("/")}) because ${reason}.`;
}

function lines(...parts: string[]): string {
  return `${parts.join("\n")}\n`;
}

// Names come from users: a line break in one must not start a line of its
// own (a fake "link" line) or, in a subject, a header.
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

function roleName(role: string): string {
  const label = (ROLE_LABELS as Record<string, string | undefined>)[role] ?? role;
  return label === label.toUpperCase() ? label : label.toLowerCase();
}

function list(items: string[]): string {
  return new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(items);
}

// In UTC and said so: the server cannot know the reader's time zone.
function formatDate(date: Date): string {
  return `${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}
