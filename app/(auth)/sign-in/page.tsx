import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { getCurrentUser, ssoName } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends errors of redirect-based sign-ins (single sign-on) here.
const PROVIDER_ERRORS: Record<string, string> = {
  SsoEmailUnverified:
    "Your single sign-on provider did not confirm your email address, so it cannot be linked to an account.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your password.",
  AccessDenied: "Sign-in was refused.",
  SessionRequired: "Please sign in.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  const errorKey = typeof params.error === "string" ? params.error : null;
  const providerError = errorKey ? (PROVIDER_ERRORS[errorKey] ?? "Sign-in did not complete. Try again.") : null;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {providerError && !errorKey?.startsWith("throttled") && errorKey !== "CredentialsSignin" ? (
        <div className="mb-4">
          <Alert tone="error">{providerError}</Alert>
        </div>
      ) : null}
      <SignInForm callbackPath={callbackPath} ssoName={ssoName} />
    </>
  );
}
