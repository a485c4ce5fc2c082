"use client";

import { Button } from "@/components/ui/button";
import { isProxyRefusal } from "@/lib/security/requests";

// Unexpected failures (the database down, a bug) land here. The details are
// in the server log; the browser gets plain words and a way to retry. A form
// whose request the proxy refused (too large, from another site) says why.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (isProxyRefusal(error.message)) {
    return (
      <main className="mx-auto max-w-lg px-4 py-24 text-center">
        <h1 className="text-2xl font-semibold">That was not saved</h1>
        <p className="mt-2 text-slate-700" role="alert">
          {error.message}
        </p>
        <Button className="mt-6" onClick={() => reset()}>
          Back to the page
        </Button>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">
        Liftoff could not load this page. The service may be briefly unavailable; try again in a moment.
      </p>
      <Button className="mt-6" onClick={() => reset()}>
        Try again
      </Button>
    </main>
  );
}
