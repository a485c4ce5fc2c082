import type { TextareaHTMLAttributes } from "react";
import { FieldError } from "@/components/ui/field";

/** A labelled textarea with its error tied to it by aria-describedby. */
export function TextareaField({
  label,
  name,
  errors,
  hint,
  ...textarea
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; errors?: string[]; hint?: string }) {
  const id = textarea.id ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="rounded-md border border-slate-400 px-3 py-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-700 aria-invalid:border-red-700"
        {...textarea}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
