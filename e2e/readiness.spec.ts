import { expect, test } from "@playwright/test";
import { runSql, seedFeature, seedTeam, type SeededTeam } from "./fixtures";
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

test("a developer scores the grid in place with one Save; owners in bulk; the chart and ties follow; QA only reads", async ({ page, browser }) => {
  // A long story over 28 rows, on a shared machine.
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await signIn(page, team.people.dev!.email);
  await expect(page.getByTestId("current-user")).toHaveText("Dee Dev");
  await page.goto(featureUrl);
  await page.getByRole("link", { name: "Score the checklist" }).click();
  await expect(page.getByTestId("readiness-score")).toContainText("0");
  await expect(page.getByTestId("readiness-band")).toContainText("More of a research project");
  await expect(page.getByTestId("readiness-weakest")).toContainText("All four sections tie at 0 of 7");
  await expect(page.getByRole("img", { name: "Section sums of the ML Test Score against their maximum" })).toBeVisible();
  // One grid: no per-item disclosure forms or Save buttons.
  await expect(page.getByRole("button", { name: /^Save / })).toHaveCount(1);
  await expect(page.getByRole("group", { name: /^Score for / })).toHaveCount(28);
  await expect(page.getByRole("group", { name: "Score for DATA-1" }).getByRole("radio")).toHaveCount(4);

  // Automated needs a link: the field appears only once 1 is chosen, by keyboard.
  const data1 = page.getByRole("listitem", { name: "DATA-1" });
  await expect(data1.getByLabel("Link to the job, test or monitor")).toHaveCount(0);
  await data1.getByRole("radio", { name: "0 not done" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(data1.getByRole("radio", { name: "1 automated" })).toBeChecked();
  await expect(data1.getByLabel("Link to the job, test or monitor")).toBeVisible();
  // ½ asks for a note and a link.
  const model1 = page.getByRole("listitem", { name: "MODEL-1" });
  await model1.getByText("½", { exact: true }).click();
  await expect(model1.getByLabel("What was done (note)")).toBeVisible();
  await expect(page.getByTestId("unsaved-count")).toHaveText("2 unsaved changes.");

  // Saved with nothing filled in: refused, each row says what it lacks, focus on the first.
  await page.getByRole("button", { name: "Save checklist" }).click();
  await expect(data1.getByText("Automated: link the job, test or monitor.")).toBeVisible();
  await expect(model1.getByText("Done by hand: describe what was done.")).toBeVisible();
  await expect(data1.getByLabel("Link to the job, test or monitor")).toBeFocused();
  await data1.getByLabel("Link to the job, test or monitor").fill("https://ci.example.com/schema-check");
  await model1.getByLabel("What was done (note)").fill("Spec reviewed in the weekly meeting");
  await model1.getByLabel("Evidence link").fill("https://wiki.example.com/review");

  // One automated test in Infra and Monitoring; Monitoring-7 not applicable.
  for (const code of ["INFRA-1", "MONITORING-1"]) {
    const row = page.getByRole("listitem", { name: code });
    await row.getByText("1", { exact: true }).click();
    await row.getByLabel("Link to the job, test or monitor").fill(`https://ci.example.com/${code}`);
  }
  const mon7 = page.getByRole("listitem", { name: "MONITORING-7" });
  await mon7.getByText("N/A", { exact: true }).click();
  await mon7.getByLabel("Why not applicable").fill("No served traffic yet");

  // Owners in bulk: every monitoring test to Dee.
  await page.getByLabel("Select all in Monitoring").check();
  await page.getByLabel("Owner for selected tests").selectOption({ label: "Dee Dev" });
  await page.getByRole("button", { name: "Set owner" }).click();
  await expect(page.getByText("Dee Dev set as owner of 7 tests: save to keep it.")).toBeVisible();
  await expect(page.getByTestId("unsaved-count")).toHaveText("10 unsaved changes.");

  await page.getByRole("button", { name: "Save checklist" }).click();
  await expect(page.getByText("Checklist saved: 10 tests changed.").first()).toBeVisible();
  await expect(page.getByTestId("unsaved-count")).toHaveText("No unsaved changes.");
  await expect(page.getByTestId("score-DATA-1")).toHaveText("1 · automated");
  await expect(page.getByTestId("score-MODEL-1")).toHaveText("½ · by hand");
  await expect(page.getByTestId("score-MONITORING-7")).toHaveText("Not applicable");
  await expect(page.getByRole("listitem", { name: "MONITORING-3" })).toContainText("Owner: Dee Dev");
  // Model is the only section at ½: named alone.
  await expect(page.getByTestId("readiness-score")).toContainText("½ of 7");
  await expect(page.getByTestId("readiness-weakest")).toContainText("Model development at ½ of 7");
  await expect(page.getByRole("list", { name: "Section sums" })).toContainText("Monitoring1 of 6");
  const owners = await runSql(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "teamId" = $1 AND action = 'readiness.owner_changed'`,
    [team.teamId],
  );
  expect(owners[0]!.n).toBe(7);

  // The history of a row in words.
  const history = page.getByRole("listitem", { name: "DATA-1" }).getByText("History of DATA-1 (1)");
  await history.click();
  await expect(page.getByRole("listitem", { name: "DATA-1" })).toContainText("Dee Dev set the score to 1");

  // QA sees the checklist but cannot edit it.
  const qa = await (await browser.newContext()).newPage();
  await qa.goto("/sign-in");
  await signIn(qa, team.people.qa!.email);
  await expect(qa.getByTestId("current-user")).toHaveText("Quill QA");
  await qa.goto(`${featureUrl}/readiness`);
  await expect(qa.getByTestId("score-DATA-1")).toHaveText("1 · automated");
  await expect(qa.getByRole("group", { name: /^Score for / })).toHaveCount(0);
  await expect(qa.getByRole("button", { name: "Save checklist" })).toHaveCount(0);
  await qa.context().close();
});
