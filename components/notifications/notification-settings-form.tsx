"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveNotificationPreferences } from "@/lib/notifications/actions";
import {
  DELIVERIES,
  DELIVERY_LABELS,
  KIND_INFO,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
} from "@/lib/notifications/kinds";

/** One group of three radios per kind of event: immediately, daily digest, off. */
export function NotificationSettingsForm({ preferences }: { preferences: Record<NotificationKind, NotificationDelivery> }) {
  const [state, action] = useActionState(saveNotificationPreferences, null);
  const failure = state && !state.ok ? state : null;
  const values = (failure?.values ?? preferences) as Record<string, unknown>;
  return (
    // Re-mounted when the saved (or echoed) choices change, so the radios show them.
    <form key={JSON.stringify(values)} action={action} className="flex flex-col gap-4" noValidate aria-label="Notification settings">
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {NOTIFICATION_KINDS.map((kind) => {
          const info = KIND_INFO[kind];
          const errors = failure?.fieldErrors?.[kind];
          const labelId = `notify-${kind}-label`;
          const descriptionId = `notify-${kind}-description`;
          const errorId = `notify-${kind}-error`;
          return (
            <div key={kind} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="sm:max-w-sm">
                <p id={labelId} className="text-sm font-medium text-slate-900">
                  {info.label}
                </p>
                <p id={descriptionId} className="text-xs text-slate-600">
                  {info.description}
                </p>
                <FieldError id={errorId} errors={errors} />
              </div>
              <div
                role="radiogroup"
                aria-labelledby={labelId}
                aria-describedby={errors?.length ? `${descriptionId} ${errorId}` : descriptionId}
                aria-invalid={errors?.length ? true : undefined}
                className="flex flex-wrap gap-2"
              >
                {DELIVERIES.map((delivery) => (
                  <label
                    key={delivery}
                    className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-800 has-checked:border-indigo-700 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-700"
                  >
                    <input
                      type="radio"
                      name={kind}
                      value={delivery}
                      defaultChecked={values[kind] === delivery}
                      className="accent-indigo-700"
                    />
                    {DELIVERY_LABELS[delivery]}
                  </label>
                ))}
              </div>
            </div>
          );
        })}
      </div>
      <div>
        <SubmitButton pendingText="Saving…">Save notification settings</SubmitButton>
      </div>
    </form>
  );
}
