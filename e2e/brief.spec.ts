import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

let team: SeededTeam;
let featureUrl: string;

test.beforeAll(async () => {
  team = await seedTeam(
    [
      { key: "pm", name: "Pita PM", roles: ["PM"] },
      { key: "ds", name: "Dina DS", roles: ["DS"] },
    ],
    { gateItemsOff: ["POC.ds_responsible"] },
  );
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "POC", "Delivery ETA");
  featureUrl = `/teams/${team.teamId}/features/${featureId}`;
});
test.afterAll(async () => team.cleanup());


test("the DS records PoC results in the model brief and the feature passes POC → BUILD", async ({ browser }) => {
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(featureUrl);
  // The move waits for the brief, and says so before anyone tries.
  await expect(pm.getByRole("button", { name: "Move to Build" })).toBeDisabled();
  await expect(pm.getByRole("button", { name: "Move to Build" })).toHaveAccessibleDescription(
    /missing the model brief records PoC results for every success criterion/,
  );

  const ds = await signedInAs(browser, team, "ds");
  await ds.goto(featureUrl);
  await ds.getByRole("link", { name: "Open and edit the model brief" }).click();
  await ds.getByLabel("Intended use and users").fill("Dispatchers planning the next 2 hours");
  await ds.getByLabel("Failure modes").fill("Underestimates ETA in heavy rain");
  await ds.getByLabel("Criterion on-time rate achieved").fill("96.4%");
  await ds.getByLabel("Criterion on-time rate met").selectOption({ label: "Met" });
  await ds.getByRole("button", { name: "Save model brief" }).click();
  await expect(ds.getByText("Saved as revision 1.")).toBeVisible();

  // The DS and the PM sign; the PM moves it to BUILD.
  await ds.goto(featureUrl);
  await ds.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(ds.getByText(/Signed by Dina DS/)).toBeVisible();
  await pm.reload();
  await pm.getByRole("button", { name: "Sign as product manager" }).click();
  await expect(pm.getByText(/Signed by Pita PM/)).toBeVisible();
  await pm.getByRole("button", { name: "Move to Build" }).click();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Build");

  // The BUILD gate waits on the data scientist too (the monitoring plan):
  // My work says so and leads there.
  await ds.goto(`/teams/${team.teamId}/my-work`);
  const waiting = ds.getByRole("list", { name: "Waiting on you in Delivery ETA" });
  await expect(waiting).toContainText("The Build → Validation gate waits on you as data scientist");
  await waiting.getByRole("link", { name: "Open the gate" }).click();
  await expect(ds.getByTestId("feature-stage")).toHaveText("Build");

  // The model card exports as Markdown.
  const card = await pm.request.get(`${featureUrl}/brief/export`);
  expect(card.status()).toBe(200);
  expect(await card.text()).toContain("96.4%");
  await Promise.all([pm.context().close(), ds.context().close()]);
});
