import "server-only";
import type { Tx } from "@/lib/db";
import type { InputJsonValue } from "@/lib/generated/prisma/internal/prismaNamespace";

export type AuditInput = {
  teamId: string;
  /** Set for events about one feature: they make up its activity timeline. */
  featureId?: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: InputJsonValue | null;
  after?: InputJsonValue | null;
};

/** The row of one audit event. */
function auditRow(event: AuditInput) {
  return {
    teamId: event.teamId,
    featureId: event.featureId ?? null,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before ?? undefined,
    after: event.after ?? undefined,
  };
}

/** Appends an audit event; call it inside the transaction of the change. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(event) });
}

/** Appends several audit events in one statement (a bulk change: one event per thing changed). */
export async function recordAudits(tx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({ data: events.map(auditRow) });
}

export type IdentityAction =
  | "user.signed_up"
  | "user.email_verified"
  | "user.signed_in"
  | "user.sign_in_failed_burst"
  | "user.signed_out"
  | "user.password_changed"
  | "user.password_reset_requested"
  | "user.password_reset"
  | "user.session_revoked"
  | "user.sso_linked"
  | "user.notifications_changed"
  | "user.unsubscribed";

/**
 * Appends an identity event (sign-in, password change, session revoked…).
 * These belong to a person, not a team: teamId is null and the target is the
 * user. Call it inside the transaction of the change, or with `db` for
 * events that change nothing else.
 */
export async function recordIdentityEvent(
  tx: Pick<Tx, "auditEvent">,
  event: {
    userId: string;
    actorId?: string | null;
    action: IdentityAction;
    before?: InputJsonValue | null;
    after?: InputJsonValue | null;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: null,
      actorId: event.actorId === undefined ? event.userId : event.actorId,
      action: event.action,
      targetType: "user",
      targetId: event.userId,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
  });
}
