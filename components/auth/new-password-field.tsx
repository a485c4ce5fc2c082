import { Field } from "@/components/ui/field";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/users/schemas";

/** A field for choosing a password: the same rules and wording on every form. */
export function NewPasswordField({
  label = "New password",
  note,
  errors,
}: {
  label?: string;
  /** What else happens, after the length rule ("Your other sessions will be signed out."). */
  note: string;
  errors?: string[];
}) {
  return (
    <Field
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      hint={`At least ${PASSWORD_MIN} characters. ${note}`}
      errors={errors}
    />
  );
}
