import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Comfort only: send signed-out visitors to sign-in and back afterwards.
// Every page and action checks the session and membership itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request });
  if (token) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const { pathname, search } = request.nextUrl;
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the pages reached signed out (sign-in, sign-up, mailed
  // links), the status page, next-auth, health and static files.
  matcher: [
    "/((?!sign-in|sign-up|verify-email|forgot-password|reset-password|invite/|status|api/auth|api/health|_next/|favicon.ico|robots.txt).*)",
  ],
};
