import { expect, test, type Browser } from "@playwright/test";
import { seedTeam } from "./fixtures";
import { newEmail, PASSWORD, signIn, verifyFromMail } from "./helpers";
import { waitForMail } from "./mail";

// Identities that can be trusted: verified addresses, invitations accepted
// only through their link, sessions that really end, password reset, single
// sign-on, and redirects that never leave the app.

async function signedIn(browser: Browser, email: string, password = PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, email, password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return { context, page };
}

test("signing up with an invited address, without the link, joins nothing", async ({ browser, page }) => {
  const team = await seedTeam([{ key: "lead", name: "Lena Lead", roles: ["LEAD"] }]);
  const lead = await signedIn(browser, team.people.lead!.email);
  const invited = newEmail("pending");
  await lead.page.goto(`/teams/${team.teamId}/members`);
  await lead.page.getByLabel("Email").fill(invited);
  await lead.page.getByRole("checkbox", { name: "QA", exact: true }).check();
  await lead.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(lead.page.getByLabel(`Invitation link for ${invited}`)).toBeVisible();

  // Someone else signs up first with that address, spelled differently.
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Squatter");
  await page.getByLabel("Email").fill(`  ${invited.toUpperCase()} `);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // Signed in but unverified: told to check the mail, and no team is reachable.
  await page.goto("/sign-in");
  await signIn(page, invited);
  await expect(page).toHaveURL(/\/verify-email$/);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a new link" })).toBeVisible();
  const response = await page.goto(`/teams/${team.teamId}`);
  expect(page.url()).toMatch(/\/verify-email$/);
  expect(response?.status()).toBeLessThan(500);

  // Even verified, the address is in no team until the invitation is accepted.
  await verifyFromMail(page, invited);
  await page.goto("/");
  await expect(page).toHaveURL(/\/teams\/new$/);
  expect((await page.goto(`/teams/${team.teamId}`))?.status()).toBe(404);

  await lead.context.close();
  await team.cleanup();
});

test("sign-out ends the session on the server: the old cookie is refused", async ({ browser }) => {
  const team = await seedTeam([{ key: "pm", name: "Pia PM", roles: ["PM"] }]);
  const { context, page } = await signedIn(browser, team.people.pm!.email);
  await page.goto(`/teams/${team.teamId}`);
  const cookies = await context.cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Replay the cookie from before signing out, in a fresh browser.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto(`/teams/${team.teamId}`);
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await expect(replayPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const session = await replay.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});

  await Promise.all([context.close(), replay.close()]);
  await team.cleanup();
});

