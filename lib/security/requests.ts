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

/** Reads at most limit + 1 bytes of a body to learn whether it is over the limit. */
export async function streamExceeds(body: ReadableStream<Uint8Array>, limit: number): Promise<boolean> {
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > limit) return true;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
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
