import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";
import { newEmail, signUp } from "./helpers";

let team: SeededTeam;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Lou Lead", roles: ["LEAD"] },
    { key: "pm", name: "Poppy PM", roles: ["PM"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
});
test.afterAll(async () => team.cleanup());


test("a PM writes and revises a spec, compares revisions, the lead approves with who and when; a save on a stale revision merges with it", async ({ browser }) => {
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
  // The reviewer reads the revision rendered, not as Markdown source.
  await expect(lead.getByRole("region", { name: "Problem" })).toHaveText(/Shops run out of best sellers every week\./);
  await lead.getByRole("button", { name: "Approve revision 2" }).click();
  await expect(lead.getByTestId("spec-status")).toContainText("Approved revision: 2 by Lou Lead on");
  await expect(lead.getByRole("list", { name: "Decisions" })).toContainText("Lou Lead approved revision 2 on");

  // Both open the editor; the PM saves first; the lead's later save, of
  // another section, merges with the PM's revision and keeps both edits.
  await pm.reload();
  await pm.getByRole("button", { name: "Edit", exact: true }).click();
  await pm.getByLabel("Out of scope").fill("Perishable goods");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 3.")).toBeVisible();

  await lead.getByRole("button", { name: "Edit", exact: true }).click();
  await lead.getByLabel("Open questions").fill("Do we handle seasonal items?");
  await lead.getByRole("button", { name: "Save spec" }).click();
  const saved = lead.getByRole("status").filter({ hasText: "Saved as revision 4." });
  await expect(saved).toContainText("Poppy PM saved revision 3 while you were editing");
  await expect(saved).toContainText("Poppy PM’s changes to Out of scope were kept.");
  await expect(saved).toContainText("Your changes to Open questions were kept.");
  await expect(lead.getByLabel("Out of scope")).toHaveValue("Perishable goods");
  await lead.getByRole("button", { name: "View", exact: true }).click();
  await expect(lead.getByRole("region", { name: "Out of scope" })).toContainText("Perishable goods");
  await expect(lead.getByRole("region", { name: "Open questions" })).toContainText("Do we handle seasonal items?");

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

test("both edit the same sections: their text and mine side by side, keep mine, keep theirs or combine", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Delivery ETA");
  const specUrl = `/teams/${team.teamId}/features/${featureId}/spec`;
  const [pm, lead] = [await signedInAs(browser, team, "pm"), await signedInAs(browser, team, "lead")];
  for (const page of [pm, lead]) {
    await page.goto(specUrl);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
  }
  await pm.getByLabel("Problem", { exact: true }).fill("Orders ship two days late");
  await pm.getByLabel("Customer and context").fill("Warehouse staff, on the packing screen");
  await pm.getByLabel("Constraints", { exact: true }).fill("Under 500 ms");
  await pm.getByLabel("Out of scope").fill("Returns");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 2.")).toBeVisible();

  await lead.getByLabel("Problem", { exact: true }).fill("Orders ship late in peak weeks");
  await lead.getByLabel("Customer and context").fill("Warehouse leads, weekly");
  await lead.getByLabel("Constraints", { exact: true }).fill("Under 2 s");
  await lead.getByLabel("Phases").fill("Phase 1: rules");
  await lead.getByRole("button", { name: "Save spec" }).click();

  const merge = lead.getByRole("region", { name: "Merge your changes with revision 2" });
  await expect(merge).toContainText("Poppy PM’s changes to Out of scope were kept.");
  await expect(merge).toContainText("Your changes to Phases were kept.");
  const problem = merge.getByRole("group", { name: "Problem: changed by both of you" });
  await expect(problem.getByRole("group", { name: "Their Problem" })).toContainText("Orders ship two days late");
  await expect(problem.getByRole("group", { name: "Your Problem" })).toContainText("Orders ship late in peak weeks");
  // Nothing is chosen for them: saving asks first.
  await merge.getByRole("button", { name: "Save merged spec" }).click();
  await expect(merge.getByRole("alert")).toHaveText("Choose what to keep for Problem, Customer and context, Constraints.");

  await problem.getByLabel("Keep mine").check();
  await merge.getByRole("group", { name: "Constraints: changed by both of you" }).getByLabel("Keep theirs").check();
  const context = merge.getByRole("group", { name: "Customer and context: changed by both of you" });
  await context.getByLabel("Edit a combined text").check();
  const combined = context.getByLabel("Combined Customer and context");
  await expect(combined).toHaveValue("Warehouse staff, on the packing screen\n\nWarehouse leads, weekly");
  await combined.fill("Warehouse staff on the packing screen; leads weekly");
  await merge.getByRole("button", { name: "Save merged spec" }).click();

  const saved = lead.getByRole("status").filter({ hasText: "Saved as revision 3." });
  await expect(saved).toContainText("Merged with revision 2 by Poppy PM.");
  await expect(saved).toContainText("Constraints: Poppy PM’s text kept.");
  // What the server kept, as a fresh editor loads it.
  await lead.reload();
  await lead.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(lead.getByLabel("Problem", { exact: true })).toHaveValue("Orders ship late in peak weeks");
  await expect(lead.getByLabel("Customer and context")).toHaveValue("Warehouse staff on the packing screen; leads weekly");
  await expect(lead.getByLabel("Constraints", { exact: true })).toHaveValue("Under 500 ms");
  await expect(lead.getByLabel("Out of scope")).toHaveValue("Returns");
  await expect(lead.getByLabel("Phases")).toHaveValue("Phase 1: rules");
  await Promise.all([pm.context().close(), lead.context().close()]);
});

test("the reviewer sees the changes since the approved revision marked, approves, and the approval says who and when", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Route planner");
  const specUrl = `/teams/${team.teamId}/features/${featureId}/spec`;
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(specUrl);
  await pm.getByRole("button", { name: "Edit", exact: true }).click();
  await pm.getByLabel("Problem", { exact: true }).fill("Orders ship late **every Friday**");
  await pm.getByLabel("Constraints", { exact: true }).fill("");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 2.")).toBeVisible();

  // Incomplete: the page says what is missing before anyone clicks, and the button cannot be used.
  const review = pm.getByRole("region", { name: "Review" });
  await expect(review).toContainText("Revision 2 cannot go to review yet");
  await expect(review).toContainText("Write the constraints.");
  await expect(review.getByRole("button", { name: "Ask for review of revision 2" })).toBeDisabled();

  await pm.getByLabel("Constraints", { exact: true }).fill("Plans ready by 6:00");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 3.")).toBeVisible();
  await review.getByRole("button", { name: "Ask for review of revision 3" }).click();
  await expect(pm.getByTestId("spec-status")).toContainText("In review");

  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(specUrl);
  await expect(lead.getByRole("note", { name: "Changes" })).toContainText("Changes since approved revision 1");
  await expect(lead.getByRole("note", { name: "Changes" })).toContainText("Changed: Problem, Constraints.");
  const problem = lead.getByRole("region", { name: "Problem" });
  // Rendered Markdown, with the change marked in place.
  await expect(problem.locator("strong")).toContainText("every Friday");
  await expect(problem.locator("ins").first()).toHaveText("[inserted: every Friday]");
  await expect(lead.getByRole("region", { name: "Constraints" }).locator("del").first()).toContainText("Under");
  await expect(lead.getByRole("region", { name: "Constraints" }).locator("ins").first()).toContainText("Plans");

  await lead.getByLabel("Comment").fill("Clear enough to start the PoC.");
  await lead.getByRole("button", { name: "Approve revision 3" }).click();
  await expect(lead.getByTestId("spec-status")).toContainText("Approved revision: 3 by Lou Lead on");
  const decision = lead.getByRole("list", { name: "Decisions" }).getByRole("listitem");
  await expect(decision).toContainText("Lou Lead approved revision 3 on");
  await expect(decision).toContainText("“Clear enough to start the PoC.”");
  const when = decision.locator("time");
  expect(Date.parse((await when.getAttribute("datetime"))!)).toBeGreaterThan(Date.now() - 10 * 60_000);
  await expect(when).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);

  // A QA member reads the spec rendered, with no editor and no review controls.
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(specUrl);
  await expect(qa.getByRole("region", { name: "Problem" })).toContainText("every Friday");
  await expect(qa.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await Promise.all([pm.context().close(), lead.context().close(), qa.context().close()]);
});