test("a password reset by mailed link signs out every other session", async ({ browser, page }) => {
  const team = await seedTeam([{ key: "dev", name: "Dana Dev", roles: ["DEV"] }]);
  const email = team.people.dev!.email;
  const elsewhere = await signedIn(browser, email);
  await elsewhere.page.goto("/account");
  await expect(elsewhere.page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(1);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("a link to choose a new password is on its way")).toBeVisible();
  const mail = await waitForMail(email, /Reset your Liftoff password/);
  await page.goto(mail.link("/reset-password"));
  await page.getByLabel("New password", { exact: true }).fill("a completely new passphrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
  // The link works once.
  await page.goto(mail.link("/reset-password"));
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  await elsewhere.page.reload();
  await expect(elsewhere.page).toHaveURL(/\/sign-in/);
  await page.goto("/sign-in");
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
  await signIn(page, email, "a completely new passphrase");
  await expect(page.getByTestId("current-user")).toHaveText("Dana Dev");

  await elsewhere.context.close();
  await team.cleanup();
});

test("the account page lists sessions and signs out another one", async ({ browser }) => {
  const team = await seedTeam([{ key: "qa", name: "Quinn QA", roles: ["QA"] }]);
  const email = team.people.qa!.email;
  const laptop = await signedIn(browser, email);
  const phone = await signedIn(browser, email);

  await laptop.page.goto("/account");
  const sessions = laptop.page.getByRole("list", { name: "Active sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByText("This browser")).toHaveCount(1);
  const other = sessions.getByRole("listitem").filter({ hasNotText: "This browser" });
  await other.getByRole("button", { name: /Sign out/ }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(sessions.getByText("This browser")).toHaveCount(1);

  await phone.page.goto(`/teams/${team.teamId}`);
  await expect(phone.page).toHaveURL(/\/sign-in/);
  await laptop.page.goto(`/teams/${team.teamId}`);
  await expect(laptop.page.getByTestId("current-user")).toHaveText("Quinn QA");

  await Promise.all([laptop.context.close(), phone.context.close()]);
  await team.cleanup();
});

test("repeated wrong passwords pause sign-in and say until when", async ({ page }) => {
  const team = await seedTeam([{ key: "ds", name: "Dev Sci", roles: ["DS"] }]);
  await page.goto("/sign-in");
  for (let i = 0; i < 10; i++) {
    await signIn(page, team.people.ds!.email, `wrong ${i}`);
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
  }
  await signIn(page, team.people.ds!.email);
  await expect(
    page.getByRole("alert").filter({ hasText: /Too many sign-in attempts\. Try again after \d\d:\d\d/ }),
  ).toBeVisible();
  await team.cleanup();
});

test("single sign-on: a new person gets an account, an existing one is linked", async ({ page, browser }) => {
  const fresh = newEmail("sso-new");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill(fresh);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/teams\/new$/);
  await expect(page.getByTestId("current-user")).toHaveText(/SSO sso-new/);

  // An existing, verified account of the same address is linked and lands on its team.
  const team = await seedTeam([{ key: "lead", name: "Linked Lead", roles: ["LEAD"] }]);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto("/sign-in");
  await other.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await other.locator('input[name="login"]').fill(team.people.lead!.email);
  await other.locator('input[name="password"]').fill("anything");
  await other.getByRole("button", { name: "Sign-in" }).click();
  await other.getByRole("button", { name: "Continue" }).click();
  await expect(other).toHaveURL(new RegExp(`/teams/${team.teamId}$`));
  await expect(other.getByTestId("current-user")).toHaveText("Linked Lead");
  await other.goto("/account");
  await expect(other.getByText("single sign-on ·").first()).toBeVisible();

  // A provider that has not verified the address links nothing.
  const unverified = await browser.newContext();
  const third = await unverified.newPage();
  await third.goto("/sign-in");
  await third.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await third.locator('input[name="login"]').fill(`unverified-${team.people.lead!.email}`);
  await third.locator('input[name="password"]').fill("anything");
  await third.getByRole("button", { name: "Sign-in" }).click();
  await third.getByRole("button", { name: "Continue" }).click();
  await expect(third.getByRole("alert").filter({ hasText: "did not confirm your email address" })).toBeVisible();

  await Promise.all([context.close(), unverified.close()]);
  await team.cleanup();
});

test("crafted callback URLs never leave the app, on our pages and on next-auth's", async ({ page, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const payloads = [
    "/..//evil.test",
    "//evil.test",
    "/\\evil.test",
    "https://evil.test/",
    "javascript:alert(1)",
    "/%2e%2e//evil.test",
    "%",
    "http://[::1",
  ];
  for (const payload of payloads) {
    const signInPage = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(payload)}`, {
      maxRedirects: 0,
    });
    expect(signInPage.status(), payload).toBeLessThan(500);
    const location = signInPage.headers()["location"];
    if (location) expect(new URL(location, origin).origin, payload).toBe(origin);
  }

  // A signed-in user sent to the sign-in page with a crafted callbackUrl stays here.
  const team = await seedTeam([{ key: "pm", name: "Pat Redirect", roles: ["PM"] }]);
  await page.goto("/sign-in?callbackUrl=/..//evil.test");
  await signIn(page, team.people.pm!.email);
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);
  for (const payload of payloads) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(payload)}`);
    expect(new URL(page.url()).origin, payload).toBe(origin);
  }

  // next-auth's credentials callback with a crafted callbackUrl answers with a URL here.
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const payload of payloads) {
    const response = await page.request.post("/api/auth/callback/credentials", {
      form: {
        csrfToken: csrf.csrfToken,
        email: team.people.pm!.email,
        password: PASSWORD,
        callbackUrl: payload,
        json: "true",
      },
      maxRedirects: 0,
    });
    expect(response.status(), payload).toBeLessThan(500);
    const body = (await response.json().catch(() => null)) as { url?: string } | null;
    if (body?.url) expect(new URL(body.url).origin, payload).toBe(origin);
  }
  await team.cleanup();
});
