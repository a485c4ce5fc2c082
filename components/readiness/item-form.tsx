"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { setReadinessItem } from "@/lib/readiness/actions";
import { SCORE_OPTIONS } from "@/lib/readiness/schemas";

export type ReadinessItemView = {
  code: string;
  number: number;
  text: string;
  halves: number;
  notApplicable: boolean;
  naReason: string | null;
  note: string | null;
  evidenceUrl: string | null;
  owner: { id: string; name: string } | null;
  version: number;
};

/** Score, owner, evidence and "not applicable" for one checklist item. */
export function ReadinessItemForm({
  teamId,
  featureId,
  item,
  people,
}: {
  teamId: string;
  featureId: string;
  item: ReadinessItemView;
  people: { id: string; name: string }[];
}) {
  const id = (field: string) => `${item.code}-${field}`;
  return (
    <ActionForm
      action={setReadinessItem}
      hidden={{ teamId, featureId, code: item.code, version: item.version }}
      submitLabel={<span>Save<span className="sr-only"> {item.code}</span></span>}
      pendingLabel="Saving…"
      ariaLabel={`Score ${item.code}`}
      className="mt-2 flex flex-col gap-2"
    >
      {(state) => {
        const failure = state && !state.ok ? state : null;
        const echo = (key: string, fallback: string | null) =>
          failure?.values && typeof failure.values[key] === "string" ? String(failure.values[key]) : (fallback ?? "");
        const errors = failure?.fieldErrors;
        return (
          <div key={JSON.stringify(failure?.values ?? null)} className="grid gap-2 sm:grid-cols-2">
            <SelectField
              label="Score"
              name="halves"
              id={id("score")}
              options={[...SCORE_OPTIONS]}
              defaultValue={echo("halves", String(item.halves))}
              errors={errors?.halves}
            />
            <SelectField
              label="Owner"
              name="ownerId"
              id={id("owner")}
              placeholder="Nobody yet"
              options={people.map((p) => ({ value: p.id, label: p.name }))}
              defaultValue={echo("ownerId", item.owner?.id ?? "")}
              errors={errors?.ownerId}
            />
            <TextareaField label="Note" name="note" id={id("note")} rows={2} defaultValue={echo("note", item.note)} errors={errors?.note} />
            <Field
              label="Evidence link"
              name="evidenceUrl"
              id={id("evidence")}
              type="url"
              placeholder="https://"
              defaultValue={echo("evidenceUrl", item.evidenceUrl)}
              errors={errors?.evidenceUrl}
            />
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="notApplicable"
                defaultChecked={failure?.values ? failure.values.notApplicable === "on" : item.notApplicable}
                className="h-4 w-4 accent-indigo-700"
              />
              Not applicable to this feature
            </label>
            <Field label="Why not applicable" name="naReason" id={id("na")} defaultValue={echo("naReason", item.naReason)} errors={errors?.naReason} />
          </div>
        );
      }}
    </ActionForm>
  );
}
