import { expect, test, type Page } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

// The command palette, the keyboard shortcuts, toasts and optimistic updates.

let team: SeededTeam;
let outsiders: SeededTeam;
let featureId: string;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Lee Lead", roles: ["LEAD"] },
    { key: "pm", name: "Pia PM", roles: ["PM"] },
    { key: "ds", name: "Dara DS", roles: ["DS"] },
  ]);
  outsiders = await seedTeam([{ key: "out", name: "Otto Outsider", roles: ["LEAD", "PM"] }]);
  featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Churn-risk badge in CRM");
  await seedFeature(team.teamId, team.people.pm!.id, "POC", "Fraud score v2");
  await seedFeature(outsiders.teamId, outsiders.people.out!.id, "IDEA", "Churn-risk badge elsewhere");
});
test.afterAll(async () => {
  await team.cleanup();
  await outsiders.cleanup();
});

/** Every CSP violation the page reports (the dialogs and toasts insert styles). */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

const palette = (page: Page) => page.getByRole("dialog", { name: "Command palette" });

/** Presses `key` until `dialog` shows: a key pressed before the page hydrates has no listener yet. */
async function pressFor(page: Page, key: string, dialog: ReturnType<Page["getByRole"]>) {
  await expect(async () => {
    if (!(await dialog.isVisible())) await page.keyboard.press(key);
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
}

test("the palette opens with the keyboard and reaches a feature, a person and a page by typing", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  const violations = watchCsp(pm);
  await pm.goto(`/teams/${team.teamId}`);

  await pressFor(pm, "Control+k", palette(pm));
  await expect(palette(pm).getByRole("combobox")).toBeFocused();
  // Part of the title, in another case; the other team's feature of the same name is not offered.
  await pm.keyboard.type("BADGE IN");
  await expect(palette(pm).getByRole("option", { name: /Churn-risk badge in CRM/ })).toBeVisible();
  await expect(palette(pm).getByRole("option", { name: /elsewhere/ })).toHaveCount(0);
  await pm.keyboard.press("Enter");
  await expect(pm.getByRole("heading", { level: 1, name: "Churn-risk badge in CRM" })).toBeVisible();
  await expect(palette(pm)).toHaveCount(0);

  // "/" opens it too; people are found by name and open the board filtered to them.
  await pm.keyboard.press("/");
  await pm.keyboard.type("dara");
  await expect(palette(pm).getByRole("option", { name: /Dara DS/ })).toBeVisible();
  await pm.keyboard.press("Enter");
  await expect(pm).toHaveURL(new RegExp(`/teams/${team.teamId}\\?person=${team.people.ds!.id}`));

  // Pages and actions: the top bar button opens it for a mouse.
  await pm.getByRole("button", { name: "Search" }).click();
  await pm.keyboard.type("qa que");
  await expect(palette(pm).getByRole("option", { name: "QA queue" })).toBeVisible();
  await pm.keyboard.press("Enter");
  await expect(pm.getByRole("heading", { level: 1, name: "QA queue" })).toBeVisible();

  // Nothing found is said; Escape closes.
  await pm.keyboard.press("Control+k");
  await pm.keyboard.type("zzqx");
  await expect(palette(pm).getByText("Nothing matches “zzqx”.")).toBeVisible();
  await pm.keyboard.press("Escape");
  await expect(palette(pm)).toHaveCount(0);

  // Outside a team (the account page) it offers the teams.
  await pm.goto("/account");
  await pressFor(pm, "Control+k", palette(pm));
  await pm.keyboard.type("switch");
  await palette(pm).getByRole("option", { name: /Switch to E2E/ }).click();
  await expect(pm).toHaveURL(new RegExp(`/teams/${team.teamId}$`));

  expect(violations).toEqual([]);
  await pm.context().close();
});

test("the palette's search answers members of the team only", async ({ browser }) => {
  const out = await signedInAs(browser, outsiders, "out");
  const foreign = await out.request.get(`/teams/${team.teamId}/search?q=badge`);
  expect(foreign.status()).toBe(404);
  const own = await out.request.get(`/teams/${outsiders.teamId}/search?q=${encodeURIComponent("%")}`);
  expect(await own.json()).toEqual({ features: [], people: [] });
  expect((await out.request.get(`/teams/not-a-team/search?q=a`)).status()).toBe(404);
  await out.context().close();
});

test("? lists the shortcuts, a shortcut navigates, and typing in a field is not a shortcut", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}`);

  const dialog = pm.getByRole("dialog", { name: "Keyboard shortcuts" });
  await pressFor(pm, "?", dialog);
  await expect(dialog.getByRole("definition").first()).toBeVisible();
  for (const label of ["Open the command palette", "My work", "QA queue", "New feature"]) {
    await expect(dialog.getByRole("term").filter({ hasText: label })).toBeVisible();
  }
  // A PM is no lead: no audit log shortcut.
  await expect(dialog.getByRole("term").filter({ hasText: "Audit log" })).toHaveCount(0);
  await pm.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // In the board's search field, "g m" is text.
  await pm.getByRole("searchbox", { name: "Search" }).fill("");
  await pm.keyboard.type("gm");
  await expect(pm.getByRole("searchbox", { name: "Search" })).toHaveValue("gm");
  await expect(pm).toHaveURL(new RegExp(`/teams/${team.teamId}$`));

  await pm.locator("body").click({ position: { x: 5, y: 300 } });
  await pm.keyboard.press("g");
  await pm.keyboard.press("m");
  await expect(pm.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  await pm.keyboard.press("c");
  await expect(pm).toHaveURL(new RegExp(`/teams/${team.teamId}/features/new$`));
  await pm.context().close();
});

test("a gate switch flips at once, says so in a toast, and Undo flips it back", async ({ browser }) => {
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`/teams/${team.teamId}/settings`);
  const toggle = lead.getByRole("switch", { name: "Data scientist sign-off" }).first();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  const toast = lead.getByRole("status").filter({ hasText: "Gate settings saved." });
  await expect(toast).toBeVisible();
  await lead.reload();
  await expect(toggle).toHaveAttribute("aria-checked", "false");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await lead.getByRole("button", { name: "Undo" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await runSql(`DELETE FROM "TeamGateSetting" WHERE "teamId" = $1`, [team.teamId]);
  await lead.context().close();
});

test("signing from the palette shows at once and can be undone; a refused sign-off rolls back with the reason", async ({
  browser,
}) => {
  const ds = await signedInAs(browser, team, "ds");
  const featureUrl = `/teams/${team.teamId}/features/${featureId}`;
  await ds.goto(featureUrl);
  const gate = ds.getByRole("region", { name: /Gate: Idea/ });

  // The palette offers the gate this person can sign.
  await pressFor(ds, "Control+k", palette(ds));
  await ds.keyboard.type("sign the gate");
  await expect(palette(ds).getByRole("option", { name: /Sign the gate as data scientist/ })).toBeVisible();
  await ds.keyboard.press("Enter");
  await expect(gate.getByText(/Signed by Dara DS/)).toBeVisible();
  await expect(ds.getByRole("status").filter({ hasText: "Signed." })).toBeVisible();
  await expect(gate.getByRole("button", { name: "Withdraw my sign-off" })).toBeVisible();

  // Undo withdraws it.
  await ds.getByRole("button", { name: "Undo" }).click();
  await expect(ds.getByRole("status").filter({ hasText: "Sign-off withdrawn." })).toBeVisible();
  await expect(gate.getByRole("button", { name: "Sign as data scientist" })).toBeVisible();
  await expect(gate.getByText(/Signed by Dara DS/)).toHaveCount(0);

  // Meanwhile a lead takes the data scientist role away. The sign-off shows
  // while the server is asked (the request is held here to see it), then
  // rolls back with the reason. (A fresh page first, whose live stream has
  // settled: the withdrawal's own live refresh must land before the role
  // goes, or it would take the sign button away before the click.)
  await ds.goto(featureUrl);
  await expect(ds.locator("html")).toHaveAttribute("data-live", "open");
  await expect(gate.getByRole("button", { name: "Sign as data scientist" })).toBeVisible();
  await ds.waitForLoadState("networkidle");
  await runSql(`UPDATE "Membership" SET roles = '{QA}' WHERE "teamId" = $1 AND "userId" = $2`, [team.teamId, team.people.ds!.id]);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await ds.route(`**${featureUrl}`, async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await gate.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(gate.getByText(/Signed by Dara DS.*saving/)).toBeVisible();
  release();
  const reason = "You can sign as data scientist only if you hold that role in this team.";
  await expect(ds.getByRole("status").filter({ hasText: reason })).toBeVisible();
  await expect(gate.getByText(/Signed by Dara DS/)).toHaveCount(0);
  await runSql(`UPDATE "Membership" SET roles = '{DS}' WHERE "teamId" = $1 AND "userId" = $2`, [team.teamId, team.people.ds!.id]);
  await ds.context().close();
});

test("a removed responsibility comes back with the toast's Undo", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/features/${featureId}`);
  const raci = pm.getByRole("region", { name: "Responsibilities" });
  await raci.getByLabel("Person").selectOption({ label: "Dara DS (DS)" });
  await raci.getByLabel("Acting as").selectOption({ label: "Data scientist" });
  await raci.getByLabel("RACI").selectOption({ label: "Consulted" });
  await raci.getByRole("button", { name: "Assign" }).click();
  await expect(pm.getByRole("status").filter({ hasText: "Responsibility assigned." })).toBeVisible();
  const row = raci.getByRole("row", { name: /Dara DS Data scientist Consulted/ });
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: /Remove/ }).click();
  await expect(pm.getByRole("status").filter({ hasText: "Responsibility removed." })).toBeVisible();
  await expect(row).toHaveCount(0);
  await pm.getByRole("button", { name: "Undo" }).click();
  await expect(row).toBeVisible();
  await pm.context().close();
});
