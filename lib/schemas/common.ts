import { z } from "zod";

// Building blocks every input schema uses, so bad input is refused the same
// way everywhere and never reaches Postgres as a 500.

/** Postgres `integer` bounds: a number past them is refused, not sent. */
export const INT4_MAX = 2_147_483_647;

export const id = (what: string) => z.uuid({ error: `Unknown ${what}.` });

/** An integer from a form, between `min` and the column's largest value. */
const boundedInt = (min: number, what: string) => {
  const error = { error: `Unknown ${what}.` };
  return z.coerce.number(error).int(error).min(min, error).max(INT4_MAX, error);
};

/** A counter the client echoes back (row versions, revision numbers). */
export const positiveInt = (what = "number") => boundedInt(1, what);
export const nonNegativeInt = (what = "number") => boundedInt(0, what);

// C0 control characters and DEL, but tab, newline and carriage return: text
// people type never holds them, and Postgres refuses NUL outright.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_MESSAGE = "Remove the invisible control characters from this text.";

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * The first field of a raw input (a form's values) holding a string with
 * control characters, with its name; null when there is none. Nested arrays
 * and objects are searched too, reported under their top-level field.
 */
export function findControlCharacters(raw: unknown): string | null {
  if (!raw || typeof raw !== "object") return null;
  for (const [key, value] of Object.entries(raw)) {
    if (containsControl(value, 0)) return key;
  }
  return null;
}

function containsControl(value: unknown, depth: number): boolean {
  if (typeof value === "string") return hasControlCharacters(value);
  if (depth > 8 || !value || typeof value !== "object") return false;
  return Object.values(value).some((v) => containsControl(v, depth + 1));
}

/** Postgres `bigint` bounds, for keyset cursors over bigint ids. */
const INT8_MAX = 9_223_372_036_854_775_807n;

/** A `?before=` cursor over a bigint id: undefined when absent or malformed. */
export function parseBigintCursor(value: unknown): bigint | undefined {
  if (typeof value !== "string" || !/^\d{1,19}$/.test(value)) return undefined;
  const n = BigInt(value);
  return n > 0n && n <= INT8_MAX ? n : undefined;
}

/** A `?page=` number: 1 when absent or malformed, never past `max`. */
export function parsePageNumber(value: unknown, max = 10_000): number {
  if (typeof value !== "string" || !/^\d{1,6}$/.test(value)) return 1;
  return Math.min(Math.max(1, Number(value)), max);
}

/** Free text from a URL (search boxes): trimmed, bounded, without control characters. */
export const searchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasControlCharacters(v));

/**
 * A keyset cursor over rows ordered by (timestamp, uuid): the sort key of the
 * last row shown, as `<epoch ms>.<uuid>`. Pages pass it through unread; only
 * the query that made it reads it back. Millisecond precision is exact for
 * the `timestamptz(3)` columns it is used with.
 */
export type TimeIdCursor = { at: Date; id: string };

// Any 8-4-4-4-12 hex: Postgres stores ids of every version, so the cursor takes them all.
const uuidSchema = z.guid();
/** 9999-12-31T23:59:59.999Z: a four-digit year, which both JavaScript and Postgres read back. */
const CURSOR_MS_MAX = 253_402_300_799_999;

export function formatTimeIdCursor(cursor: TimeIdCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

/** The cursor a page was given: undefined when absent or malformed (then the first page is shown). */
export function parseTimeIdCursor(value: unknown): TimeIdCursor | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d{1,15})\.([0-9a-fA-F-]{36})$/.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]);
  if (ms > CURSOR_MS_MAX || !uuidSchema.safeParse(match[2]).success) return undefined;
  return { at: new Date(ms), id: match[2]!.toLowerCase() };
}
