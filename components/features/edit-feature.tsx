"use client";

import { ActionForm } from "@/components/ui/action-form";
import { DialogButton } from "@/components/ui/dialog-button";
import { Field } from "@/components/ui/field";
import { updateFeature } from "@/lib/features/actions";

/** Edit the title and one-line summary (a PM or the lead). */
export function EditFeature({ teamId, featureId, title, summary }: { teamId: string; featureId: string; title: string; summary: string }) {
  return (
    <DialogButton label="Edit title…" title="Edit title and summary">
      <ActionForm
        action={updateFeature}
        hidden={{ teamId, featureId, baseTitle: title, baseSummary: summary }}
        submitLabel="Save"
        pendingLabel="Saving…"
      >
        {(state) => {
          const failure = state && !state.ok ? state : null;
          const echo = (key: string, fallback: string) =>
            typeof failure?.values?.[key] === "string" ? String(failure.values[key]) : fallback;
          return (
            <div key={JSON.stringify(failure?.values ?? null)} className="flex flex-col gap-3">
              <Field label="Title" name="title" id="edit-title" maxLength={120} defaultValue={echo("title", title)} errors={failure?.fieldErrors?.title} />
              <Field label="Summary" name="summary" id="edit-summary" maxLength={280} defaultValue={echo("summary", summary)} errors={failure?.fieldErrors?.summary} />
            </div>
          );
        }}
      </ActionForm>
    </DialogButton>
  );
}
