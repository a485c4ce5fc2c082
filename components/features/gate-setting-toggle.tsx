"use client";

import { useOptimistic, useState, useTransition } from "react";
import { toastResult } from "@/components/ui/toaster";
import { setGateRequirement } from "@/lib/gates/actions";

/**
 * A lead's switch for one gate requirement or sign-off. It flips at once;
 * when the server refuses, it flips back and says why (here and in a toast).
 */
export function GateSettingToggle({
  teamId,
  itemKey,
  label,
  enabled,
  disabled,
}: {
  teamId: string;
  itemKey: string;
  label: string;
  enabled: boolean;
  disabled: boolean;
}) {
  const [shown, show] = useOptimistic(enabled);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (disabled) return <span className="text-slate-600">{enabled ? "Required" : "Off"}</span>;
  const send = (next: boolean) => {
    const form = new FormData();
    form.set("teamId", teamId);
    form.set("key", itemKey);
    form.set("enabled", String(next));
    return setGateRequirement(null, form);
  };
  const flip = () => {
    if (pending) return;
    startTransition(async () => {
      const next = !shown;
      show(next);
      const result = await send(next);
      // Undo sends the switch back the way it was.
      toastResult(result, { undo: () => async () => toastResult(await send(!next)) });
      setRefusal(result.ok ? null : result.error);
    });
  };
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={shown}
        aria-label={label}
        aria-busy={pending}
        onClick={flip}
        className={`relative h-6 w-11 shrink-0 rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 ${shown ? "bg-indigo-700" : "bg-slate-300"}`}
      >
        <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white transition ${shown ? "left-5" : "left-0.5"}`} />
      </button>
      {refusal ? (
        <span role="alert" className="text-xs text-red-700">
          {refusal}
        </span>
      ) : null}
    </div>
  );
}
