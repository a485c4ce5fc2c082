/**
 * The path to return to after signing in, limited to paths of this app so a
 * crafted link cannot send a user to another site ("//evil.test", "https:…").
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/";
  }
  try {
    const base = "http://liftoff.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return "/";
    if (url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/sign-up")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
