import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/teams/abc/members", "/teams/abc/members"],
    ["/teams/abc?x=1#y", "/teams/abc?x=1#y"],
  ])("keeps the app path %s", (input, output) => {
    expect(safeCallbackPath(input)).toBe(output);
  });

  it.each([
    undefined,
    "",
    "https://evil.test/",
    "//evil.test/path",
    "/\\evil.test",
    "javascript:alert(1)",
    "evil.test",
    "/sign-in?callbackUrl=//evil.test",
  ])("falls back to / for %s", (input) => {
    expect(safeCallbackPath(input)).toBe("/");
  });
});
