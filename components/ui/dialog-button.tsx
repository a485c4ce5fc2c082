"use client";

import { useId, useRef } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** A button opening a native modal dialog (focus trapped, Escape closes). */
export function DialogButton({
  label,
  title,
  variant = "secondary",
  children,
}: {
  label: string;
  title: string;
  variant?: ButtonVariant;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant={variant} onClick={() => ref.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={ref} aria-labelledby={titleId} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:backdrop:bg-black/60">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <Button variant="ghost" onClick={() => ref.current?.close()} aria-label="Close">
            ✕
          </Button>
        </div>
        <div className="mt-4">{children}</div>
      </dialog>
    </>
  );
}
