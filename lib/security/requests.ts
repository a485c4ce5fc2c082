// Refusals the proxy makes before Next.js sees a request, for the two cases
// where Next.js itself answers 500: a body over the server action limit and a
// server action posted from another site. Pure functions, shared with
// next.config.ts (the limit) and unit-tested.

/** Next.js' own default for server actions: "1 MB" = 1,048,576 bytes. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The largest request body accepted, in bytes: BODY_LIMIT_BYTES or 1 MB.
 * next.config.ts gives the same number to serverActions.bodySizeLimit, so the
 * proxy's 413 and Next.js' own limit are one setting. A malformed value stops
 * the server at start-up rather than silently falling back.
 */
export function parseBodyLimit(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_BODY_LIMIT_BYTES;
  if (!/^\d+$/.test(value.trim())) throw new Error(`BODY_LIMIT_BYTES must be a whole number of bytes, not ${JSON.stringify(value)}.`);
  const bytes = Number(value.trim());
  if (!Number.isSafeInteger(bytes) || bytes < 1024) throw new Error("BODY_LIMIT_BYTES must be at least 1024.");
  return bytes;
}

/** "1 MB", "512 KB", "1.5 MB": the limit as people read it (binary units, as Next.js counts). */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

export function tooLargeMessage(limit: number): string {
  return `This is too large to save: the limit is ${formatBytes(limit)}. Shorten it and try again.`;
}

/**
 * true/false when Content-Length says; null when the body's size is unknown
 * (chunked) and must be counted.
 */
export function contentLengthExceeds(contentLength: string | null, limit: number): boolean | null {
  if (contentLength === null) return null;
  const value = contentLength.trim();
  // A malformed length never reaches here from Node's HTTP parser; count then.
  if (!/^\d+$/.test(value)) return null;
  return Number(value) > limit;
}

/**
 * Reads a body of unknown length: its bytes, or "too-large" as soon as it
 * passes the limit (the rest is never read).
 */
export async function readBodyUpTo(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) return "too-large";
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * A request Next.js may run as a server action: a POST to a page (not a route
 * handler under /api) that names an action (Next-Action header) or carries a
 * form, which a progressively enhanced form posts before the page hydrates.
 */
export function isServerActionRequest(request: {
  method: string;
  pathname: string;
  nextAction: string | null;
  contentType: string | null;
}): boolean {
  if (request.method !== "POST") return false;
  if (request.pathname === "/api" || request.pathname.startsWith("/api/")) return false;
  if (request.nextAction !== null) return true;
  const type = request.contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "multipart/form-data" || type === "application/x-www-form-urlencoded";
}

/**
 * Next.js' own CSRF rule for server actions: the Origin's host must equal the
 * host the request was sent to (X-Forwarded-Host's first value when a reverse
 * proxy set one, else Host), or be listed in serverActions.allowedOrigins
 * ("acme.com", "*.acme.com"). A request with no Origin is let through, as
 * Next.js does: browsers always send one on a cross-site POST, so it can only
 * come from a non-browser client, which has no victim's cookies to abuse.
 */
export function isAllowedActionOrigin(request: {
  origin: string | null;
  host: string | null;
  forwardedHost: string | null;
  allowedOrigins?: readonly string[];
}): boolean {
  if (request.origin === null) return true;
  const originHost = hostOfOrigin(request.origin);
  if (originHost === null) return false;
  const target = (request.forwardedHost?.split(",")[0]?.trim() || request.host)?.toLowerCase();
  if (target && originHost === target) return true;
  return (request.allowedOrigins ?? []).some((pattern) => matchesHostPattern(originHost, pattern.toLowerCase()));
}

/** "https://acme.com:8443" → "acme.com:8443"; "null" and non-URLs → null. */
function hostOfOrigin(origin: string): string | null {
  if (origin === "null") return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.host.toLowerCase();
  } catch {
    return null;
  }
}

function matchesHostPattern(host: string, pattern: string): boolean {
  // "*" stands for exactly one label, and never for the whole domain ("*.com").
  if (pattern.startsWith("*.") && pattern.split(".").length > 2) {
    const suffix = pattern.slice(1);
    const label = host.slice(0, -suffix.length);
    return host.endsWith(suffix) && label.length > 0 && !label.includes(".");
  }
  return host === pattern;
}

// React's reply encoding for server action arguments: a JSON array (the
// arguments) as the text body, or as field "0" of a multipart body whose
// other fields are the parts it refers to. A string starting with "$" is a
// special value ("$undefined", "$D<date>", "$n<bigint>", "$$" escapes a "$")
// or a reference to another part ("$K1", "$Q2", "$@3", "$1"). React throws,
// and Next answers 500, for input that is not JSON, not an array, or refers
// to a part that is missing: those are refused here with 400 instead.
const INLINE_SPECIAL = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n|S|Z)/;
const REFERENCE = /^\$[A-Za-z@]?([0-9a-f]+)(?::|$)/;

/** The ids of the parts an encoded argument list refers to; null when it is not one. */
export function actionReplyReferences(root: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(root);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const refs: string[] = [];
  const walk = (value: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    if (typeof value === "string") {
      if (!value.startsWith("$") || INLINE_SPECIAL.test(value)) return true;
      const match = REFERENCE.exec(value);
      if (!match) return false;
      // "$K<id>" (a FormData) decodes to an empty form when its part is
      // missing; every other reference to a missing part throws.
      if (!value.startsWith("$K")) refs.push(String(parseInt(match[1]!, 16)));
      return true;
    }
    if (Array.isArray(value)) return value.every((v) => walk(v, depth + 1));
    if (value && typeof value === "object") return Object.values(value).every((v) => walk(v, depth + 1));
    return true;
  };
  return walk(parsed, 0) ? refs : null;
}

/** Whether a server action's body is arguments React can decode. */
export function isWellFormedActionBody(body: string | FormData): boolean {
  if (typeof body === "string") {
    // A text body has no other parts: any reference dangles.
    const refs = actionReplyReferences(body);
    return refs !== null && refs.length === 0;
  }
  const root = body.get("0");
  if (typeof root !== "string") return false;
  const refs = actionReplyReferences(root);
  if (refs === null) return false;
  // React names a part's fields "<id>_<name>", Next's form encoding "_<id>_<name>".
  const keys = [...body.keys()];
  return refs.every((id) => keys.some((key) => key === id || key.startsWith(`${id}_`) || key.startsWith(`_${id}_`)));
}

export const NOT_UNDERSTOOD_MESSAGE = "This request was not understood. Reload the page and try again.";
export const CROSS_SITE_MESSAGE = "This form was sent from another site, so it was refused.";

/**
 * Whether an error a form's action threw in the browser carries one of the
 * proxy's refusals (413 / 403 / 400, whose plain-text body Next's client
 * turns into the error's message): written for people, so it can be shown.
 */
export function isProxyRefusal(message: unknown): message is string {
  return (
    typeof message === "string" &&
    (message.startsWith("This is too large to save") || message === NOT_UNDERSTOOD_MESSAGE || message === CROSS_SITE_MESSAGE)
  );
}
