import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ResendVerificationForm, VerifyEmailForm } from "@/components/auth/token-forms";
import { getCurrentUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Verify your email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const user = await getCurrentUser();
  if (typeof token === "string") {
    return (
      <>
        <h1 className="mb-2 text-2xl font-semibold">Verify your email</h1>
        <p className="mb-6 text-sm text-slate-700">Confirm that this address is yours to finish setting up your account.</p>
        <VerifyEmailForm token={token} signedIn={user !== null} />
      </>
    );
  }
  if (!user) redirect("/sign-in");
  if (user.emailVerifiedAt) redirect("/");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Check your inbox</h1>
      <p className="mb-4 text-sm text-slate-700">
        We sent a link to <strong>{user.email}</strong>. Open it to verify your address; until then you cannot join or
        create a team. Look in your spam folder too.
      </p>
      <ResendVerificationForm />
      <div className="mt-6 flex items-center justify-between border-t border-slate-200 pt-4 text-sm text-slate-700">
        <span>Wrong address? Sign out and create the account again.</span>
        <SignOutButton />
      </div>
    </>
  );
}
