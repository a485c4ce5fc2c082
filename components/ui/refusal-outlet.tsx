"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";

// A refusal whose form is gone: a form refused because the page was out of
// date refreshes the page, and the refreshed page may no longer hold that
// form (the loser of a race to move a feature sees the next gate). The
// message then shows here, on the same page, until dismissed.

type Refusal = { message: string; pathname: string };
let current: Refusal | null = null;
const listeners = new Set<() => void>();

function set(refusal: Refusal | null) {
  current = refusal;
  for (const listener of listeners) listener();
}

/** Keeps a refusal whose form left the page, for the outlet on that page. */
export function keepRefusal(message: string, pathname: string) {
  set({ message, pathname });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function RefusalOutlet() {
  const refusal = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  const pathname = usePathname();
  const box = useRef<HTMLDivElement>(null);
  const shown = refusal && refusal.pathname === pathname ? refusal : null;
  // The form that was clicked may sit far down the page: bring the message to the person.
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);
  // Leaving the page drops its refusal.
  useEffect(() => {
    if (current && current.pathname !== pathname) set(null);
  }, [pathname]);
  if (!shown) return null;
  return (
    <div className="mb-4 scroll-mt-4 outline-none" ref={box} tabIndex={-1}>
      <Alert tone="error">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <p>{shown.message}</p>
          <button type="button" className="font-medium underline" onClick={() => set(null)}>
            Dismiss
          </button>
        </div>
      </Alert>
    </div>
  );
}
