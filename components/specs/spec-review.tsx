"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextareaField } from "@/components/ui/textarea-field";
import { requestSpecReview, reviewSpec } from "@/lib/specs/actions";
import type { SpecGap } from "@/lib/specs/completeness";

/** Ask for review (the spec's editors) or decide on it (another PM or the lead). */
export function SpecReview({
  teamId,
  featureId,
  revision,
  status,
  canRequest,
  canReview,
  gaps,
}: {
  teamId: string;
  featureId: string;
  revision: number;
  status: string;
  canRequest: boolean;
  canReview: boolean;
  /** What the revision still lacks; it cannot go to review until this is empty. */
  gaps: SpecGap[];
}) {
  if ((status === "DRAFT" || status === "CHANGES_REQUESTED") && canRequest) {
    return <AskForReview teamId={teamId} featureId={featureId} revision={revision} gaps={gaps} />;
  }
  if (status === "IN_REVIEW" && canReview) return <Decide teamId={teamId} featureId={featureId} revision={revision} />;
  return null;
}

function AskForReview({ teamId, featureId, revision, gaps }: { teamId: string; featureId: string; revision: number; gaps: SpecGap[] }) {
  const [state, action] = useActionState(requestSpecReview, null);
  const failure = state && !state.ok ? state : null;
  // The server's refusal names the sections too, should the page be out of date.
  const refused = failure?.fieldErrors ? Object.values(failure.fieldErrors).flat().filter((m): m is string => !!m) : [];
  const label = `Ask for review of revision ${revision}`;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      <input type="hidden" name="revision" value={revision} />
      {gaps.length ? (
        <>
          <div id="review-gaps" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p className="font-medium">Revision {revision} cannot go to review yet. Edit the spec to add:</p>
            <ul className="mt-1 list-disc pl-5">
              {gaps.map((g) => (
                <li key={g.field}>{g.message}</li>
              ))}
            </ul>
          </div>
          <div>
            <Button disabled aria-describedby="review-gaps">
              {label}
            </Button>
          </div>
        </>
      ) : (
        <>
          {failure ? (
            <Alert tone="error">
              <p>{failure.error}</p>
              {refused.length ? (
                <ul className="mt-1 list-disc pl-5">
                  {refused.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          <div>
            <SubmitButton pendingText="Asking…">{label}</SubmitButton>
          </div>
        </>
      )}
    </form>
  );
}

function Decide({ teamId, featureId, revision }: { teamId: string; featureId: string; revision: number }) {
  const [state, action] = useActionState(reviewSpec, null);
  const failure = state && !state.ok ? state : null;
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Your review" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      <input type="hidden" name="revision" value={revision} />
      <TextareaField
        label="Comment"
        name="comment"
        id="review-comment"
        rows={3}
        hint="Optional when you approve; say what should change when you request changes."
        errors={failure?.fieldErrors?.comment}
      />
      {failure && !failure.fieldErrors?.comment ? <Alert tone="error">{failure.error}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Decision value="APPROVED">Approve revision {revision}</Decision>
        <Decision value="CHANGES_REQUESTED" variant="secondary">
          Request changes
        </Decision>
      </div>
    </form>
  );
}

function Decision({ value, variant, children }: { value: string; variant?: "secondary"; children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" name="decision" value={value} variant={variant} disabled={pending} aria-disabled={pending}>
      {children}
    </Button>
  );
}
