import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// Every secret Liftoff hands out (session ids, verification, reset and
// invitation links) has the same shape: "<row id>.<secret>". The row id finds
// the record; the secret (256 random bits) is stored only as its SHA-256 and
// compared in constant time, so a database reader cannot use a stored token
// and timing reveals nothing about the secret.

export type IssuedSecret = { secret: string; secretHash: string };

export function issueSecret(): IssuedSecret {
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function formatToken(id: string, secret: string): string {
  return `${id}.${secret}`;
}

const tokenSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const dot = value.indexOf(".");
    const id = value.slice(0, dot);
    const secret = value.slice(dot + 1);
    if (dot < 0 || !z.uuid().safeParse(id).success || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
      ctx.addIssue({ code: "custom", message: "This link is not valid." });
      return z.NEVER;
    }
    return { id, secret };
  });

/** Splits a presented token; null when it cannot be one of ours. */
export function parseToken(value: unknown): { id: string; secret: string } | null {
  const parsed = tokenSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
