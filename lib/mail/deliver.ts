import "server-only";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { decryptBody } from "@/lib/mail/outbox";
import type { MailTransport } from "@/lib/mail/transport";

const payloadSchema = z.object({ id: z.uuid() });

/**
 * The `deliver_mail` task. Delivery is at least once: if the process dies
 * between the SMTP server accepting a message and `sentAt` being written, the
 * job runs again and the message is sent twice. Mail is idempotent enough
 * for that (a second copy of the same link).
 */
export function deliverMailTask({ db, transport, from }: { db: Db; transport: MailTransport; from: string }): Task {
  return async (payload, helpers) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed job: finish it and say so.
      helpers.logger.error(`deliver_mail: malformed payload in job ${helpers.job.id}`);
      return;
    }
    const { id } = parsed.data;
    const message = await db.outboxMessage.findUnique({
      where: { id },
      select: { to: true, subject: true, body: true, sentAt: true },
    });
    // Already delivered by an earlier run, or the row is gone: nothing to do.
    if (!message || message.sentAt || !message.body) return;

    try {
      const { text, headers } = decryptBody(message.body);
      await transport.send({ from, to: message.to, subject: message.subject, text, headers });
    } catch (error) {
      // Its own statement, outside any transaction, so the failure stays on
      // record; rethrowing makes graphile-worker retry with its backoff.
      await db.outboxMessage.update({
        where: { id },
        data: { attempts: { increment: 1 }, lastError: describeError(error) },
      });
      throw error;
    }
    // Erase the body: it may hold a single-use link that no one needs any more.
    await db.outboxMessage.update({ where: { id }, data: { sentAt: new Date(), body: null } });
  };
}

/** A short, loggable reason: no message content, no credentials from a URL. */
function describeError(error: unknown): string {
  const { code, message } = error instanceof Error ? (error as Error & { code?: string }) : { code: undefined, message: String(error) };
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  return text.replace(/\/\/[^/\s@]+@/g, "//…@").slice(0, 300);
}
