"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";

/** Said by anything that changes the inbox in this tab (Done, Snooze, Wake now): the count is read again. */
export const INBOX_CHANGED = "liftoff:inbox-changed";

export type InboxFigures = { open: number; unread: number; more: boolean };

/**
 * The number of inbox items waiting on the person, and of those new to them. Read after the page is
 * shown (never holding the page up), again on each navigation, when the tab
 * comes back into view, when this tab changes the inbox (INBOX_CHANGED), and
 * when the team's live channel says something changed (a burst of changes
 * reads it once).
 */
export function useInboxCount(teamId: string): InboxFigures | null {
  const pathname = usePathname();
  const [count, setCount] = useState<InboxFigures | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const timer = useRef<number | null>(null);
  useLiveEvents(teamId, (message) => {
    if (message.type === "gone" || timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setRefreshKey((k) => k + 1);
    }, 500);
  });
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetch(`/teams/${teamId}/my-work/count`, { cache: "no-store", signal: controller.signal })
        .then((response) => (response.ok ? response.json() : null))
        .then((figures: InboxFigures | null) => {
          if (figures) setCount(figures);
        })
        // Offline or navigating away: the badge keeps its last figure.
        .catch(() => {});
    void load();
    const onVisible = () => {
      if (document.visibilityState === "visible") void load();
    };
    const onChanged = () => void load();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener(INBOX_CHANGED, onChanged);
    return () => {
      controller.abort();
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener(INBOX_CHANGED, onChanged);
    };
  }, [teamId, pathname, refreshKey]);

  return count;
}

/** The number of new inbox items beside "My work"; nothing when none is new. */
export function InboxBadge({ count }: { count: InboxFigures | null }) {
  if (!count || count.unread === 0) return null;
  const figure = count.more ? `${count.unread}+` : String(count.unread);
  return (
    <span
      data-testid="inbox-count"
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-indigo-700 px-1.5 text-xs font-semibold text-white"
    >
      {figure}
      <span className="sr-only"> new {count.unread === 1 ? "item waits" : "items wait"} on you</span>
    </span>
  );
}
