"use client";

import { useActionState, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { addComment } from "@/lib/comments/actions";
import { COMMENT_MAX } from "@/lib/comments/schemas";
import { withToast } from "@/components/ui/toaster";

export type MentionableMember = { name: string; email: string };

export function CommentForm({
  teamId,
  featureId,
  members,
}: {
  teamId: string;
  featureId: string;
  members: MentionableMember[];
}) {
  const [state, action] = useActionState(withToast(addComment), null);
  const failure = state && !state.ok ? state : null;
  const errors = failure?.fieldErrors?.body;
  return (
    // Re-keyed per result: a success starts a blank form, a failure keeps the
    // text (the textarea's default value is what was sent, and React's reset
    // after the action restores it).
    <form key={state?.ok ? state.data.commentId : "form"} action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="featureId" value={featureId} />
      {failure && !errors ? <Alert tone="error">{failure.error}</Alert> : null}
      <CommentFields defaultBody={String(failure?.values?.body ?? "")} errors={errors} members={members} />
      <div>
        <SubmitButton pendingText="Posting…">Post comment</SubmitButton>
      </div>
    </form>
  );
}

function CommentFields({
  defaultBody,
  errors,
  members,
}: {
  defaultBody: string;
  errors?: string[];
  members: MentionableMember[];
}) {
  const id = useId();
  const ids = { body: `${id}-body`, hint: `${id}-hint`, error: `${id}-error`, mention: `${id}-mention` };
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState("");
  const describedBy = [ids.hint, errors?.length ? ids.error : null].filter(Boolean).join(" ");

  function insertMention() {
    const field = textarea.current;
    if (!field || !mention) return;
    const text = field.value;
    const gap = text === "" || /\s$/.test(text) ? "" : " ";
    field.value = `${text}${gap}@${mention} `;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    setMention("");
  }

  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.body} className="text-sm font-medium text-slate-900">
          Comment
        </label>
        <textarea
          ref={textarea}
          id={ids.body}
          name="body"
          rows={4}
          maxLength={COMMENT_MAX}
          required
          defaultValue={defaultBody}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          className="rounded-md border border-slate-400 px-3 py-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-700 aria-invalid:border-red-700"
        />
        <p id={ids.hint} className="text-xs text-slate-600">
          Markdown works. @email mentions a team member, for example @pat@acme.com. Up to{" "}
          {COMMENT_MAX.toLocaleString("en")} characters.
        </p>
        <FieldError id={ids.error} errors={errors} />
      </div>
      {members.length ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.mention} className="text-sm font-medium text-slate-900">
              Mention a team member
            </label>
            {/* No name: it only edits the text, it is not sent. */}
            <select
              id={ids.mention}
              value={mention}
              onChange={(event) => setMention(event.target.value)}
              className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-700"
            >
              <option value="">Mention…</option>
              {members.map((member) => (
                <option key={member.email} value={member.email}>
                  {member.name} ({member.email})
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" onClick={insertMention} disabled={!mention}>
            Insert mention
          </Button>
        </div>
      ) : null}
    </>
  );
}
