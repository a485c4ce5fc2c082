import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Create your account</h1>
      <SignUpForm callbackPath={callbackPath} />
    </>
  );
}
