import { expect, test } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

// Forms that lost what was typed or hid why they were refused (issue 10).

let team: SeededTeam;
let featureUrl: string;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Lena Lead", roles: ["LEAD"] },
    { key: "pm", name: "Pim PM", roles: ["PM"] },
    { key: "ds", name: "Dora DS", roles: ["DS"] },
    { key: "dev", name: "Devi Dev", roles: ["DEV"] },
    { key: "qa", name: "Quincy QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Returns fraud flag");
  featureUrl = `/teams/${team.teamId}/features/${featureId}`;
});
test.afterAll(async () => team.cleanup());

test("the members matrix shows a role just added as checked, and saving again keeps it", async ({ browser }) => {
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`/teams/${team.teamId}/members`);
  const qaBox = lead.getByRole("checkbox", { name: "QA for Devi Dev" });
  const save = lead.getByRole("button", { name: "Save roles for Devi Dev" });
  await qaBox.check();
  await save.click();
  await expect(lead.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();
  await expect(qaBox).toBeChecked();
  await expect(lead.getByRole("checkbox", { name: "Developer for Devi Dev" })).toBeChecked();

  // A second save sends what is shown: both roles stay.
  await Promise.all([lead.waitForResponse((r) => r.request().method() === "POST"), save.click()]);
  await lead.reload();
  await expect(lead.getByRole("checkbox", { name: "QA for Devi Dev" })).toBeChecked();
  await expect(lead.getByRole("checkbox", { name: "Developer for Devi Dev" })).toBeChecked();
  await lead.context().close();
});

test("a sign-off refused for its role says why and keeps the comment", async ({ browser }) => {
  const ds = await signedInAs(browser, team, "ds");
  await ds.goto(featureUrl);
  const gate = ds.getByRole("region", { name: /Gate: Idea/ });
  const form = gate.getByRole("form", { name: "Sign as Data scientist" });
  await form.getByLabel("Comment (optional)").fill("Labels exist for two years");
  // Meanwhile the lead stops asking the data scientist to sign this gate.
  await runSql(`INSERT INTO "TeamGateSetting" ("teamId", key, enabled) VALUES ($1, 'IDEA.signoff.DS', false)`, [team.teamId]);
  await form.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(form.getByRole("alert")).toContainText("This gate does not ask for a data scientist sign-off.");
  await expect(form.getByLabel("Comment (optional)")).toHaveValue("Labels exist for two years");
  await runSql(`DELETE FROM "TeamGateSetting" WHERE "teamId" = $1 AND key = 'IDEA.signoff.DS'`, [team.teamId]);
  await ds.context().close();
});

test("the responsibilities form keeps the person and role picked and shows the refusal under the role", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(featureUrl);
  const form = pm.getByRole("form", { name: "Assign a responsibility" });
  await form.getByLabel("Person").selectOption({ label: "Quincy QA (QA)" });
  await form.getByLabel("Acting as").selectOption({ label: "Data scientist" });
  await form.getByLabel("RACI").selectOption({ label: "Consulted" });
  await form.getByRole("button", { name: "Assign" }).click();
  const role = form.getByLabel("Acting as");
  await expect(role).toHaveAccessibleDescription(/Quincy QA is not a data scientist in this team/);
  await expect(form.getByLabel("Person")).toHaveAccessibleDescription("");
  await expect(form.getByLabel("Person")).toHaveValue(team.people.qa!.id);
  await expect(role).toHaveValue("DS");
  await expect(form.getByLabel("RACI")).toHaveValue("CONSULTED");

  // Corrected, it goes through.
  await role.selectOption({ label: "QA" });
  await form.getByRole("button", { name: "Assign" }).click();
  await expect(pm.getByRole("row", { name: /Quincy QA QA Consulted/ })).toBeVisible();
  await pm.context().close();
});

test("the leave-team dialog shows its own refusal instead of staying open over it", async ({ browser }) => {
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`/teams/${team.teamId}/members`);
  await lead.getByRole("button", { name: "Remove Lena Lead" }).click();
  const dialog = lead.getByRole("dialog", { name: "Leave this team?" });
  await dialog.getByRole("button", { name: "Leave team" }).click();
  await expect(dialog.getByRole("alert")).toContainText("A team needs at least one team lead");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await lead.context().close();
});
