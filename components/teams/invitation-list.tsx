"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { revokeInvitation } from "@/lib/teams/actions";

type Invitation = { id: string; email: string; roles: Role[]; createdAt: string };

export function InvitationList({ teamId, invitations }: { teamId: string; invitations: Invitation[] }) {
  if (invitations.length === 0) {
    return <p className="mt-3 text-sm text-slate-600">No pending invitations.</p>;
  }
  return (
    <ul className="mt-3 divide-y divide-slate-200" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <InvitationItem key={invitation.id} teamId={teamId} invitation={invitation} />
      ))}
    </ul>
  );
}

function InvitationItem({ teamId, invitation }: { teamId: string; invitation: Invitation }) {
  const [state, action] = useActionState(revokeInvitation, null);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-3">
      <div className="text-sm">
        <p className="font-medium">{invitation.email}</p>
        <p className="text-slate-600">{invitation.roles.map((r) => ROLE_LABELS[r]).join(", ")}</p>
      </div>
      <ConfirmDialog
        trigger="Revoke"
        triggerLabel={`Revoke invitation for ${invitation.email}`}
        title="Revoke this invitation?"
        description={`${invitation.email} will no longer join the team when they sign in.`}
      >
        <form action={action}>
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="invitationId" value={invitation.id} />
          <SubmitButton variant="danger" pendingText="Revoking…">
            Revoke invitation
          </SubmitButton>
        </form>
      </ConfirmDialog>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </li>
  );
}
