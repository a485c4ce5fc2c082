"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptInvitation, declineInvitation } from "@/lib/teams/actions";

/** Accept (joins and opens the team) or decline (the link stops working). */
export function InvitationAnswer({ token, teamName }: { token: string; teamName: string }) {
  const [acceptState, accept] = useActionState(acceptInvitation, null);
  const [declineState, decline] = useActionState(declineInvitation, null);
  if (declineState?.ok) {
    return <Alert tone="success">You declined the invitation to {teamName}.</Alert>;
  }
  const failure = [acceptState, declineState].find((s) => s && !s.ok);
  return (
    <div className="flex flex-col gap-3">
      {failure && !failure.ok ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="flex gap-3">
        <form action={accept}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingText="Joining…">Accept</SubmitButton>
        </form>
        <form action={decline}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton variant="secondary" pendingText="Declining…">
            Decline
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
