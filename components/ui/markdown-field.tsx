"use client";

import { Button } from "@/components/ui/button";
import { Markdown } from "@/components/ui/markdown";
import { TextareaField } from "@/components/ui/textarea-field";

/**
 * A labelled Markdown textarea with a Preview / Edit toggle. The parent keeps
 * the text and the toggle, so both survive the form re-mounting after a save.
 */
export function MarkdownField({
  label,
  name,
  id,
  hint,
  value,
  onChange,
  errors,
  preview,
  onTogglePreview,
  maxLength = 20_000,
}: {
  label: string;
  name: string;
  id: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  preview: boolean;
  onTogglePreview: () => void;
  /** Said in the hint and enforced by the browser, so nobody types past the server's limit. */
  maxLength?: number;
}) {
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <Button variant="ghost" className="ml-auto text-xs" aria-pressed={preview} onClick={onTogglePreview}>
          {preview ? `Edit ${label}` : `Preview ${label}`}
        </Button>
      </div>
      <div hidden={preview}>
        <TextareaField
          label={label}
          name={name}
          id={id}
          rows={5}
          maxLength={maxLength}
          hint={`${hint} Markdown works. ${value.length.toLocaleString("en")} of ${maxLength.toLocaleString("en")} characters.`}
          defaultValue={value}
          onChange={(e) => onChange(e.target.value)}
          errors={errors}
        />
      </div>
      {preview ? (
        <div className="rounded-md border border-slate-200 p-3" aria-label={`${label} preview`}>
          {value.trim() ? <Markdown source={value} /> : <p className="text-sm text-slate-500">Nothing written yet.</p>}
        </div>
      ) : null}
    </div>
  );
}
