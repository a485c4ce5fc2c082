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

/** Appends an audit event; call it inside the transaction of the change. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: event.teamId,
      featureId: event.featureId ?? null,
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: event.before ?? undefined,
      after: event.after ?? undefined,
    },
  });
}
