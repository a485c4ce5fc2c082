"use client";

import { usePathname, useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { keepRefusal } from "@/components/ui/refusal-outlet";
import { SubmitButton } from "@/components/ui/submit-button";
import { withToast } from "@/components/ui/toaster";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult, ActionState } from "@/lib/errors";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>;

/**
 * A form bound to a server action: hidden fields, a submit button, the
 * state for field errors in children, and a toast for every result. A
 * refusal also stays beside the form until the next try.
 */
export function ActionForm<T>({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  variant,
  className = "flex flex-col gap-3",
  children,
  ariaLabel,
  undo,
  onSubmit,
  formRef,
}: {
  action: Action<T>;
  hidden: Record<string, string | number>;
  submitLabel: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  children?: (state: ActionState<T>) => React.ReactNode;
  ariaLabel?: string;
  /** For actions that can be taken back cheaply: what the success toast's Undo does. */
  undo?: (data: T) => (() => void) | undefined;
  /**
   * Called as the form is sent, inside the action's transition: the place
   * for a useOptimistic update, which React undoes if the action is refused.
   */
  onSubmit?: (formData: FormData) => void;
  /** For sending the form from elsewhere (the command palette) with requestSubmit(). */
  formRef?: React.Ref<HTMLFormElement>;
}) {
  const router = useRouter();
  const send: Action<T> = async (prev, formData) => {
    onSubmit?.(formData);
    return action(prev, formData);
  };
  const [state, formAction] = useActionState(withToast(send, { undo }), null);
  const failure = state && !state.ok ? state : null;
  // Live pages refresh while someone types: the hidden fields (a version, the
  // text an edit started from) stay those of when they began, so a save over
  // someone else's newer change is refused instead of silently winning. The
  // next answer lets them follow the page again.
  const [pinned, setPinned] = useState<Record<string, string | number> | null>(null);
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setPinned(null);
  }
  // Refused because the page was out of date: show the current state. Should
  // the refreshed page drop this form, its message moves to the page's
  // RefusalOutlet.
  const pathname = usePathname();
  const conflict = useRef<{ message: string; pathname: string } | null>(null);
  useEffect(() => {
    const refused = state && !state.ok && state.code === "conflict";
    conflict.current = refused ? { message: state.error, pathname } : null;
    if (refused) router.refresh();
    // Per answer: the page it was given on, not one navigated to since.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  useEffect(
    () => () => {
      if (conflict.current) keepRefusal(conflict.current.message, conflict.current.pathname);
    },
    [],
  );
  // A field error for a hidden field has no input to sit under (say, a role
  // the page offered that is no longer asked for): the message says why.
  const unshown = failure?.fieldErrors && Object.keys(hidden).some((name) => failure.fieldErrors?.[name]?.length);
  return (
    <form
      ref={formRef}
      action={formAction}
      className={className}
      aria-label={ariaLabel}
      noValidate
      onInput={() => {
        if (!pinned) setPinned(hidden);
      }}
    >
      {Object.entries(pinned ?? hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(state)}
      {failure && (!failure.fieldErrors || unshown) ? <Alert tone="error">{failure.error}</Alert> : null}
      <div>
        <SubmitButton variant={variant} pendingText={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
