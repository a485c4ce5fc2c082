import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";

// Mail is written to the outbox in the same transaction as the change that
// causes it, and delivered later by the worker (lib/mail/deliver.ts). A
// rolled-back change therefore sends nothing, and a mail server that is down
// delays mail instead of losing it or failing the user's request.

export type MailMessage = {
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** Extra headers (List-Unsubscribe…); kept with the encrypted body. */
  headers?: Record<string, string>;
};

/** Queues `message` for delivery once `tx` commits. */
export async function enqueueMail(tx: Tx, message: MailMessage): Promise<{ id: string }> {
  const { id } = await tx.outboxMessage.create({
    data: { kind: message.kind, to: message.to, subject: message.subject, body: encryptBody({ text: message.text, headers: message.headers }) },
    select: { id: true },
  });
  // graphile-worker's job lives in the same database and transaction, so the
  // row and its job commit or vanish together. It NOTIFYs on commit, so a
  // running worker picks the job up at once; 25 attempts with its exponential
  // backoff (exp(min(attempt, 10)) s, at most about 6 h apart) keep trying
  // for about four days.
  await tx.$executeRaw`SELECT graphile_worker.add_job('deliver_mail', json_build_object('id', ${id}::text), max_attempts := 25)`;
  return { id };
}

// The body holds single-use links (sign-up, password reset, invitations):
// encrypted so a database dump or backup does not hand them out, and erased
// once delivered. Layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext.
const VERSION = 1;

// Used only outside production when NEXTAUTH_SECRET is unset (tests, a first
// `npm run dev`). It protects nothing and is not meant to.
const DEV_SECRET = "liftoff-development-outbox-secret";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  if (cachedKey) return cachedKey;
  const secret = env.NEXTAUTH_SECRET;
  if (!secret && env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set in production: it encrypts queued mail.");
  }
  // A key of its own, derived rather than reusing next-auth's secret as is.
  cachedKey = Buffer.from(hkdfSync("sha256", secret ?? DEV_SECRET, "", "liftoff outbox body v1", 32));
  return cachedKey;
}

type Body = { text: string; headers?: Record<string, string> };

function encryptBody(body: Body): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(body), "utf8"), cipher.final()]);
  const out = new Uint8Array(1 + 12 + 16 + ciphertext.length);
  out.set([VERSION], 0);
  out.set(iv, 1);
  out.set(cipher.getAuthTag(), 13);
  out.set(ciphertext, 29);
  return out;
}

/** The stored body of an outbox message; throws when it was tampered with or the key changed. */
export function decryptBody(stored: Uint8Array): Body {
  const bytes = Buffer.from(stored);
  if (bytes.length < 29 || bytes[0] !== VERSION) throw new Error("Unknown outbox body format");
  const decipher = createDecipheriv("aes-256-gcm", key(), bytes.subarray(1, 13));
  decipher.setAuthTag(bytes.subarray(13, 29));
  const json = Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]).toString("utf8");
  const { text, headers } = JSON.parse(json) as Body;
  return headers ? { text, headers } : { text };
}
