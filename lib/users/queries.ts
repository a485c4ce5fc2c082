import "server-only";
import { listSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";

/** The signed-in user's live sessions and recent identity events. */
export async function getAccountOverview(userId: string) {
  const [sessions, events] = await Promise.all([
    listSessions(userId),
    db.auditEvent.findMany({
      where: { teamId: null, targetType: "user", targetId: userId },
      select: { id: true, action: true, createdAt: true, after: true },
      orderBy: { id: "desc" },
      take: 20,
    }),
  ]);
  return { sessions, events };
}

/** "Chrome on Linux" from a User-Agent header: enough to tell sessions apart. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser =
    /Edg\//.test(userAgent) ? "Edge"
    : /Firefox\//.test(userAgent) ? "Firefox"
    : /Chrome\/|Chromium\//.test(userAgent) ? "Chrome"
    : /Safari\//.test(userAgent) ? "Safari"
    : /curl|node|undici|python/i.test(userAgent) ? "A script"
    : "A browser";
  const os =
    /Android/.test(userAgent) ? "Android"
    : /iPhone|iPad/.test(userAgent) ? "iOS"
    : /Windows/.test(userAgent) ? "Windows"
    : /Mac OS X|Macintosh/.test(userAgent) ? "macOS"
    : /Linux|X11/.test(userAgent) ? "Linux"
    : null;
  return os ? `${browser} on ${os}` : browser;
}

export const IDENTITY_EVENT_LABELS: Record<string, string> = {
  "user.signed_up": "Account created",
  "user.email_verified": "Email address verified",
  "user.signed_in": "Signed in",
  "user.sign_in_failed_burst": "Many failed sign-in attempts; sign-in paused",
  "user.signed_out": "Signed out",
  "user.password_changed": "Password changed",
  "user.password_reset_requested": "Password reset link requested",
  "user.password_reset": "Password reset by mailed link",
  "user.session_revoked": "Session signed out from the account page",
  "user.sso_linked": "Single sign-on linked",
  "user.notifications_changed": "Notification settings changed",
  "user.unsubscribed": "Notification mail turned off from a mailed link",
};
