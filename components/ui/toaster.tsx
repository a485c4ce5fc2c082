"use client";

import { toast, Toaster as Sonner } from "sonner";
import type { ActionResult } from "@/lib/errors";

/**
 * Where toasts appear: bottom right on a desktop, across the bottom on a
 * phone. Each toast's text sits in a role="status" element, so it is
 * announced politely and never interrupts what the user is reading.
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      richColors
      containerAriaLabel="Notifications"
      toastOptions={{ duration: 6000, className: "text-sm" }}
    />
  );
}

type ToastOptions = {
  /** A way back: shown as the toast's "Undo" button. */
  undo?: () => void;
};

const politely = (message: string) => <span role="status">{message}</span>;

export const notify = {
  success(message: string, options: ToastOptions = {}) {
    toast.success(politely(message), {
      action: options.undo ? { label: "Undo", onClick: options.undo } : undefined,
      // Long enough to reach the Undo button from the keyboard.
      duration: options.undo ? 10_000 : undefined,
    });
  },
  error(message: string) {
    toast.error(politely(message));
  },
};

type ResultToastOptions<T> = {
  /** The success toast's text when the action has no message of its own. */
  fallback?: string;
  /** For results that can be taken back cheaply: what the toast's Undo does. */
  undo?: (data: T) => (() => void) | undefined;
};

/** The toast for one action result: its success message, or the refusal. */
export function toastResult<T>(result: ActionResult<T>, options: ResultToastOptions<T> = {}) {
  if (result.ok) notify.success(result.message ?? options.fallback ?? "Done.", { undo: options.undo?.(result.data) });
  else notify.error(result.error);
}

/**
 * The action, toasting each result as it arrives. The toast is raised by
 * the call itself, not by an effect of the form, because a success often
 * unmounts the form that sent it (a withdrawn sign-off, a removed row).
 */
export function withToast<P, T>(
  action: (prev: P, formData: FormData) => Promise<ActionResult<T>>,
  options: ResultToastOptions<T> = {},
) {
  return async (prev: P, formData: FormData) => {
    const result = await action(prev, formData);
    toastResult(result, options);
    return result;
  };
}
