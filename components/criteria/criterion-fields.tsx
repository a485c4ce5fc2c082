import { Field, FieldError } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { ActionState } from "@/lib/errors";

type Values = { given?: string; when?: string; then?: string; text?: string; successCriterionKeys?: string[] };

/** Given / When / Then or plain text, and the success criteria it verifies. */
export function CriterionFields({
  idPrefix,
  state,
  initial = {},
  successCriteria,
}: {
  idPrefix: string;
  state: ActionState;
  initial?: Values;
  successCriteria: { key: string; metric: string; target: string }[];
}) {
  const failure = state && !state.ok ? state : null;
  const echo = (key: string, fallback = "") =>
    failure?.values && typeof failure.values[key] === "string" ? String(failure.values[key]) : fallback;
  const errors = failure?.fieldErrors;
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Given" name="given" id={`${idPrefix}-given`} defaultValue={echo("given", initial.given)} errors={errors?.given} />
        <Field label="When" name="when" id={`${idPrefix}-when`} defaultValue={echo("when", initial.when)} errors={errors?.when} />
        <Field label="Then" name="then" id={`${idPrefix}-then`} defaultValue={echo("then", initial.then)} errors={errors?.then} />
      </div>
      <TextareaField
        label="Or as plain text"
        name="text"
        id={`${idPrefix}-text`}
        rows={2}
        defaultValue={echo("text", initial.text)}
        errors={errors?.text}
      />
      {successCriteria.length ? (
        <fieldset aria-describedby={errors?.successCriterionKeys?.length ? `${idPrefix}-keys-error` : undefined}>
          <legend className="text-sm font-medium">Verifies success criteria (optional)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {successCriteria.map((c) => (
              <label key={c.key} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="successCriterionKeys"
                  value={c.key}
                  defaultChecked={initial.successCriterionKeys?.includes(c.key)}
                  className="h-4 w-4 accent-indigo-700"
                />
                {c.metric} {c.target}
              </label>
            ))}
          </div>
          <FieldError id={`${idPrefix}-keys-error`} errors={errors?.successCriterionKeys} />
        </fieldset>
      ) : null}
    </>
  );
}
