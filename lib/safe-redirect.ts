// Every redirect target Liftoff follows (callbackUrl on the sign-in pages and
// in next-auth, links carried through sign-up and invitations) goes through
// here, so a crafted value can only ever lead to a path of this app.

const BASE = "http://liftoff.invalid";

/**
 * The path to return to after signing in: a same-origin path after the URL
 * parser has normalised it ("/..//evil.test" becomes "//evil.test", which a
 * browser reads as another host, so it is refused after normalising too).
 * Anything else, including control characters and backslashes that browsers
 * rewrite, falls back to "/".
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  // Browsers drop tabs and newlines and read "\" as "/" before resolving.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = url.pathname;
  if (path.startsWith("//") || path.includes("\\")) return "/";
  // The sign-in pages check their own callbackUrl again, so only the API is off limits.
  if (path.startsWith("/api/")) return "/";
  return `${path}${url.search}${url.hash}`;
}

/**
 * For next-auth's redirect callback: `url` may be a path or an absolute URL
 * of this origin; the answer is always an absolute URL on `baseUrl`.
 */
export function safeRedirectUrl(url: unknown, baseUrl: string): string {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    return "/";
  }
  if (typeof url !== "string") return `${origin}/`;
  if (url.startsWith("/")) return `${origin}${safeCallbackPath(url)}`;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== origin) return `${origin}/`;
    return `${origin}${safeCallbackPath(`${parsed.pathname}${parsed.search}${parsed.hash}`)}`;
  } catch {
    return `${origin}/`;
  }
}
