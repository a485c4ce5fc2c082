import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { InvitationAnswer } from "@/components/teams/invitation-answer";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { findInvitation, invitationPath } from "@/lib/teams/invitations";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const [invitation, user] = await Promise.all([findInvitation(db, token), getCurrentUser()]);
  if (!invitation) {
    return (
      <>
        <h1 className="mb-2 text-2xl font-semibold">This invitation no longer works</h1>
        <p className="text-sm text-slate-700">
          It expired, was replaced by a newer link, was revoked or was already used. Ask the team lead who invited you
          for a new link.
        </p>
      </>
    );
  }
  const roles = invitation.roles.map((role) => ROLE_LABELS[role]).join(", ");
  const here = invitationPath(token);
  const heading = (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        Join {invitation.team.name} as {roles}?
      </h1>
      <p className="mb-6 text-sm text-slate-700">
        {invitation.invitedBy ? `${invitation.invitedBy.name} invited` : "You were invited as"}{" "}
        <strong>{invitation.email}</strong>.
      </p>
    </>
  );

  if (!user) {
    // The link holder may learn whether the invited address has an account:
    // they hold a link that was mailed to it.
    const hasAccount = (await db.user.count({ where: { email: invitation.email } })) > 0;
    const signIn = `/sign-in?callbackUrl=${encodeURIComponent(here)}`;
    const signUp = `/sign-up?invitation=${encodeURIComponent(token)}`;
    return (
      <>
        {heading}
        <p className="mb-4 text-sm text-slate-700">
          {hasAccount
            ? `Sign in as ${invitation.email} to accept or decline.`
            : `Create your account with ${invitation.email} to accept or decline.`}
        </p>
        <div className="flex flex-wrap gap-3">
          <Link className={buttonClass(hasAccount ? "primary" : "secondary")} href={signIn}>
            Sign in
          </Link>
          <Link className={buttonClass(hasAccount ? "secondary" : "primary")} href={signUp}>
            Create account
          </Link>
        </div>
      </>
    );
  }

  if (user.email !== invitation.email) {
    return (
      <>
        {heading}
        <p className="mb-4 text-sm text-slate-700">
          You are signed in as <strong>{user.email}</strong>. This invitation can only be answered by{" "}
          {invitation.email}: sign out, then sign in with that address.
        </p>
        <SignOutButton callbackUrl={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} />
      </>
    );
  }

  return (
    <>
      {heading}
      <InvitationAnswer token={token} teamName={invitation.team.name} />
    </>
  );
}
