import { expect, test, type Page } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

// Live pages: what one member does shows on another member's open pages
// without a reload. Each page is opened once; a marker set on its window
// proves it was never reloaded.

let team: SeededTeam;

test.beforeAll(async () => {
  team = await seedTeam(
    [
      { key: "pm", name: "Lina PM", roles: ["PM"] },
      { key: "ds", name: "Omar DS", roles: ["DS"] },
      { key: "lead", name: "Tess Lead", roles: ["LEAD"] },
      { key: "qa", name: "Quinn QA", roles: ["QA"] },
    ],
    { gateItemsOff: ["IDEA.phase_targets"] },
  );
});
test.afterAll(async () => team.cleanup());

/** Opens `url` and waits until the page listens to the team's live events. */
async function openLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("data-live", "open");
  await page.evaluate(() => {
    (window as unknown as { openedOnce: boolean }).openedOnce = true;
  });
}

async function neverReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { openedOnce?: boolean }).openedOnce)).toBe(true);
}

const LIVE = { timeout: 5_000 };

test("a sign-off and a move show on another member's feature page and board without reload", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Returns triage");
  const featureUrl = `/teams/${team.teamId}/features/${featureId}`;
  const pm = await signedInAs(browser, team, "pm");
  const ds = await signedInAs(browser, team, "ds");
  const dsBoard = await ds.context().newPage();

  await openLive(pm, featureUrl);
  await openLive(ds, featureUrl);
  await openLive(dsBoard, `/teams/${team.teamId}`);
  await expect(dsBoard.getByRole("list", { name: "Idea features" })).toContainText("Returns triage");

  // The DS signs: the PM's open page shows it.
  await ds.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(ds.getByText(/Signed by Omar DS/)).toBeVisible();
  await expect(pm.getByText(/Signed by Omar DS/)).toBeVisible(LIVE);

  // The PM signs and moves it: the DS's feature page and board follow.
  await pm.getByRole("button", { name: "Sign as product manager" }).click();
  await expect(ds.getByText(/Signed by Lina PM/)).toBeVisible(LIVE);
  await pm.getByRole("button", { name: "Move to Proof of concept" }).click();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Proof of concept");
  await expect(ds.getByTestId("feature-stage")).toHaveText("Proof of concept", LIVE);
  await expect(dsBoard.getByRole("list", { name: "Proof of concept features" })).toContainText("Returns triage", LIVE);
  await expect(dsBoard.getByRole("list", { name: "Idea features" })).toHaveCount(0);

  await neverReloaded(ds);
  await neverReloaded(dsBoard);
  await Promise.all([pm.context().close(), ds.context().close()]);
});

