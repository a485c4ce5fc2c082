import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam, signedInAs, type SeededTeam } from "./fixtures";

// My work is an inbox: a developer finds the BUILD gate there and signs from
// it; items can be marked done or snoozed; the count beside "My work" follows.

let team: SeededTeam;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "pm", name: "Pia PM", roles: ["PM"] },
    { key: "dev", name: "Devi Dev", roles: ["DEV"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
});

test.afterAll(async () => {
  await team.cleanup();
});

test("a developer finds the BUILD gate in My work, signs from there, and clears items with Done and Snooze", async ({ browser }) => {
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "BUILD", "Route optimiser");
  const featureUrl = `/teams/${team.teamId}/features/${featureId}`;

  // The PM makes the developer Responsible (a command: the gate's summary is stored).
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(featureUrl);
  const raci = pm.getByRole("region", { name: "Responsibilities" });
  await raci.getByLabel("Person").selectOption({ label: "Devi Dev (DEV)" });
  await raci.getByLabel("Acting as").selectOption({ label: "Developer" });
  await raci.getByLabel("RACI").selectOption({ label: "Responsible" });
  await raci.getByRole("button", { name: "Assign" }).click();
  await expect(raci.getByRole("row", { name: /Devi Dev Developer Responsible/ })).toBeVisible();

  // On the board, the count beside My work says one item is new.
  const dev = await signedInAs(browser, team, "dev");
  await dev.goto(`/teams/${team.teamId}`);
  const nav = dev.getByRole("navigation", { name: "Team" });
  const count = nav.getByTestId("inbox-count").filter({ visible: true });
  await expect(count).toHaveText("1 new item waits on you");
  await nav.getByRole("link", { name: /^My work/ }).click();
  const group = dev.getByRole("list", { name: "Waiting on you in Route optimiser" });
  await expect(group).toContainText("NewGateThe Build → Validation gate waits on you as developer");
  // Shown once: no longer new.
  await expect(count).toHaveCount(0);
  await group.getByRole("link", { name: "Open the gate" }).click();
  await expect(dev.getByTestId("feature-stage")).toHaveText("Build");
  const gate = dev.getByRole("region", { name: /Gate: Build → Validation/ });
  await gate.getByRole("button", { name: "Sign as developer" }).click();
  await expect(gate.getByText(/Signed by Devi Dev/)).toBeVisible();

  // The gate still waits on developers for its monitoring owners: the item
  // stays until the developer marks it done.
  await dev.goto(`/teams/${team.teamId}/my-work`);
  await expect(group).toContainText("waits on you as developer");
  await expect(group).not.toContainText("New");
  await group.getByRole("button", { name: /^Mark done: The Build → Validation gate/ }).click();
  await expect(dev.getByRole("status").filter({ hasText: "Marked done." })).toBeVisible();
  await expect(dev.getByText("Nothing waits on you.")).toBeVisible();

  // A mention arrives while the developer looks at the board: the count
  // rises without a reload.
  await dev.goto(`/teams/${team.teamId}`);
  await expect(dev.locator("html")).toHaveAttribute("data-live", "open");
  await pm.getByRole("textbox", { name: "Comment" }).fill(`@${team.people.dev!.email} can the optimiser run nightly?`);
  await pm.getByRole("button", { name: "Post comment" }).click();
  await expect(pm.getByText("can the optimiser run nightly?")).toBeVisible();
  await expect(count).toHaveText("1 new item waits on you", { timeout: 5_000 });

  // The developer snoozes it and wakes it again.
  await nav.getByRole("link", { name: /^My work/ }).click();
  await expect(group).toContainText("Pia PM mentioned you");
  await group.getByRole("button", { name: /^Snooze: Pia PM mentioned you/ }).click();
  await dev.getByRole("menuitem", { name: "Tomorrow" }).click();
  await expect(dev.getByText("Nothing waits on you.")).toBeVisible();
  await dev.getByText("Snoozed (1)").click();
  const snoozed = dev.getByRole("list", { name: "Snoozed" });
  await expect(snoozed).toContainText("Pia PM mentioned you");
  await snoozed.getByRole("button", { name: "Wake now: Pia PM mentioned you" }).click();
  await expect(group).toContainText("Pia PM mentioned you");

  // The link leads to the comment; opening the feature marks the mention seen.
  await group.getByRole("link", { name: "Read the comment" }).click();
  await expect(dev.getByText("can the optimiser run nightly?")).toBeVisible();
  await dev.goto(`/teams/${team.teamId}/my-work`);
  await expect(dev.getByText("Nothing waits on you.")).toBeVisible();

  // QA has nothing to test yet: no criteria.
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`/teams/${team.teamId}/my-work`);
  await expect(qa.getByText("Nothing waits on you.")).toBeVisible();
  await Promise.all([pm.context().close(), dev.context().close(), qa.context().close()]);
});
