import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { seedFeature, seedTeam, type SeededTeam } from "./fixtures";
import { newEmail, signIn } from "./helpers";

// Security headers on every kind of response, the app working under its
// Content-Security-Policy, and the proxy's answers to an oversized body (413)
// and a server action from another site (403), which Next.js answers with 500.

type Headers = Record<string, string>;

function expectSecurityHeaders(headers: Headers, { referrer = "strict-origin-when-cross-origin" } = {}) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toContain("unsafe-inline");
  for (const directive of [
    "default-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "img-src 'self' data:",
    // Single sign-on (e2e/support/oidc-provider.ts) may be reached by a form post.
    "form-action 'self' http://127.0.0.1:",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(headers["referrer-policy"]).toBe(referrer);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  // Served over plain http here: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  return csp;
}

/** Collects every CSP violation (and Permissions-Policy error) the browser reports in this page. */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

let team: SeededTeam;
let featureId: string;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Cara Lead", roles: ["LEAD", "PM"] },
    { key: "dev", name: "Dev Devi", roles: ["DEV"] },
  ]);
  featureId = await seedFeature(team.teamId, team.people.lead!.id, "POC", "Fraud score v2");
});

test.afterAll(async () => {
  await team.cleanup();
});

test("signed-out pages, route handlers, next-auth and static files carry the security headers", async ({ request }) => {
  const signInPage = await request.get("/sign-in");
  expect(signInPage.status()).toBe(200);
  const csp = expectSecurityHeaders(signInPage.headers());
  // Next.js marked its scripts with this response's nonce, and only those run.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = [...(await signInPage.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toBe(csp);

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectSecurityHeaders(health.headers());

  const nextAuth = await request.get("/api/auth/csrf");
  expect(nextAuth.status()).toBe(200);
  expectSecurityHeaders(nextAuth.headers());

  // A signed-out visitor is still sent to sign-in, and the redirect has them too.
  const redirect = await request.get(`/teams/${team.teamId}`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["location"]).toBe(`/sign-in?callbackUrl=%2Fteams%2F${team.teamId}`);
  expectSecurityHeaders(redirect.headers());

  // Mailed links carry a token in the URL: those pages send no Referer at all.
  expectSecurityHeaders((await request.get("/reset-password?token=abc")).headers(), { referrer: "no-referrer" });
  expectSecurityHeaders((await request.get("/invite/abc")).headers(), { referrer: "no-referrer" });

  // Static files get the path-only headers from next.config.ts.
  const script = /<script\b[^>]*src="(\/_next\/static\/[^"]+)"/.exec(await signInPage.text())![1]!;
  const file = await request.get(script);
  expect(file.status()).toBe(200);
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(file.headers()["x-frame-options"]).toBe("DENY");

  // Behind a reverse proxy that terminates TLS: HSTS too.
  const https = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
});

