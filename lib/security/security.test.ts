import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  createNonce,
  HSTS,
  SONNER_STYLE_HASH,
  EMPTY_STYLE_HASH,
  isHttps,
  referrerPolicyFor,
  securityHeaders,
  staticHeaderRules,
} from "./headers";
import {
  contentLengthExceeds,
  DEFAULT_BODY_LIMIT_BYTES,
  formatBytes,
  isAllowedActionOrigin,
  isServerActionRequest,
  isProxyRefusal,
  NOT_UNDERSTOOD_MESSAGE,
  CROSS_SITE_MESSAGE,
  isWellFormedActionBody,
  parseBodyLimit,
  readBodyUpTo,
  tooLargeMessage,
} from "./requests";
import { securitySettings } from "./settings";

const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("the Content-Security-Policy", () => {
  const nonce = createNonce();
  const csp = directives(buildContentSecurityPolicy({ nonce }));

  it("runs scripts only with this response's nonce or loaded by one, and never eval", () => {
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`, `'${SONNER_STYLE_HASH}'`, `'${EMPTY_STYLE_HASH}'`]);
  });

  it("allows, besides nonced styles, exactly the stylesheet the installed sonner inserts", () => {
    const source = readFileSync(path.join(process.cwd(), "node_modules/sonner/dist/index.mjs"), "utf8");
    const literal = /__insertCSS\(("(?:[^"\\]|\\.)*")\);/.exec(source)?.[1];
    expect(literal, "sonner still inserts one stylesheet").toBeDefined();
    const hash = createHash("sha256").update(JSON.parse(literal!) as string, "utf8").digest("base64");
    expect(SONNER_STYLE_HASH).toBe(`sha256-${hash}`);
    expect(EMPTY_STYLE_HASH).toBe(`sha256-${createHash("sha256").update("").digest("base64")}`);
  });

  it("allows eval and inline styles only for next dev", () => {
    const dev = directives(buildContentSecurityPolicy({ nonce, dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
  });

  it("cannot be framed, loads no plugin, keeps base and images on this site", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("lets forms reach this site and the single sign-on provider's origin only", () => {
    expect(csp.get("form-action")).toEqual(["'self'"]);
    const sso = directives(
      buildContentSecurityPolicy({ nonce, formActionOrigins: ["https://id.acme.com/realms/x?y=1", "https://id.acme.com", "javascript:alert(1)", "not a url"] }),
    );
    expect(sso.get("form-action")).toEqual(["'self'", "https://id.acme.com"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(buildContentSecurityPolicy({ nonce, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("uses a fresh, unguessable nonce each time and refuses one that could break out", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(() => buildContentSecurityPolicy({ nonce: "x'; script-src *" })).toThrow();
  });
});

describe("the other security headers", () => {
  it("sends no Referer from pages whose URL carries a mailed token", () => {
    for (const path of ["/reset-password", "/verify-email", "/invite/abc123", "/invite/abc/accept", "/unsubscribe"]) {
      expect(referrerPolicyFor(path), path).toBe("no-referrer");
    }
    for (const path of ["/", "/sign-in", "/teams/1/members", "/reset-passwords", "/invites"]) {
      expect(referrerPolicyFor(path), path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("adds HSTS over https only", () => {
    const names = (https: boolean) => securityHeaders({ pathname: "/", contentSecurityPolicy: "x", https }).map(([n]) => n);
    expect(names(false)).toEqual(["Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options", "Permissions-Policy"]);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(HSTS).toMatch(/^max-age=\d{8}/);
  });

  it("reads https from the request or the reverse proxy in front", () => {
    expect(isHttps("https://liftoff.acme.com/x", null)).toBe(true);
    expect(isHttps("http://127.0.0.1:3000/x", "https")).toBe(true);
    expect(isHttps("http://127.0.0.1:3000/x", "https,http")).toBe(true);
    expect(isHttps("http://127.0.0.1:3000/x", null)).toBe(false);
    expect(isHttps("http://127.0.0.1:3000/x", "http")).toBe(false);
  });

  it("gives static files the path-only headers, the token pages' referrer rule last", () => {
    const rules = staticHeaderRules();
    expect(rules[0]).toMatchObject({ source: "/:path*" });
    expect(rules[0]!.headers.map((h) => h.key)).toEqual(["Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options", "Permissions-Policy"]);
    expect(rules.slice(1).map((r) => r.source)).toEqual(["/reset-password/:path*", "/verify-email/:path*", "/invite/:path*", "/unsubscribe/:path*"]);
    for (const rule of rules.slice(1)) expect(rule.headers).toEqual([{ key: "Referrer-Policy", value: "no-referrer" }]);
  });
});

describe("the body limit", () => {
  it("is Next.js' 1 MB unless BODY_LIMIT_BYTES says otherwise", () => {
    expect(parseBodyLimit(undefined)).toBe(1_048_576);
    expect(parseBodyLimit("")).toBe(DEFAULT_BODY_LIMIT_BYTES);
    expect(parseBodyLimit("2000000")).toBe(2_000_000);
    expect(securitySettings({ BODY_LIMIT_BYTES: "4096" }).bodyLimitBytes).toBe(4096);
  });

  it("refuses a malformed setting instead of guessing", () => {
    for (const value of ["1mb", "-1", "1.5", "100", "9".repeat(20)]) {
      expect(() => parseBodyLimit(value), value).toThrow(/BODY_LIMIT_BYTES/);
    }
  });

  it("says the limit in words", () => {
    expect(formatBytes(1_048_576)).toBe("1 MB");
    expect(formatBytes(524_288)).toBe("512 KB");
    expect(formatBytes(1_572_864)).toBe("1.5 MB");
    expect(tooLargeMessage(1_048_576)).toContain("the limit is 1 MB");
  });

  it("judges by Content-Length when there is one", () => {
    expect(contentLengthExceeds("1048576", 1_048_576)).toBe(false);
    expect(contentLengthExceeds("1048577", 1_048_576)).toBe(true);
    expect(contentLengthExceeds(null, 1_048_576)).toBeNull();
    expect(contentLengthExceeds("abc", 1_048_576)).toBeNull();
  });

  it("counts a body of unknown length, reading no more than it must", async () => {
    let pulled = 0;
    const body = (chunks: number, size: number) =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= chunks) return controller.close();
          pulled += 1;
          controller.enqueue(new Uint8Array(size));
        },
      });
    const read = await readBodyUpTo(body(4, 1024), 4096);
    expect(read === "too-large" ? read : read.byteLength).toBe(4096);
    pulled = 0;
    expect(await readBodyUpTo(body(1000, 1024), 4096)).toBe("too-large");
    expect(pulled).toBeLessThan(10);
  });
});

describe("server action requests", () => {
  const post = (headers: { nextAction?: string; contentType?: string }, pathname = "/teams/1") => ({
    method: "POST",
    pathname,
    nextAction: headers.nextAction ?? null,
    contentType: headers.contentType ?? null,
  });

  it("are POSTs to a page naming an action or carrying a form", () => {
    expect(isServerActionRequest(post({ nextAction: "7f00" }))).toBe(true);
    expect(isServerActionRequest(post({ contentType: "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isServerActionRequest(post({ contentType: "application/x-www-form-urlencoded" }))).toBe(true);
    expect(isServerActionRequest(post({ contentType: "application/json" }))).toBe(false);
    expect(isServerActionRequest({ ...post({ nextAction: "7f00" }), method: "GET" })).toBe(false);
    // Route handlers (next-auth's form posts, a provider's form_post callback) are not actions.
    expect(isServerActionRequest(post({ contentType: "application/x-www-form-urlencoded" }, "/api/auth/callback/oidc"))).toBe(false);
  });
});

describe("the server action origin check", () => {
  const from = (origin: string | null, host = "liftoff.acme.com", forwardedHost: string | null = null, allowedOrigins: string[] = []) =>
    isAllowedActionOrigin({ origin, host, forwardedHost, allowedOrigins });

  it("accepts the app's own origin, by Host or by the reverse proxy's X-Forwarded-Host", () => {
    expect(from("https://liftoff.acme.com")).toBe(true);
    expect(from("https://LIFTOFF.acme.com")).toBe(true);
    expect(from("http://127.0.0.1:3100", "127.0.0.1:3100")).toBe(true);
    expect(from("https://liftoff.acme.com", "10.0.0.5:3000", "liftoff.acme.com, 10.0.0.5")).toBe(true);
  });

  it("refuses any other site, a sandboxed frame's null and garbage", () => {
    expect(from("http://evil.test")).toBe(false);
    expect(from("https://liftoff.acme.com.evil.test")).toBe(false);
    expect(from("https://liftoff.acme.com:8443")).toBe(false);
    expect(from("http://127.0.0.1:3101", "127.0.0.1:3100")).toBe(false);
    expect(from("null")).toBe(false);
    expect(from("not a url")).toBe(false);
    expect(from("file:///etc/passwd")).toBe(false);
    // The forwarded host wins over Host, as in Next.js.
    expect(from("https://liftoff.acme.com", "liftoff.acme.com", "other.acme.com")).toBe(false);
  });

  it("lets through a request with no Origin, as Next.js does (no browser sends one cross-site)", () => {
    expect(from(null)).toBe(true);
  });

  it("accepts the listed allowed origins, one label per *", () => {
    expect(from("https://app.acme.com", "liftoff.internal", null, ["app.acme.com"])).toBe(true);
    expect(from("https://eu.acme.com", "liftoff.internal", null, ["*.acme.com"])).toBe(true);
    expect(from("https://a.eu.acme.com", "liftoff.internal", null, ["*.acme.com"])).toBe(false);
    expect(from("https://acme.com", "liftoff.internal", null, ["*.acme.com"])).toBe(false);
    expect(from("https://evil.com", "liftoff.internal", null, ["*.com"])).toBe(false);
  });
});

describe("security settings", () => {
  it("allow the single sign-on provider's origin in form-action when one is set", () => {
    expect(securitySettings({ OIDC_ISSUER: "http://127.0.0.1:3126/oidc" }).formActionOrigins).toEqual(["http://127.0.0.1:3126"]);
    expect(securitySettings({}).formActionOrigins).toEqual([]);
    expect(securitySettings({ NODE_ENV: "development" }).dev).toBe(true);
    expect(securitySettings({ NODE_ENV: "production" }).dev).toBe(false);
  });
});

describe("isWellFormedActionBody", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return data;
  };

  it("accepts what React sends for a form action", () => {
    expect(isWellFormedActionBody(form({ "0": '["$undefined","$K1"]', "1_teamId": "x", "1_body": "hi" }))).toBe(true);
    // Captured from Chromium submitting the sign-up form.
    expect(
      isWellFormedActionBody(
        form({ "_1_$ACTION_REF_1": "", "_1_$ACTION_KEY": "k5f7c", "_1_name": "X", "_1_email": "bad", "0": '[null,"$K1"]' }),
      ),
    ).toBe(true);
    expect(isWellFormedActionBody(form({ "0": '[{"ok":false,"error":"$$5 off"},"$K1"]', "1_a": "b" }))).toBe(true);
    expect(isWellFormedActionBody('["plain", 1, null, "$undefined", "$D2026-01-01T00:00:00.000Z", "$$dollar"]')).toBe(true);
    expect(isWellFormedActionBody("[]")).toBe(true);
    // An empty FormData argument has no parts at all.
    expect(isWellFormedActionBody('["$K1"]')).toBe(true);
    expect(isWellFormedActionBody(form({ "0": '[null,"$K1"]' }))).toBe(true);
  });

  it("refuses what React cannot decode", () => {
    for (const body of ["aaa", '"x"', '{"a":1}', '["$Q1"]', '["$@3"]', '["$1"]', "", "["]) {
      expect(isWellFormedActionBody(body), body).toBe(false);
    }
    expect(isWellFormedActionBody(form({ "0": "aaa" }))).toBe(false);
    expect(isWellFormedActionBody(form({ "1_x": "y" }))).toBe(false);
    expect(isWellFormedActionBody(form({ "0": '["$Q2"]', "1_x": "y" }))).toBe(false);
  });
});

describe("isProxyRefusal", () => {
  it("recognises the proxy's own messages and nothing else", () => {
    expect(isProxyRefusal(tooLargeMessage(DEFAULT_BODY_LIMIT_BYTES))).toBe(true);
    expect(isProxyRefusal(NOT_UNDERSTOOD_MESSAGE)).toBe(true);
    expect(isProxyRefusal(CROSS_SITE_MESSAGE)).toBe(true);
    for (const other of ["Connection closed.", "An error occurred in the Server Components render.", undefined, 413]) {
      expect(isProxyRefusal(other)).toBe(false);
    }
  });
});
