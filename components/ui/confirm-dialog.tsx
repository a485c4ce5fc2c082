"use client";

import { useId, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";

/**
 * A button that opens a modal <dialog> asking to confirm. The dialog is
 * native, so focus moves into it, Escape closes it, and focus returns.
 * `children` is the confirm control (usually a form's submit button).
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  children,
  triggerVariant = "secondary",
  triggerLabel,
  error,
}: {
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  children: React.ReactNode;
  triggerVariant?: ButtonVariant;
  triggerLabel?: string;
  /** Why the confirmed action was refused: shown in the dialog, which stays open over the page. */
  error?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant={triggerVariant} aria-label={triggerLabel} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:backdrop:bg-black/60"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-700">{description}</div>
        {error ? (
          <div className="mt-4">
            <Alert tone="error">{error}</Alert>
          </div>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </Button>
          {children}
        </div>
      </dialog>
    </>
  );
}
