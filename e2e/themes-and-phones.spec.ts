import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";
import { seedHistory } from "./insights-history";

// Every main page, read in the light and the dark theme (the dark one reached
// by the system's preference, as most people will) and on a 390 px phone:
// axe finds no serious or critical violation, and the page never scrolls
// sideways. Then the switch in the top bar: a choice beats the system and
// survives a reload.

let team: SeededTeam;
let featureId: string;
let signedIn: BrowserContextOptions["storageState"];

test.beforeAll(async ({ browser }) => {
  team = await seedTeam([
    { key: "lead", name: "Lee Lead", roles: ["LEAD", "PM", "QA"] },
    { key: "pm", name: "Pia Product", roles: ["PM"] },
    { key: "ds", name: "Dara Data", roles: ["DS"] },
    { key: "dev", name: "Devi Developer", roles: ["DEV"] },
    { key: "qa", name: "Quinn Quality", roles: ["QA"] },
  ]);
  await seedHistory(team.teamId, { pm: team.people.pm!.id, qa: team.people.qa!.id });
  featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Checkout fraud score with a rather long title");
  await runSql(
    `INSERT INTO "AcceptanceCriterion" (id, "featureId", position, given, "when", "then", "successCriterionKeys", "updatedAt")
     VALUES (gen_random_uuid(), $1, 1, 'a basket flagged as risky', 'the shopper pays', 'the payment is held for review', '{sc1}', now()),
            (gen_random_uuid(), $1, 2, 'a known customer', 'they pay', 'no extra step is asked', '{sc1}', now())`,
    [featureId],
  );
  // A comment (with its activity and audit entries) through the app itself.
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`/teams/${team.teamId}/features/${featureId}`);
  await lead.getByLabel("Comment", { exact: true }).fill("Looks good, **ship** it after the load test.");
  await lead.getByRole("button", { name: "Post comment" }).click();
  await expect(lead.getByText("Looks good,")).toBeVisible();
  signedIn = await lead.context().storageState();
  await lead.context().close();
});

test.afterAll(async () => {
  await team?.cleanup();
});

type MainPage = { name: string; path: () => string; signedOut?: boolean };

const team_ = () => `/teams/${team.teamId}`;
const feature = () => `${team_()}/features/${featureId}`;
const PAGES: MainPage[] = [
  { name: "Sign in", path: () => "/sign-in", signedOut: true },
  { name: "Sign up", path: () => "/sign-up", signedOut: true },
  { name: "Create a team", path: () => "/teams/new" },
  { name: "Board", path: () => team_() },
  { name: "Stage page", path: () => `${team_()}/stages/validation` },
  { name: "Feature overview", path: () => feature() },
  { name: "Feature spec", path: () => `${feature()}/spec` },
  { name: "Feature criteria", path: () => `${feature()}/criteria` },
  { name: "Feature model brief", path: () => `${feature()}/brief` },
  { name: "Feature readiness", path: () => `${feature()}/readiness` },
  { name: "Feature activity", path: () => `${feature()}/activity` },
  { name: "My work", path: () => `${team_()}/my-work` },
  { name: "QA queue", path: () => `${team_()}/qa` },
  { name: "Members", path: () => `${team_()}/members` },
  { name: "Audit log", path: () => `${team_()}/audit` },
  { name: "Insights", path: () => `${team_()}/insights` },
  { name: "Gate settings", path: () => `${team_()}/settings` },
  { name: "Account", path: () => "/account" },
];

async function open(browser: Browser, page: MainPage, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ ...options, storageState: page.signedOut ? undefined : signedIn });
  const tab = await context.newPage();
  const response = await tab.goto(page.path());
  expect(response?.status(), `${page.name} answers`).toBe(200);
  // Streamed parts (loading.tsx, Suspense) have arrived once no skeleton is left.
  await expect(tab.getByText("Loading…", { exact: true })).toHaveCount(0);
  return tab;
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

for (const mainPage of PAGES) {
  test(`${mainPage.name}: no serious axe violation in light or dark, no sideways scroll on a phone`, async ({ browser }) => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await open(browser, mainPage, { colorScheme });
      // The theme follows the system until someone picks one.
      if (colorScheme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
      expect(await seriousViolations(page), `${mainPage.name} in ${colorScheme}`).toEqual([]);
      await page.context().close();
    }

    const phone = await open(browser, mainPage, { viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    const { scrollWidth, innerWidth } = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${mainPage.name} is ${scrollWidth} px wide on a ${innerWidth} px phone`).toBeLessThanOrEqual(innerWidth);
    await phone.context().close();
  });
}

test("the theme switch overrides the system, survives a reload, and goes back to following the system", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light", storageState: signedIn });
  const page = await context.newPage();
  // The theme script is inline: under the CSP it runs only with the nonce.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(team_());
  const html = page.locator("html");
  const theme = page.getByRole("group", { name: "Theme" });
  const background = () => page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  const light = await background();

  await theme.getByRole("radio", { name: "Dark" }).check();
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await background()).not.toBe(light);

  // After a reload the class is already on <html> in the first paint: the
  // inline script sets it before the body is parsed, before any React code.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { classAtParse: string }).classAtParse = document.documentElement.className;
    });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { classAtParse: string }).classAtParse)).toMatch(/\bdark\b/);
  await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();
  expect(refused).toEqual([]);

  // Light, picked: stays light when the system turns dark, on another page too.
  await theme.getByRole("radio", { name: "Light" }).check();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${team_()}/members`);
  await expect(html).not.toHaveClass(/\bdark\b/);

  await theme.getByRole("radio", { name: "System" }).check();
  await expect(html).toHaveClass(/\bdark\b/);
  await context.close();

  // Signed out, the auth pages carry the same switch.
  const signedOut = await browser.newContext({ colorScheme: "light" });
  const signIn = await signedOut.newPage();
  await signIn.goto("/sign-in");
  await signIn.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" }).check();
  await signIn.reload();
  await expect(signIn.locator("html")).toHaveClass(/\bdark\b/);
  await signedOut.close();
});

test("on a phone the team menu opens, lists every section and closes after a choice; members reflow into cards", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: signedIn });
  const page = await context.newPage();
  await page.goto(team_());
  const nav = page.getByRole("navigation", { name: "Team" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeHidden();
  // The menu button (a <summary>) names the section you are in.
  await nav.locator("summary", { hasText: "Board" }).click();
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Insights" })).toBeHidden();

  // Every role box of a person is within the screen's width, none hidden
  // in a sideways-scrolling table.
  const boxes = page.getByRole("checkbox", { name: /for Quinn Quality$/ });
  await expect(boxes).toHaveCount(5);
  for (const box of await boxes.all()) {
    await expect(box).toBeVisible();
    const { x, width } = (await box.boundingBox())!;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + width).toBeLessThanOrEqual(390);
  }
  const overflow = await page.locator("table").first().evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
