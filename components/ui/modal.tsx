"use client";

import { setNonce } from "get-nonce";
import { Dialog } from "radix-ui";

// Radix locks the page's scroll with a <style> it inserts; the CSP lets a
// style apply only with this page's nonce, which Next.js put on its scripts.
if (typeof document !== "undefined") {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}

/**
 * A modal dialog (Radix): focus moves in and stays there, Escape or a click
 * outside closes it, and focus returns to where it was.
 */
export function Modal({
  open,
  onOpenChange,
  title,
  titleHidden = false,
  description,
  children,
  width = "max-w-lg",
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** For dialogs whose first control says what they are (a search box): the title is for screen readers. */
  titleHidden?: boolean;
  description?: React.ReactNode;
  children: React.ReactNode;
  width?: string;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className={`fixed top-[10vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100%-1.5rem)] ${width} -translate-x-1/2 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white text-slate-900 shadow-xl focus:outline-none`}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <Dialog.Title className={titleHidden ? "sr-only" : "px-5 pt-5 text-lg font-semibold"}>{title}</Dialog.Title>
          {description ? <Dialog.Description className="px-5 pt-1 text-sm text-slate-600">{description}</Dialog.Description> : null}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export const ModalClose = Dialog.Close;
