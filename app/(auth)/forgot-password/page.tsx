import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/token-forms";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-slate-700">
        Enter your email and we will send you a link to choose a new one. It also lifts a sign-in lock.
      </p>
      <ForgotPasswordForm />
    </>
  );
}
