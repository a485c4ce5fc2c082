import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/safe-redirect";

const BASE = "http://127.0.0.1:3100";

// Payloads that have sent people off-site in real apps: protocol-relative
// paths, backslashes browsers turn into slashes, dot segments that collapse
// into "//", encodings, control characters browsers drop, other schemes and
// lookalike dots.
export const REDIRECT_ATTACKS = [
  "//evil.test",
  "//evil.test/path",
  "///evil.test",
  "////evil.test",
  "/\\evil.test",
  "\\\\evil.test",
  "\\/evil.test",
  "/\\/evil.test",
  "/..//evil.test",
  "/../..//evil.test",
  "/./..//evil.test",
  "/a/../..//evil.test",
  "/%2e%2e//evil.test",
  "/%2E%2E//evil.test",
  "/.%2e//evil.test",
  "/\t/evil.test",
  "/\n/evil.test",
  "/\r\n/evil.test",
  "/ /evil.test",
  "/\u0000/evil.test",
  "https://evil.test/",
  "http://evil.test",
  "HTTPS://EVIL.TEST",
  "https:evil.test",
  "http:/evil.test",
  "https://127.0.0.1:3100@evil.test/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.test",
  "。evil.test",
  "//evil。test",
  "/\u3002/evil.test",
  "//evil%E3%80%82test",
  "/%5Cevil.test",
  "/%5C%5Cevil.test",
  "",
  "   ",
  "/api/auth/signout",
];

describe("safeCallbackPath", () => {
  it.each([
    ["/teams/abc/members", "/teams/abc/members"],
    ["/teams/abc?x=1#y", "/teams/abc?x=1#y"],
    ["/invite/abc.def", "/invite/abc.def"],
    ["/teams/a/../b", "/teams/b"],
    ["/sign-in?callbackUrl=%2Fteams", "/sign-in?callbackUrl=%2Fteams"],
  ])("keeps the app path %s", (input, output) => {
    expect(safeCallbackPath(input)).toBe(output);
  });

  it(`never leaves the app for any of ${REDIRECT_ATTACKS.length} crafted values`, () => {
    expect(REDIRECT_ATTACKS.length).toBeGreaterThanOrEqual(30);
    for (const payload of REDIRECT_ATTACKS) {
      const path = safeCallbackPath(payload);
      expect(path, payload).toMatch(/^\/(?![/\\])/);
      // Resolved the way a browser would, it stays on this origin.
      expect(new URL(path, BASE).origin, payload).toBe(BASE);
    }
  });

  it("accepts no value that is not a string", () => {
    for (const value of [undefined, null, 42, ["/a", "/b"], { toString: () => "//evil.test" }]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  it("keeps same-origin URLs and paths", () => {
    expect(safeRedirectUrl("/teams/x", BASE)).toBe(`${BASE}/teams/x`);
    expect(safeRedirectUrl(`${BASE}/teams/x?y=1`, BASE)).toBe(`${BASE}/teams/x?y=1`);
  });

  it("turns every crafted value into a URL on the app's origin", () => {
    for (const payload of [...REDIRECT_ATTACKS, `${BASE}//evil.test`, `${BASE}/..//evil.test`, "http://127.0.0.1:3101/"]) {
      const url = safeRedirectUrl(payload, BASE);
      expect(new URL(url).origin, payload).toBe(BASE);
      expect(new URL(url).pathname.startsWith("//"), payload).toBe(false);
    }
  });
});
