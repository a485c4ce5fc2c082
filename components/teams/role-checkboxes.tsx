import { FieldError } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/authz/permissions";

/** A fieldset of role checkboxes posting `roles` once per checked role. */
export function RoleCheckboxes({
  idPrefix,
  defaultRoles = [],
  errors,
}: {
  idPrefix: string;
  defaultRoles?: readonly string[];
  errors?: string[];
}) {
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-900">Roles</legend>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        {ROLES.map((role: Role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="roles"
              value={role}
              defaultChecked={defaultRoles.includes(role)}
              className="h-4 w-4 accent-indigo-700"
            />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </div>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