test("a member signs in and works on the board and a feature under the CSP, without a violation", async ({
  page,
}) => {
  const violations = watchCsp(page);
  // The pages reached signed out, the formerly prerendered forgot-password among them.
  for (const path of ["/sign-up", "/forgot-password", "/reset-password?token=x", "/verify-email?token=x", "/status"]) {
    expect((await page.goto(path))!.status(), path).toBe(200);
  }
  await page.goto("/sign-in");
  await signIn(page, team.people.lead!.email);
  await expect(page.getByTestId("current-user")).toHaveText("Cara Lead");

  const board = await page.goto(`/teams/${team.teamId}`);
  expect(board!.status()).toBe(200);
  expectSecurityHeaders(await board!.allHeaders());
  await expect(page.getByRole("link", { name: "Fraud score v2" })).toBeVisible();
  // Client-side navigation needs the app's scripts to run.
  await page.getByRole("link", { name: "Fraud score v2" }).click();
  await expect(page).toHaveURL(new RegExp(`/features/${featureId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Fraud score v2" })).toBeVisible();
  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("row", { name: /Dev Devi/ })).toBeVisible();

  // Every other kind of page renders under the same policy without a violation.
  for (const path of [
    `/teams/${team.teamId}/features/${featureId}/spec`,
    `/teams/${team.teamId}/features/${featureId}/spec/revisions`,
    `/teams/${team.teamId}/features/${featureId}/brief`,
    `/teams/${team.teamId}/features/${featureId}/readiness`,
    `/teams/${team.teamId}/my-work`,
    `/teams/${team.teamId}/qa`,
    `/teams/${team.teamId}/settings`,
    `/teams/${team.teamId}/audit`,
    `/teams/${team.teamId}/insights`,
    `/teams/${team.teamId}/stages/poc`,
    `/teams/${team.teamId}/features/new`,
    "/account",
    "/teams/new",
  ]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await expect(page.getByTestId("current-user")).toHaveText("Cara Lead");
  }

  // A page that does not exist: a 404 with the same headers (and no violation either).
  const missing = await page.goto(`/teams/${team.teamId}/no-such-page`);
  expect(missing!.status()).toBe(404);
  expectSecurityHeaders(await missing!.allHeaders());
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  expect(violations).toEqual([]);
});

test("single sign-on still completes under the CSP", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(newEmail("sso-csp"));
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/teams\/new$/);
  await expect(page.getByTestId("current-user")).toHaveText(/SSO sso-csp/);
  expect(violations).toEqual([]);
});

test("a page on this very site cannot frame the members page", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/sign-in");
  await signIn(page, team.people.lead!.email);
  await expect(page.getByTestId("current-user")).toHaveText("Cara Lead");
  await page.goto("/status");

  // The members page itself loads fine for this member...
  expect((await page.request.get(`/teams/${team.teamId}/members`)).status()).toBe(200);
  // ...but inside a frame, even a same-origin one, the browser refuses it.
  const framed = await page.evaluate(async (url) => {
    const frame = document.createElement("iframe");
    frame.src = url;
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    // A refused frame holds the browser's error page, which this page cannot read.
    return frame.contentDocument?.body?.innerText ?? null;
  }, `/teams/${team.teamId}/members`);
  expect(framed ?? "").not.toContain("Dev Devi");
  await expect.poll(() => violations.join("\n")).toContain("frame-ancestors 'none'");
});

// A server action id has this shape; the proxy refuses before Next.js looks it up.
const ACTION_ID = `7f${"0".repeat(40)}`;

test("a body over the limit answers 413 with a plain message, never 500", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const big = "a".repeat(2 * 1024 * 1024);
  const action = await request.post("/sign-up", {
    headers: { "Next-Action": ACTION_ID, Origin: origin, "Content-Type": "text/plain;charset=UTF-8" },
    data: big,
  });
  expect(action.status()).toBe(413);
  // Exactly text/plain: Next.js' client then shows this text as the action's error.
  expect(action.headers()["content-type"]).toBe("text/plain");
  expect(await action.text()).toContain("the limit is 1 MB");
  expectSecurityHeaders(action.headers());

  // A form posted before the page hydrated (multipart, no Next-Action header).
  const form = await request.post("/sign-up", { headers: { Origin: origin }, multipart: { name: big } });
  expect(form.status()).toBe(413);

  // A body sent in chunks, with no Content-Length to judge by, is counted.
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${origin}/sign-up`,
      {
        method: "POST",
        headers: {
          "Next-Action": ACTION_ID,
          Origin: origin,
          "Content-Type": "text/plain;charset=UTF-8",
          "Transfer-Encoding": "chunked",
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    for (let i = 0; i < 32; i += 1) req.write("a".repeat(64 * 1024));
    req.end();
  });
  expect(chunked).toBe(413);
});

test("a server action posted from another site answers 403, never 500", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const post = (from: string) =>
    request.post(`/teams/${team.teamId}/members`, {
      headers: { "Next-Action": ACTION_ID, Origin: from, "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });

  const evil = await post("http://evil.test");
  expect(evil.status()).toBe(403);
  expect(evil.headers()["content-type"]).toBe("text/plain");
  expect(await evil.text()).toContain("another site");
  expectSecurityHeaders(evil.headers());

  // A sandboxed frame's "null" origin and a look-alike host are refused too.
  expect((await post("null")).status()).toBe(403);
  expect((await post(`http://127.0.0.1.evil.test:${new URL(origin).port}`)).status()).toBe(403);

  // A form posted cross-site before hydration, with no Next-Action header.
  const form = await request.post("/sign-up", {
    headers: { Origin: "http://evil.test" },
    multipart: { name: "Eve", email: "eve@evil.test" },
  });
  expect(form.status()).toBe(403);

  // From the app's own origin the proxy lets it through (here: signed out, to sign-in).
  const own = await post(origin);
  expect(own.status()).not.toBe(403);
});
