import { expect, test } from "@playwright/test";
import { seedTeam, signedInAs, type SeededTeam } from "./fixtures";
import { newEmail, signUp } from "./helpers";

let team: SeededTeam;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Lou Lead", roles: ["LEAD"] },
    { key: "pm", name: "Poppy PM", roles: ["PM"] },
  ]);
});
test.afterAll(async () => team.cleanup());


test("a PM writes and revises a spec, compares revisions, the lead approves; a stale save is refused", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/features/new`);
  await pm.getByLabel("Title").fill("Smart reorder suggestions");
  await pm.getByLabel("Summary").fill("Suggest what a shop should reorder this week");
  await pm.getByRole("button", { name: "Create feature" }).click();
  await expect(pm.getByRole("heading", { level: 1, name: "Smart reorder suggestions" })).toBeVisible();
  await pm.getByRole("link", { name: "Open and edit the spec" }).click();
  await expect(pm).toHaveURL(/\/spec$/);
  const specUrl = pm.url();

  // Revision 1.
  await pm.getByLabel("Problem", { exact: true }).fill("Shops run out of **best sellers**.");
  await pm.getByLabel("Customer and context").fill("Shop owners, on the weekly planning screen");
  await pm.getByLabel("Constraints", { exact: true }).fill("Suggestions by Monday 6:00");
  await pm.getByLabel("Criterion 1 metric").fill("stock-outs avoided");
  await pm.getByLabel("Criterion 1 target").fill(">= 30%");
  await pm.getByLabel("Criterion 1 how measured").fill("A/B test over 4 weeks");
  await pm.getByRole("button", { name: "Preview Problem" }).click();
  await expect(pm.getByLabel("Problem preview").locator("strong")).toHaveText("best sellers");
  await pm.getByRole("button", { name: "Edit Problem" }).click();
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 1.")).toBeVisible();

  // Revision 2.
  await pm.getByLabel("Problem", { exact: true }).fill("Shops run out of best sellers every week.");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 2.")).toBeVisible();

  // Compare 1 → 2.
  await pm.getByRole("link", { name: "Revisions and changes" }).click();
  const problemChanges = pm.getByRole("group", { name: "Problem changes" });
  await expect(problemChanges.locator("ins")).toContainText("every week");
  await expect(pm.getByRole("group", { name: "Constraints changes" })).toContainText("(unchanged)");

  // Ask for review; the lead approves.
  await pm.goto(specUrl);
  await pm.getByRole("button", { name: "Ask for review of revision 2" }).click();
  await expect(pm.getByTestId("spec-status")).toContainText("In review");
  await expect(pm.getByRole("button", { name: /Approve revision/ })).toHaveCount(0); // not the author's to approve

  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(specUrl);
  await lead.getByRole("button", { name: "Approve revision 2" }).click();
  await expect(lead.getByTestId("spec-status")).toContainText("Approved revision: 2");

  // Both open the editor; the PM saves first; the lead's later save is refused and keeps their text.
  await pm.reload();
  await pm.getByLabel("Out of scope").fill("Perishable goods");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 3.")).toBeVisible();

  await lead.getByLabel("Open questions").fill("Do we handle seasonal items?");
  await lead.getByRole("button", { name: "Save spec" }).click();
  await expect(lead.getByRole("alert").filter({ hasText: "saved revision 3 while you were editing" })).toBeVisible();
  await expect(lead.getByLabel("Open questions")).toHaveValue("Do we handle seasonal items?");
  await expect(lead.getByRole("link", { name: "See what changed in revision 3" })).toBeVisible();
  // Having looked, the lead saves on top of revision 3.
  await lead.getByRole("button", { name: "Save mine on top of revision 3" }).click();
  await lead.getByRole("button", { name: "Save spec" }).click();
  await expect(lead.getByText("Saved as revision 4.")).toBeVisible();

  // Export: members get Markdown, outsiders "not found".
  const exported = await pm.request.get(`${specUrl}/export`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain("# Smart reorder suggestions");
  const outsider = await (await browser.newContext()).newPage();
  await signUp(outsider, "Olly Outsider", newEmail("outsider"));
  expect((await outsider.request.get(`${specUrl}/export`)).status()).toBe(404);
  expect((await outsider.request.get(`/teams/${team.teamId}/specs/export`)).status()).toBe(404);
  expect((await outsider.goto(specUrl))?.status()).toBe(404);
  await Promise.all([pm.context().close(), lead.context().close(), outsider.context().close()]);
});
