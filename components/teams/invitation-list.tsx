"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { renewInvitation, revokeInvitation } from "@/lib/teams/actions";
import { withToast } from "@/components/ui/toaster";

type Invitation = { id: string; email: string; roles: Role[]; createdAt: string; expiresAt: string };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

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
  const [revokeState, revoke] = useActionState(withToast(revokeInvitation), null);
  const [renewState, renew] = useActionState(withToast(renewInvitation), null);
  const expired = new Date(invitation.expiresAt) <= new Date();
  const failure = [revokeState, renewState].find((s) => s && !s.ok);
  return (
    <li className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="text-sm">
          <p className="font-medium">{invitation.email}</p>
          <p className="text-slate-600">
            {invitation.roles.map((r) => ROLE_LABELS[r]).join(", ")} ·{" "}
            {expired ? (
              <span className="font-medium text-red-800">link expired</span>
            ) : (
              `link valid until ${dateFormat.format(new Date(invitation.expiresAt))}`
            )}
          </p>
        </div>
        <div className="flex gap-2">
          <form action={renew}>
            <input type="hidden" name="teamId" value={teamId} />
            <input type="hidden" name="invitationId" value={invitation.id} />
            <SubmitButton variant="secondary" pendingText="Sending…">
              <span aria-label={`Send a new link to ${invitation.email}`}>New link</span>
            </SubmitButton>
          </form>
          <ConfirmDialog
            trigger="Revoke"
            triggerLabel={`Revoke invitation for ${invitation.email}`}
            title="Revoke this invitation?"
            description={`The link sent to ${invitation.email} stops working.`}
          >
            <form action={revoke}>
              <input type="hidden" name="teamId" value={teamId} />
              <input type="hidden" name="invitationId" value={invitation.id} />
              <SubmitButton variant="danger" pendingText="Revoking…">
                Revoke invitation
              </SubmitButton>
            </form>
          </ConfirmDialog>
        </div>
      </div>
      {renewState?.ok ? (
        <CopyField
          label={`New invitation link for ${invitation.email}`}
          value={renewState.data.link}
          hint="Mailed to them as well. The previous link no longer works."
        />
      ) : null}
      {failure && !failure.ok ? <Alert tone="error">{failure.error}</Alert> : null}
    </li>
  );
}
