"use client";

import { useActionState } from "react";
import { RoleCheckboxes } from "@/components/teams/role-checkboxes";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inviteMember } from "@/lib/teams/actions";
import { withToast } from "@/components/ui/toaster";

export function InviteMemberForm({ teamId }: { teamId: string }) {
  const [state, action] = useActionState(withToast(inviteMember), null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values;
  const roles = values?.roles;
  return (
    // Re-keyed per result: a success starts a blank form, a failure keeps the input.
    <form key={state?.ok ? state.data.invitationId : "form"} action={action} className="mt-4 flex flex-col gap-4" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      {state?.ok ? (
        <>
          <Alert tone="success">
            Invitation mailed to {state.data.email}. You can also copy the link and hand it over.
          </Alert>
          <CopyField
            label={`Invitation link for ${state.data.email}`}
            value={state.data.link}
            hint="Works once, for that address only, until it expires in 7 days. Shown only now."
          />
        </>
      ) : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={String(values?.email ?? "")}
        errors={failure?.fieldErrors?.email}
      />
      <RoleCheckboxes
        idPrefix="invite"
        defaultRoles={Array.isArray(roles) ? roles.map(String) : typeof roles === "string" ? [roles] : []}
        errors={failure?.fieldErrors?.roles}
      />
      <div>
        <SubmitButton pendingText="Inviting…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
