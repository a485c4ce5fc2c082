"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { LiveMessage } from "@/lib/live/events";

// Events arriving together (a command touching several features, two people
// acting at once) cause one refresh.
const COALESCE_MS = 200;

/**
 * Refreshes the page (server components fetch again, client state such as
 * typed text stays) when someone changes what it shows: any feature of the
 * team, or with `featureId`, that feature or the whole team. A hidden tab
 * catches up when it is shown again.
 */
export function LiveRefresh({ teamId, featureId, renderedAt }: { teamId: string; featureId?: string; renderedAt: number }) {
  const router = useRouter();
  const timer = useRef<number | null>(null);
  const pending = useRef(false);

  const refreshSoon = () => {
    pending.current = true;
    if (document.visibilityState === "hidden" || timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      pending.current = false;
      router.refresh();
    }, COALESCE_MS);
  };

  useLiveEvents(
    teamId,
    (message: LiveMessage) => {
      if (message.type === "change" && featureId && message.kind === "feature" && message.featureId !== featureId) return;
      refreshSoon();
    },
    renderedAt,
  );

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible" && pending.current) refreshSoon();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
    // refreshSoon reads only refs and the stable router.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return null;
}
