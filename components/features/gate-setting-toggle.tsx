"use client";

import { useActionState } from "react";
import { setGateRequirement } from "@/lib/gates/actions";

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
  const [state, action, pending] = useActionState(setGateRequirement, null);
  if (disabled) return <span className="text-slate-600">{enabled ? "Required" : "Off"}</span>;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="key" value={itemKey} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        aria-label={label}
        disabled={pending}
        className={`relative h-6 w-11 rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 ${enabled ? "bg-indigo-700" : "bg-slate-300"}`}
      >
        <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white transition ${enabled ? "left-5" : "left-0.5"}`} />
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
