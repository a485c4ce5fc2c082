"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Ends this session on the server (next-auth's sign-out), then leaves. */
export function SignOutButton({ callbackUrl = "/sign-in" }: { callbackUrl?: string }) {
  return (
    <Button variant="ghost" className="whitespace-nowrap" onClick={() => void signOut({ callbackUrl })}>
      Sign out
    </Button>
  );
}
