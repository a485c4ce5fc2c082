"use client";

import { DropdownMenu } from "radix-ui";
import { useEffect, useState, useTransition } from "react";
import { INBOX_CHANGED } from "@/components/my-work/inbox-count";
import { buttonClass } from "@/components/ui/button";
import { notify } from "@/components/ui/toaster";
import { dismissInboxItem, markInboxSeen, restoreInboxItem } from "@/lib/my-work/actions";
import { SNOOZE_CHOICES, type SnoozeChoice } from "@/lib/my-work/schemas";

type Item = { teamId: string; itemKey: string; label: string };

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/**
 * Done and Snooze for one inbox item. The item leaves the list once the
 * server agrees (the page re-renders from the action's revalidation); a
 * refusal is said beside the buttons.
 */
export function InboxItemActions({ teamId, itemKey, label }: Item) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const send = (snooze: "done" | SnoozeChoice) =>
    start(async () => {
      setError(null);
      const result = await dismissInboxItem(null, form({ teamId, key: itemKey, snooze }));
      if (!result.ok) {
        setError(result.error);
        notify.error(result.error);
        return;
      }
      window.dispatchEvent(new Event(INBOX_CHANGED));
      notify.success(snooze === "done" ? "Marked done." : `Snoozed for ${SNOOZE_CHOICES[snooze].label.toLowerCase()}.`, {
        undo: () =>
          void restoreInboxItem(null, form({ teamId, key: itemKey })).then((undone) => {
            if (undone.ok) window.dispatchEvent(new Event(INBOX_CHANGED));
            else notify.error(undone.error);
          }),
      });
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClass("secondary", "px-2.5 py-1 text-xs")}
        disabled={pending}
        aria-label={`Mark done: ${label}`}
        onClick={() => send("done")}
      >
        Done
      </button>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className={buttonClass("ghost", "px-2.5 py-1 text-xs")}
          disabled={pending}
          aria-label={`Snooze: ${label}`}
        >
          Snooze ▾
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-50 min-w-36 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
          >
            {(Object.keys(SNOOZE_CHOICES) as SnoozeChoice[]).map((choice) => (
              <DropdownMenu.Item
                key={choice}
                className="cursor-pointer rounded px-3 py-1.5 text-slate-800 outline-none data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900"
                onSelect={() => send(choice)}
              >
                {SNOOZE_CHOICES[choice].label}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {error ? (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Brings a snoozed item back now. */
export function WakeInboxItem({ teamId, itemKey, label }: Item) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        className={buttonClass("ghost", "px-2.5 py-1 text-xs")}
        disabled={pending}
        aria-label={`Wake now: ${label}`}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await restoreInboxItem(null, form({ teamId, key: itemKey }));
            if (result.ok) {
              window.dispatchEvent(new Event(INBOX_CHANGED));
              notify.success(result.message ?? "Back in your inbox.");
            } else {
              setError(result.error);
              notify.error(result.error);
            }
          })
        }
      >
        Wake now
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Marks the items this visit of My work shows as seen, once the page is in
 * view: they stop counting beside My work (the page keeps their "New" tags).
 */
export function MarkInboxSeen({ teamId, itemKeys }: { teamId: string; itemKeys: string[] }) {
  const joined = itemKeys.join(" ");
  useEffect(() => {
    if (!joined) return;
    let sent = false;
    const send = () => {
      if (sent || document.visibilityState !== "visible") return;
      sent = true;
      const data = new FormData();
      data.set("teamId", teamId);
      for (const key of joined.split(" ")) data.append("key", key);
      void markInboxSeen(null, data).then((result) => {
        if (result.ok) window.dispatchEvent(new Event(INBOX_CHANGED));
      });
    };
    send();
    document.addEventListener("visibilitychange", send);
    return () => document.removeEventListener("visibilitychange", send);
  }, [teamId, joined]);
  return null;
}
