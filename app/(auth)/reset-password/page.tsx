import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/token-forms";
import { peekUserToken } from "@/lib/auth/user-tokens";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const usable = typeof token === "string" ? await peekUserToken(db, token, "RESET_PASSWORD") : null;
  if (!usable || typeof token !== "string") {
    return (
      <>
        <h1 className="mb-2 text-2xl font-semibold">This link no longer works</h1>
        <p className="mb-6 text-sm text-slate-700">
          Password links work once, for one hour. Ask for a new one and use the latest mail.
        </p>
        <Link className="font-medium text-indigo-700 underline" href="/forgot-password">
          Send me a new link
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Choose a new password</h1>
      <p className="mb-6 text-sm text-slate-700">For {usable.email}.</p>
      <ResetPasswordForm token={token} />
    </>
  );
}
