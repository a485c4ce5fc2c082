import { expect, test } from "@playwright/test";
import { seedTeam, signedInAs, type SeededTeam } from "./fixtures";

let team: SeededTeam;

test.beforeAll(async () => {
  team = await seedTeam(
    [
      { key: "lead", name: "Lee Lead", roles: ["LEAD"] },
      { key: "pm", name: "Pia PM", roles: ["PM"] },
      { key: "ds", name: "Dara DS", roles: ["DS"] },
      { key: "qa", name: "Quin QA", roles: ["QA"] },
    ],
    // The spec flow has its own spec (spec.spec.ts); this one is about the gate.
    { gateItemsOff: ["IDEA.spec_complete"] },
  );
});
test.afterAll(async () => team.cleanup());


test("a PM takes a feature through its first gate with the DS; QA cannot move it", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}`);
  await expect(pm.getByRole("heading", { name: "No features yet" })).toBeVisible();

  // The PM creates a feature with a phase and its target metrics.
  await pm.getByRole("link", { name: "New feature" }).click();
  await pm.getByLabel("Title").fill("Churn-risk badge in CRM");
  await pm.getByLabel("Summary").fill("Show account managers which customers may churn");
  await pm.getByLabel("Phase 1 name").fill("Logistic baseline");
  await pm.getByLabel("Phase 1 target metrics").fill("recall >= 0.7 at top-10% of accounts");
  await pm.getByRole("button", { name: "Create feature" }).click();
  await expect(pm.getByRole("heading", { level: 1, name: "Churn-risk badge in CRM" })).toBeVisible();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Idea");
  const featureUrl = pm.url();

  // The gate says what it waits for.
  const gate = pm.getByRole("region", { name: /Gate: Idea → Proof of concept/ });
  await expect(gate).toContainText("Waiting on");
  await expect(gate.getByRole("list", { name: "Requirements" })).toContainText("A phase with target metrics is planned");

  // The PM makes the DS responsible.
  const raci = pm.getByRole("region", { name: "Responsibilities" });
  await raci.getByLabel("Person").selectOption({ label: `Dara DS (DS)` });
  await raci.getByLabel("Acting as").selectOption({ label: "Data scientist" });
  await raci.getByLabel("RACI").selectOption({ label: "Responsible" });
  await raci.getByRole("button", { name: "Assign" }).click();
  await expect(raci.getByRole("row", { name: /Dara DS Data scientist Responsible/ })).toBeVisible();

  // The PM signs as PM.
  await gate.getByRole("button", { name: "Sign as product manager" }).click();
  await expect(gate.getByText(/Signed by Pia PM/)).toBeVisible();

  // QA sees the feature but cannot move it, nor sign the gate.
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(featureUrl);
  await expect(qa.getByRole("button", { name: /Move to/ })).toHaveCount(0);
  // …and is told who does, by name.
  await expect(qa.getByTestId("who-moves")).toContainText("Pia PM (accountable) or a team lead");
  await expect(qa.getByRole("button", { name: /^Sign as/ })).toHaveCount(0);
  await expect(qa.getByRole("group", { name: "Stage actions" })).toHaveCount(0);

  // The DS signs as DS, with a comment.
  const ds = await signedInAs(browser, team, "ds");
  await ds.goto(featureUrl);
  const dsGate = ds.getByRole("region", { name: /Gate: Idea/ });
  await dsGate.getByLabel("Comment (optional)").fill("Labels exist for 18 months of churn");
  await dsGate.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(dsGate.getByText(/Signed by Dara DS/)).toBeVisible();
  await expect(dsGate.getByText("Open", { exact: true })).toBeVisible();

  // The PM moves the feature to POC.
  await pm.reload();
  await pm.getByRole("button", { name: "Move to Proof of concept" }).click();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Proof of concept");

  // The activity timeline shows each step, with who.
  const activity = pm.getByRole("list", { name: "Activity" });
  await expect(activity).toContainText("Pia PM created Churn-risk badge in CRM");
  await expect(activity).toContainText("Pia PM made Dara DS Responsible");
  await expect(activity).toContainText("Pia PM signed the Idea gate as product manager");
  await expect(activity).toContainText("Dara DS signed the Idea gate as data scientist");
  await expect(activity).toContainText("Pia PM moved the feature from Idea to Proof of concept");

  // The board shows it in the POC column.
  await pm.getByRole("link", { name: "← Board" }).click();
  const poc = pm.getByRole("region", { name: /Proof of concept/ });
  await expect(poc.getByRole("link", { name: "Churn-risk badge in CRM" })).toBeVisible();
  await expect(pm.getByRole("region", { name: /^Idea/ }).getByText("None")).toBeVisible();
  await Promise.all([pm.context().close(), qa.context().close(), ds.context().close()]);
});
