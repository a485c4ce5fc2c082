"use client";

import { ActionForm } from "@/components/ui/action-form";
import { TextareaField } from "@/components/ui/textarea-field";
import { requestSpecReview, reviewSpec } from "@/lib/specs/actions";

/** Ask for review (the spec's editors) or decide on it (another PM or the lead). */
export function SpecReview({
  teamId,
  featureId,
  revision,
  status,
  canRequest,
  canReview,
}: {
  teamId: string;
  featureId: string;
  revision: number;
  status: string;
  canRequest: boolean;
  canReview: boolean;
}) {
  const hidden = { teamId, featureId, revision };
  if ((status === "DRAFT" || status === "CHANGES_REQUESTED") && canRequest) {
    return (
      <ActionForm action={requestSpecReview} hidden={hidden} submitLabel={`Ask for review of revision ${revision}`} pendingLabel="Asking…" />
    );
  }
  if (status === "IN_REVIEW" && canReview) {
    return (
      <div className="flex flex-col gap-4" role="group" aria-label="Review">
        <ActionForm action={reviewSpec} hidden={{ ...hidden, decision: "APPROVED" }} submitLabel={`Approve revision ${revision}`} pendingLabel="Approving…" />
        <ActionForm
          action={reviewSpec}
          hidden={{ ...hidden, decision: "CHANGES_REQUESTED" }}
          submitLabel="Request changes"
          variant="secondary"
          pendingLabel="Sending…"
        >
          {(state) => (
            <TextareaField
              label="What should change"
              name="comment"
              id="review-comment"
              rows={2}
              errors={state && !state.ok ? state.fieldErrors?.comment : undefined}
            />
          )}
        </ActionForm>
      </div>
    );
  }
  return null;
}
