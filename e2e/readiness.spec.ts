import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam, type SeededTeam } from "./fixtures";
import { signIn } from "./helpers";

let team: SeededTeam;
let featureUrl: string;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "pm", name: "Pat PM", roles: ["PM"] },
    { key: "dev", name: "Dee Dev", roles: ["DEV"] },
    { key: "qa", name: "Quill QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "BUILD", "Demand forecast");
  featureUrl = `/teams/${team.teamId}/features/${featureId}`;
});
test.afterAll(async () => team.cleanup());

test("a developer scores checklist items with evidence; the score and band follow; QA only reads", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await signIn(page, team.people.dev!.email);
  await expect(page.getByTestId("current-user")).toHaveText("Dee Dev");
  await page.goto(featureUrl);
  await page.getByRole("link", { name: "Score the checklist" }).click();
  await expect(page.getByTestId("readiness-score")).toContainText("0");
  await expect(page.getByTestId("readiness-band")).toContainText("More of a research project");

  // An automated score needs a link: refused with a field message first.
  const item = page.getByRole("listitem", { name: "DATA-1" });
  await item.getByText("Edit DATA-1").click();
  await item.getByLabel("Score", { exact: true }).selectOption({ label: "1 — automated (link to the job, test or monitor)" });
  await item.getByRole("button", { name: "Save DATA-1" }).click();
  await expect(item.getByText("Automated: link the job, test or monitor.")).toBeVisible();
  await item.getByLabel("Evidence link").fill("https://ci.example.com/schema-check");
  await item.getByRole("button", { name: "Save DATA-1" }).click();
  await expect(page.getByTestId("score-DATA-1")).toHaveText("1 · automated");

  // One automated test in each other section lifts the minimum to 1.
  for (const code of ["MODEL-1", "INFRA-1", "MONITORING-1"]) {
    const row = page.getByRole("listitem", { name: code });
    await row.getByText(`Edit ${code}`).click();
    await row.getByLabel("Score", { exact: true }).selectOption({ label: "1 — automated (link to the job, test or monitor)" });
    await row.getByLabel("Evidence link").fill(`https://ci.example.com/${code}`);
    await row.getByLabel("Owner").selectOption({ label: "Dee Dev" });
    await row.getByRole("button", { name: `Save ${code}` }).click();
    await expect(page.getByTestId(`score-${code}`)).toHaveText("1 · automated");
  }
  await expect(page.getByTestId("readiness-score")).toContainText("1");
  await expect(page.getByTestId("readiness-band")).toContainText("Not totally untested");

  // QA sees the checklist but cannot edit it.
  const qa = await (await browser.newContext()).newPage();
  await qa.goto("/sign-in");
  await signIn(qa, team.people.qa!.email);
  await expect(qa.getByTestId("current-user")).toHaveText("Quill QA");
  await qa.goto(`${featureUrl}/readiness`);
  await expect(qa.getByTestId("score-DATA-1")).toHaveText("1 · automated");
  await expect(qa.getByText("Edit DATA-1")).toHaveCount(0);
  await qa.context().close();
});
