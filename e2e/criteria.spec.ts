import { expect, test, type Page } from "@playwright/test";
import { seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

let team: SeededTeam;
let featureUrl: string;

test.beforeAll(async () => {
  team = await seedTeam(
    [
      { key: "lead", name: "Lin Lead", roles: ["LEAD"] },
      { key: "pm", name: "Pam PM", roles: ["PM"] },
      { key: "qa", name: "Quentin QA", roles: ["QA"] },
    ],
    // Only the criteria decide the VALIDATION gate in this story.
    { gateItemsOff: ["VALIDATION.qa_responsible", "VALIDATION.signoff.QA", "VALIDATION.signoff.PM", "VALIDATION.readiness_bar"] },
  );
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Late-order alert");
  featureUrl = `/teams/${team.teamId}/features/${featureId}`;
});
test.afterAll(async () => team.cleanup());


async function verdict(qa: Page, n: number, value: string, note = "") {
  const form = qa.getByRole("form", { name: `Verdict for criterion ${n}` });
  await form.getByLabel("Verdict").selectOption({ label: value });
  if (note) await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Record verdict" }).click();
  await expect(qa.getByRole("listitem", { name: `Criterion ${n}` }).getByTestId("verdict")).toHaveText(value);
}

test("QA verdicts decide the production gate; a new approved spec asks for re-verifying", async ({ browser }) => {
  // The PM writes three criteria.
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(featureUrl);
  // The overview counts them; the Criteria tab holds them.
  await expect(pm.getByTestId("criteria-summary")).toHaveText("No acceptance criteria yet.");
  await pm.getByRole("navigation", { name: "Feature sections" }).getByRole("link", { name: "Criteria" }).click();
  await expect(pm).toHaveURL(`${featureUrl}/criteria`);
  const add = pm.getByRole("form", { name: "Add a criterion" });
  for (const text of ["An alert fires when an order is 2 h late", "The alert names the warehouse", "No alert for cancelled orders"]) {
    await add.getByLabel("Or as plain text").fill(text);
    await add.getByRole("button", { name: "Add criterion" }).click();
    await expect(pm.getByRole("list", { name: "Acceptance criteria" })).toContainText(text);
  }

  // QA passes two and fails one with a note.
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`${featureUrl}/criteria`);
  await verdict(qa, 1, "Passed");
  await verdict(qa, 2, "Passed");
  await verdict(qa, 3, "Failed", "Cancelled order 1042 still alerted");

  // The feature cannot go to production; the board card shows the failure.
  await pm.goto(featureUrl);
  await expect(pm.getByTestId("criteria-summary")).toHaveText("3 active: 2 passed, 1 failed, 0 blocked, 0 untested.");
  await expect(pm.getByRole("button", { name: "Move to Production" })).toBeDisabled();
  await expect(pm.getByTestId("move-blocked")).toContainText("every acceptance criterion passed against the approved spec");
  await pm.goto(`/teams/${team.teamId}`);
  await expect(pm.getByRole("region", { name: /Validation/ })).toContainText("1 acceptance criterion failed");

  // QA re-tests; the gate opens and the PM moves it.
  await verdict(qa, 3, "Passed");
  await pm.goto(featureUrl);
  await pm.getByRole("button", { name: "Move to Production" }).click();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Production");

  // The PM changes the spec and the lead approves it: every criterion needs re-verifying.
  await pm.goto(`${featureUrl}/spec`);
  await pm.getByRole("button", { name: "Edit", exact: true }).click();
  await pm.getByLabel("Constraints", { exact: true }).fill("Under 500 ms");
  await pm.getByRole("button", { name: "Save spec" }).click();
  await expect(pm.getByText("Saved as revision 2.")).toBeVisible();
  await pm.getByRole("button", { name: "Ask for review of revision 2" }).click();
  await expect(pm.getByTestId("spec-status")).toContainText("In review");
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`${featureUrl}/spec`);
  await lead.getByRole("button", { name: "Approve revision 2" }).click();
  await expect(lead.getByTestId("spec-status")).toContainText("Approved revision: 2");

  await qa.goto(`${featureUrl}/criteria`);
  await expect(qa.getByText("Re-verify", { exact: true })).toHaveCount(3);
  await qa.goto(`/teams/${team.teamId}/qa`);
  await expect(qa.getByText("Re-verify", { exact: true })).toHaveCount(3);

  // CSV export for members.
  const csv = await qa.request.get(`${featureUrl}/criteria/export`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("No alert for cancelled orders");
  await Promise.all([pm.context().close(), qa.context().close(), lead.context().close()]);
});
