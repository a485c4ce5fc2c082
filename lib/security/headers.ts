// Security headers, as plain functions of the request's facts so they can be
// unit-tested and shared by proxy.ts (every page, route handler and error) and
// next.config.ts (static files, which the proxy does not see).
// No imports from the app: next.config.ts loads this file at build and start.

export type Header = [name: string, value: string];

/** 128 random bits, base64: a fresh one per response (see proxy.ts). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  nonce: string;
  /** `next dev` needs eval for React's debugging aids; production never does. */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade any stray http URL. */
  https?: boolean;
  /**
   * Origins a form may submit to besides this one: the single sign-on
   * provider, whose sign-in may be reached by a form post that redirects there.
   */
  formActionOrigins?: string[];
};

/**
 * The sha256 of the stylesheet sonner inserts at load (a <style> without a
 * nonce). tests check it against the installed sonner, so an upgrade that
 * changes the stylesheet fails there with the new hash to paste here.
 */
export const SONNER_STYLE_HASH = "sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY=";

/** The sha256 of no text: sonner appends its <style> empty, then fills it. */
export const EMPTY_STYLE_HASH = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

/**
 * The Content-Security-Policy value. Scripts run only with this response's
 * nonce (Next.js reads it from the request's copy of this header and puts it
 * on its own scripts) or when loaded by such a script ('strict-dynamic'), so
 * injected markup, inline event handlers and javascript: URLs never run.
 */
export function buildContentSecurityPolicy({ nonce, dev = false, https = false, formActionOrigins = [] }: CspOptions): string {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(nonce)) throw new Error("A CSP nonce must be base64.");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Dev injects style tags without a nonce (the error overlay). Sonner (the
    // toasts) injects its one fixed stylesheet without a nonce: allowed by its hash.
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`, `'${SONNER_STYLE_HASH}'`, `'${EMPTY_STYLE_HASH}'`])],
    // No image from another site: user Markdown renders those as links.
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...unique(formActionOrigins.map(originOf).filter((o): o is string => o !== null))],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The scheme://host[:port] of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

function unique(values: string[]) {
  return [...new Set(values)];
}

// Mailed links carry tokens in the URL (/reset-password?token=…,
// /verify-email?token=…, /invite/<token>, /unsubscribe?token=…): such a page sends no Referer at
// all, not even to this site, so the token never leaves the address bar.
const TOKEN_PAGES = ["/reset-password", "/verify-email", "/invite", "/unsubscribe"];

export function referrerPolicyFor(pathname: string): string {
  const tokenPage = TOKEN_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
  return tokenPage ? "no-referrer" : "strict-origin-when-cross-origin";
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "browsing-topics=()",
].join(", ");

/** Headers that depend on the path only (the same for a page and its files). */
export function staticSecurityHeaders(pathname: string): Header[] {
  return [
    ["Referrer-Policy", referrerPolicyFor(pathname)],
    ["X-Content-Type-Options", "nosniff"],
    // For browsers without CSP frame-ancestors.
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
  ];
}

export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Served over https: the request URL says so, or the reverse proxy in front
 * did (x-forwarded-proto). A forged header only gains an attacker an HSTS
 * header over plain http, which browsers ignore.
 */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  const first = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (first) return first === "https";
  return url.startsWith("https:");
}

export type ResponseHeaderOptions = {
  pathname: string;
  contentSecurityPolicy: string;
  https: boolean;
};

/** Every security header of a response the proxy handles. */
export function securityHeaders({ pathname, contentSecurityPolicy, https }: ResponseHeaderOptions): Header[] {
  return [
    ["Content-Security-Policy", contentSecurityPolicy],
    ...staticSecurityHeaders(pathname),
    ...(https ? [["Strict-Transport-Security", HSTS] as Header] : []),
  ];
}

/**
 * next.config.ts `headers()`: the path-only headers for every path, the
 * static files under /_next included (the proxy skips those). The later rule
 * wins for a key, so the token pages' rules come last.
 */
export function staticHeaderRules() {
  const toConfig = (headers: Header[]) => headers.map(([key, value]) => ({ key, value }));
  return [
    { source: "/:path*", headers: toConfig(staticSecurityHeaders("/")) },
    ...TOKEN_PAGES.map((page) => ({
      source: `${page}/:path*`,
      headers: [{ key: "Referrer-Policy", value: referrerPolicyFor(page) }],
    })),
  ];
}