test("the QA queue and My work follow what others do", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Parcel damage detector");
  const qa = await signedInAs(browser, team, "qa");
  const qaWork = await qa.context().newPage();
  await openLive(qa, `/teams/${team.teamId}/qa`);
  await openLive(qaWork, `/teams/${team.teamId}/my-work`);
  await expect(qaWork.getByText("Nothing waits on you.")).toBeVisible();
  const waiting = qaWork.getByRole("list", { name: "Waiting on you in Parcel damage detector" });

  // The PM writes a criterion: it waits in QA's open queue.
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/features/${featureId}/criteria`);
  const add = pm.getByRole("form", { name: "Add a criterion" });
  await add.getByLabel("Or as plain text").fill("A dented box is flagged");
  await add.getByRole("button", { name: "Add criterion" }).click();
  await expect(qa.getByRole("region", { name: "Parcel damage detector" })).toContainText("A dented box is flagged", LIVE);
  await expect(waiting).toContainText("1 acceptance criterion to test", LIVE);

  // The PM asks for QA's sign-off: QA's open My work shows it.
  await pm.goto(`/teams/${team.teamId}/features/${featureId}`);
  await pm.getByRole("button", { name: "Request QA sign-off" }).click();
  await expect(waiting).toContainText("Lina PM asked for your QA sign-off", LIVE);

  await neverReloaded(qa);
  await neverReloaded(qaWork);
  await Promise.all([pm.context().close(), qa.context().close()]);
});

test("the loser of a race to move a feature sees the stage it is in now", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Churn alerts");
  const featureUrl = `/teams/${team.teamId}/features/${featureId}`;
  const pm = await signedInAs(browser, team, "pm");
  const lead = await signedInAs(browser, team, "lead");
  const ds = await signedInAs(browser, team, "ds");
  await ds.goto(featureUrl);
  await ds.getByRole("button", { name: "Sign as data scientist" }).click();
  await expect(ds.getByText(/Signed by Omar DS/)).toBeVisible();
  await pm.goto(featureUrl);
  await pm.getByRole("button", { name: "Sign as product manager" }).click();
  await expect(pm.getByRole("button", { name: "Move to Proof of concept" })).toBeEnabled();

  // The lead's page hears nothing (as if the live channel were slow), so it
  // still offers the move when the PM has already made it.
  await lead.route("**/api/teams/*/live**", (route) => route.abort());
  await lead.goto(featureUrl);
  await expect(lead.getByRole("button", { name: "Move to Proof of concept" })).toBeEnabled();
  await pm.getByRole("button", { name: "Move to Proof of concept" }).click();
  await expect(pm.getByTestId("feature-stage")).toHaveText("Proof of concept");

  await lead.getByRole("button", { name: "Move to Proof of concept" }).click();
  // Refused, and the page now shows where the feature is.
  await expect(lead.getByTestId("feature-stage")).toHaveText("Proof of concept");
  await expect(lead.getByRole("heading", { name: /^Gate: / })).toContainText("Proof of concept");
  // The refusal says why, though the form it came from is gone with the old gate.
  await expect(lead.getByRole("alert").filter({ hasText: "it is in Proof of concept" })).toBeVisible();
  await lead.getByRole("button", { name: "Dismiss" }).click();
  await expect(lead.getByRole("alert").filter({ hasText: "it is in Proof of concept" })).toHaveCount(0);
  await Promise.all([pm.context().close(), lead.context().close(), ds.context().close()]);
});

test("someone editing a spec is told of a newer revision before saving, and keeps their text", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Smart restock");
  const specUrl = `/teams/${team.teamId}/features/${featureId}/spec`;
  const pm = await signedInAs(browser, team, "pm");
  const lead = await signedInAs(browser, team, "lead");
  await openLive(pm, specUrl);
  await pm.getByRole("button", { name: "Edit", exact: true }).click();
  await pm.getByLabel("Out of scope").fill("Perishable goods");

  await lead.goto(specUrl);
  await lead.getByRole("button", { name: "Edit", exact: true }).click();
  await lead.getByLabel("Open questions").fill("Seasonal items?");
  await lead.getByRole("button", { name: "Save spec" }).click();
  await expect(lead.getByText("Saved as revision 2.")).toBeVisible();

  await expect(pm.getByText("Tess Lead saved revision 2 after you started editing.")).toBeVisible(LIVE);
  await expect(pm.getByRole("link", { name: "See what changed in revision 2" })).toBeVisible();
  await expect(pm.getByTestId("newer-revision-note")).toContainText("Revision 2 was saved after you started editing");
  await expect(pm.getByLabel("Out of scope")).toHaveValue("Perishable goods");
  await expect(pm.getByLabel("Open questions")).toHaveValue("");
  await neverReloaded(pm);
  await Promise.all([pm.context().close(), lead.context().close()]);
});

test("an open page catches up after the app's listening connection to the database was cut", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "IDEA", "Fraud review queue");
  const ds = await signedInAs(browser, team, "ds");
  await openLive(ds, `/teams/${team.teamId}/features/${featureId}`);
  // A change no event announces (written straight into the database), then
  // the connection the app LISTENs on is cut, as a database restart would.
  await runSql(`UPDATE "Feature" SET title = 'Fraud review queue v2' WHERE id = $1`, [featureId]);
  await runSql(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'liftoff-live'`,
  );
  // The app reconnects and has every open page fetch again.
  await expect(ds.getByRole("heading", { level: 1 })).toHaveText("Fraud review queue v2", LIVE);
  await neverReloaded(ds);
  await ds.context().close();
});

test("the live stream answers 404 to the signed-out and to outsiders", async ({ browser, request }) => {
  const url = `/api/teams/${team.teamId}/live`;
  expect((await request.get(url, { maxRedirects: 0 })).status()).toBe(404);

  const other = await seedTeam([{ key: "outsider", name: "Olga Outsider", roles: ["LEAD"] }]);
  try {
    const outsider = await signedInAs(browser, other, "outsider");
    expect((await outsider.request.get(url, { maxRedirects: 0 })).status()).toBe(404);
    expect((await outsider.request.get("/api/teams/not-a-uuid/live", { maxRedirects: 0 })).status()).toBe(404);
    await outsider.context().close();
  } finally {
    await other.cleanup();
  }
});
