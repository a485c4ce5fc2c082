"use client";

import { useOptimistic, useRef } from "react";
import { usePaletteActions } from "@/components/palette/palette-context";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { toastResult } from "@/components/ui/toaster";
import { ROLE_LABELS, type Role, roleName } from "@/lib/authz/permissions";
import { advanceFeature } from "@/lib/features/actions";
import { requestSignoff, signGate, withdrawSignoff } from "@/lib/gates/actions";
import type { GateSignoffState, GateStatus } from "@/lib/gates/definitions";

type Signoffs = GateStatus["signoffs"];
type SignoffChange = { kind: "sign"; role: Role; comment: string | null } | { kind: "withdraw"; signoffId: string };

/** An id the server never gives: the sign-off being saved. */
const PENDING = "pending";

export type GatePanelProps = {
  teamId: string;
  featureId: string;
  version: number;
  gateLabel: string;
  nextStageLabel: string;
  status: GateStatus;
  myRoles: Role[];
  myUserId: string;
  myName: string;
  canMove: boolean;
  /** Who can move the feature, in words ("Pia PM (accountable) or a team lead"). */
  movers: string;
  requestedRoles: Role[];
};

/** The next gate at a glance: each requirement met or missing and who acts, each sign-off. */
export function GatePanel(props: GatePanelProps) {
  const { teamId, featureId, status, myRoles, myUserId, myName } = props;
  const ids = { teamId, featureId };
  // Sign-offs show at once as given or withdrawn; React puts back the
  // server's list when the action ends, so a refusal rolls the change back
  // (its toast and the form's alert say why).
  const [signoffs, applyChange] = useOptimistic(status.signoffs, (current: Signoffs, change: SignoffChange): Signoffs =>
    current.map((s) => {
      if (change.kind === "withdraw") return { ...s, given: s.given.filter((g) => g.id !== change.signoffId) };
      if (s.role !== change.role) return s;
      const pending: GateSignoffState = {
        id: PENDING,
        role: change.role,
        userId: myUserId,
        userName: myName,
        comment: change.comment,
        createdAt: new Date(),
        basis: "",
      };
      return { ...s, given: [...s.given, pending] };
    }),
  );
  const signForms = useRef(new Map<Role, HTMLFormElement>());
  const signable = status.signoffs.filter((s) => myRoles.includes(s.role) && !s.given.some((g) => g.userId === myUserId));
  // "Sign the gate as …" in the command palette sends the same form.
  usePaletteActions(
    signable.map((s) => ({
      id: `sign-${s.role}`,
      label: `Sign the gate as ${roleName(s.role)}`,
      hint: props.gateLabel,
      run: () => signForms.current.get(s.role)?.requestSubmit(),
    })),
  );
  const missing = [
    ...status.missing.requirements.map((label) => label.charAt(0).toLowerCase() + label.slice(1)),
    ...status.missing.signoffs.map((role) => `a ${roleName(role)} sign-off`),
  ];
  return (
    <section aria-labelledby="gate-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="gate-heading" className="text-lg font-semibold">
          Gate: {props.gateLabel}
        </h2>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.ready ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
        >
          {status.ready ? "Open" : `Waiting on ${status.waitingOn.map((r) => ROLE_LABELS[r]).join(", ")}`}
        </span>
      </div>

      <h3 className="mt-4 text-sm font-semibold">Requirements</h3>
      {status.requirements.length ? (
        <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label="Requirements">
          {status.requirements.map((r) => (
            <li key={r.key} className="flex gap-2">
              <span aria-hidden className={r.met ? "text-emerald-700" : "text-amber-700"}>
                {r.met ? "✓" : "○"}
              </span>
              <span>
                <span className="sr-only">{r.met ? "Met: " : "Missing: "}</span>
                {r.label}
                {!r.met ? (
                  <span className="text-slate-600">
                    {" "}
                    — {r.detail ? `${r.detail} ` : ""}({r.actors.map((a) => ROLE_LABELS[a]).join(" or ")})
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">None for this team.</p>
      )}

      <h3 className="mt-4 text-sm font-semibold">Sign-offs</h3>
      <ul className="mt-2 flex flex-col gap-3 text-sm" aria-label="Sign-offs">
        {signoffs.map((s) => {
          // The forms follow the server's list, so a form stays mounted
          // (pending, then with its refusal) while its change is shown.
          const saved = status.signoffs.find((x) => x.role === s.role)!;
          const mine = saved.given.find((g) => g.userId === myUserId);
          const canSign = myRoles.includes(s.role) && !mine;
          return (
            <li key={s.key} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">
                <span aria-hidden className={s.given.length ? "text-emerald-700" : "text-amber-700"}>
                  {s.given.length ? "✓ " : "○ "}
                </span>
                {s.label}
              </p>
              {s.given.map((g) => (
                <p key={g.id} className="mt-1 text-slate-700">
                  Signed by {g.userName} on <time dateTime={new Date(g.createdAt).toISOString()}>{new Date(g.createdAt).toISOString().slice(0, 10)}</time>
                  {g.comment ? `: “${g.comment}”` : ""}
                  {g.id === PENDING ? <span className="text-slate-500"> (saving…)</span> : null}
                </p>
              ))}
              {!s.given.length && props.requestedRoles.includes(s.role) ? (
                <p className="mt-1 text-slate-600">Requested.</p>
              ) : null}
              <div className="mt-2 flex flex-wrap gap-3">
                {canSign ? (
                  <ActionForm
                    action={signGate}
                    hidden={{ ...ids, role: s.role }}
                    submitLabel={`Sign as ${roleName(s.role)}`}
                    pendingLabel="Signing…"
                    ariaLabel={`Sign as ${ROLE_LABELS[s.role]}`}
                    formRef={(form) => {
                      if (form) signForms.current.set(s.role, form);
                      else signForms.current.delete(s.role);
                    }}
                    onSubmit={(formData) => {
                      const comment = formData.get("comment");
                      applyChange({ kind: "sign", role: s.role, comment: typeof comment === "string" && comment.trim() ? comment.trim() : null });
                    }}
                    undo={(data) => () => undoSign(data)}
                  >
                    {(state) => {
                      const failure = state && !state.ok ? state : null;
                      const typed = typeof failure?.values?.comment === "string" ? failure.values.comment : "";
                      // Keyed by the refusal, so the field shows again what was typed.
                      return (
                        <TextareaField
                          key={failure ? `refused-${typed}` : "comment"}
                          label="Comment (optional)"
                          name="comment"
                          id={`signoff-comment-${s.role}`}
                          rows={2}
                          defaultValue={typed}
                          errors={failure?.fieldErrors?.comment}
                        />
                      );
                    }}
                  </ActionForm>
                ) : null}
                {mine ? (
                  <ActionForm
                    action={withdrawSignoff}
                    hidden={{ ...ids, signoffId: mine.id }}
                    submitLabel="Withdraw my sign-off"
                    variant="secondary"
                    pendingLabel="Withdrawing…"
                    onSubmit={() => applyChange({ kind: "withdraw", signoffId: mine.id })}
                    undo={(data) => () => undoWithdraw(data)}
                  />
                ) : null}
                {!s.given.length && !props.requestedRoles.includes(s.role) && !myRoles.includes(s.role) ? (
                  <ActionForm
                    action={requestSignoff}
                    hidden={{ ...ids, role: s.role }}
                    submitLabel={`Request ${roleName(s.role)} sign-off`}
                    variant="secondary"
                    pendingLabel="Requesting…"
                  />
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>

      <div className="mt-5 border-t border-slate-200 pt-4">
        {props.canMove && status.ready ? (
          <ActionForm
            action={advanceFeature}
            hidden={{ ...ids, version: props.version }}
            submitLabel={`Move to ${props.nextStageLabel}`}
            pendingLabel="Moving…"
          />
        ) : props.canMove ? (
          <>
            {/* The server refuses an early move too; this says why before anyone tries. */}
            <Button disabled aria-describedby="move-blocked">
              Move to {props.nextStageLabel}
            </Button>
            <p id="move-blocked" className="mt-2 text-sm text-slate-700" data-testid="move-blocked">
              Not yet: missing {missing.join("; ")}.
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-700" data-testid="who-moves">
            {status.ready
              ? `The gate is open: ${props.movers} can move it to ${props.nextStageLabel} now.`
              : `${capitalize(props.movers)} moves it to ${props.nextStageLabel} once every requirement and sign-off is in.`}
          </p>
        )}
      </div>
    </section>
  );
}

/** A form's fields, for calling an action outside its form (a toast's Undo). */
function fields(values: Record<string, string | null>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) if (value !== null) data.set(name, value);
  return data;
}

async function undoSign({ teamId, featureId, signoffId }: { teamId: string; featureId: string; signoffId: string }) {
  toastResult(await withdrawSignoff(null, fields({ teamId, featureId, signoffId })));
}

async function undoWithdraw(data: { teamId: string; featureId: string; role: Role; comment: string | null }) {
  toastResult(await signGate(null, fields(data)));
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
