import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { findInvitation, invitationPath } from "@/lib/teams/invitations";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; invitation?: string | string[] }>;
}) {
  const params = await searchParams;
  const token = typeof params.invitation === "string" ? params.invitation : null;
  const invitation = token ? await findInvitation(db, token) : null;
  const callbackPath = invitation && token ? invitationPath(token) : safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Create your account</h1>
      {invitation ? (
        <p className="mb-6 text-sm text-slate-700">
          To join <strong>{invitation.team.name}</strong>, create your account with the invited address.
        </p>
      ) : (
        <div className="mb-4" />
      )}
      <SignUpForm
        callbackPath={callbackPath}
        invitation={invitation && token ? { token, email: invitation.email } : null}
      />
    </>
  );
}
