import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy, createNonce, isHttps, securityHeaders } from "@/lib/security/headers";
import {
  contentLengthExceeds,
  CROSS_SITE_MESSAGE,
  NOT_UNDERSTOOD_MESSAGE,
  isAllowedActionOrigin,
  isServerActionRequest,
  isWellFormedActionBody,
  readBodyUpTo,
  tooLargeMessage,
} from "@/lib/security/requests";
import { securitySettings } from "@/lib/security/settings";

const settings = securitySettings();

// The pages reached signed out (sign-in, sign-up, mailed links), the status
// page, next-auth, health and the live event streams (they answer 404 for
// themselves; a redirect to an HTML page means nothing to an EventSource):
// the comfort redirect below skips them. Same
// prefixes, same semantics as the matcher this proxy had before it set headers.
const NEEDS_SIGN_IN =
  /^\/(?!sign-in|sign-up|verify-email|forgot-password|reset-password|invite\/|unsubscribe|api\/unsubscribe|status|api\/auth|api\/health|api\/teams\/[^/]+\/live$|_next\/|favicon.ico|robots.txt)/;

// Runs on every request but static files, to put security headers on every
// page, route handler, next-auth answer and error. In order:
// 1. refuse what Next.js would answer with a 500: a body over the limit (413)
//    and a server action posted from another site (403);
// 2. comfort only: send signed-out visitors to sign-in and back afterwards
//    (every page and action checks the session and membership itself);
// 3. a fresh CSP nonce, given to Next.js through the request's copy of the
//    header so it marks its own scripts with it.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = isHttps(request.url, request.headers.get("x-forwarded-proto"));
  const nonce = createNonce();
  const contentSecurityPolicy = buildContentSecurityPolicy({
    nonce,
    dev: settings.dev,
    https,
    formActionOrigins: [...settings.formActionOrigins],
  });
  const secure = <T extends Response>(response: T): T => {
    for (const [name, value] of securityHeaders({ pathname, contentSecurityPolicy, https })) {
      response.headers.set(name, value);
    }
    return response;
  };

  const refusal = await refuse(request, pathname);
  if (refusal) return secure(refusal);

  if (NEEDS_SIGN_IN.test(pathname) && !(await getToken({ req: request }))) {
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return secure(NextResponse.redirect(signIn));
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", contentSecurityPolicy);
  requestHeaders.set("x-nonce", nonce);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }));
}

// Plain text, not text/plain; charset=…: Next.js' client shows the body of a
// text/plain error answer to a server action as the error's message.
function plain(status: number, message: string) {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain" } });
}

async function refuse(request: NextRequest, pathname: string): Promise<NextResponse | null> {
  const limit = settings.bodyLimitBytes;
  const isAction = isServerActionRequest(describe(request, pathname));
  if (request.method !== "GET" && request.method !== "HEAD") {
    // A Content-Length over the limit: refused before reading anything.
    // Route handlers read (and bound) their own bodies.
    if (contentLengthExceeds(request.headers.get("content-length"), limit)) return plain(413, tooLargeMessage(limit));
  }
  if (
    isAction &&
    !isAllowedActionOrigin({
      origin: request.headers.get("origin"),
      host: request.headers.get("host"),
      forwardedHost: request.headers.get("x-forwarded-host"),
      allowedOrigins: settings.allowedActionOrigins,
    })
  ) {
    return plain(403, CROSS_SITE_MESSAGE);
  }
  if (isAction && request.body) {
    // The proxy reads its own copy of the body (Next keeps the original for
    // the action): counted as it arrives, so a chunked upload past the limit
    // gets 413 instead of Next's 500, and checked to be arguments React can
    // decode, so a crafted body gets 400 instead of a 500 (the app's own
    // forms always send well-formed ones).
    const bytes = await readBodyUpTo(request.body, limit);
    if (bytes === "too-large") return plain(413, tooLargeMessage(limit));
    if (request.headers.get("next-action") !== null) {
      const contentType = request.headers.get("content-type") ?? "text/plain";
      const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
      const body = multipart
        ? await new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => null)
        : new TextDecoder().decode(bytes);
      if (body === null || !isWellFormedActionBody(body)) {
        return plain(400, NOT_UNDERSTOOD_MESSAGE);
      }
    }
  }
  return null;
}

function describe(request: NextRequest, pathname: string) {
  return {
    method: request.method,
    pathname,
    nextAction: request.headers.get("next-action"),
    contentType: request.headers.get("content-type"),
  };
}

export const config = {
  // Everything but Next.js' own files (next.config.ts gives those their headers).
  matcher: ["/((?!_next/).*)"],
};
