import { expect, test } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs } from "./fixtures";

// QA pages through a queue longer than one page and comes back to its start.

const PAGE_SIZE = 200; // QA_QUEUE_PAGE_SIZE

test("QA pages through a long queue with Next page and comes back to the first page", async ({ browser }) => {
  const team = await seedTeam([
    { key: "pm", name: "Pia PM", roles: ["PM"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Checkout fraud score");
  // One more than a page, a minute apart, oldest first.
  await runSql(
    `INSERT INTO "AcceptanceCriterion" (id, "featureId", position, text, "successCriterionKeys", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, n, 'Check ' || n, '{}', now() - interval '1 day' + n * interval '1 minute', now()
     FROM generate_series(1, $2::int) AS n`,
    [featureId, PAGE_SIZE + 1],
  );
  const qa = await signedInAs(browser, team, "qa");
  const queue = `/teams/${team.teamId}/qa`;

  await qa.goto(queue);
  await expect(qa.getByText(`Showing the first ${PAGE_SIZE}`)).toBeVisible();
  await expect(qa.getByText("Check 1", { exact: true })).toBeVisible();
  await expect(qa.getByText(`Check ${PAGE_SIZE}`, { exact: true })).toBeVisible();
  await expect(qa.getByText(`Check ${PAGE_SIZE + 1}`, { exact: true })).toHaveCount(0);
  const pages = qa.getByRole("navigation", { name: "QA queue pages" });
  await expect(pages.getByRole("link", { name: "Back to first page" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(qa).toHaveURL(/\/qa\?after=/);
  await expect(qa.getByText(`Check ${PAGE_SIZE + 1}`, { exact: true })).toBeVisible();
  await expect(qa.getByText(`Criterion ${PAGE_SIZE + 1}`, { exact: true })).toBeVisible();
  await expect(qa.getByText("Check 1", { exact: true })).toHaveCount(0);
  await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Back to first page" }).click();
  await expect(qa).toHaveURL(new RegExp(`${queue}$`));
  await expect(qa.getByText("Check 1", { exact: true })).toBeVisible();

  // A cursor someone typed: the first page, not an error.
  await qa.goto(`${queue}?after=yesterday`);
  await expect(qa.getByText("Check 1", { exact: true })).toBeVisible();
  await qa.context().close();
  await team.cleanup();
});

// QA's everyday work in the queue: retests kept, verdicts confirmed in place
// (and rolled back when refused), several passed at once, all by keyboard.

async function seedQueue() {
  const team = await seedTeam([
    { key: "pm", name: "Pia PM", roles: ["PM"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Churn model");
  const texts = ["Handles nulls", "Scores in 200 ms", "Logs every score", "Refuses stale models", "Explains the top reason"];
  const rows = await runSql(
    `INSERT INTO "AcceptanceCriterion" (id, "featureId", position, text, "successCriterionKeys", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, n, ($2::text[])[n], '{}', now() - interval '1 day' + n * interval '1 minute', now()
     FROM generate_series(1, $3::int) AS n RETURNING id, text`,
    [featureId, texts, texts.length],
  );
  const id = (text: string) => rows.find((r) => r.text === text)!.id as string;
  // "Handles nulls" failed earlier, judged by Quinn against the approved spec.
  await runSql(
    `INSERT INTO "CriterionVerdict" ("criterionId", verdict, note, "evidenceUrl", "userId", "specRevisionId", "createdAt")
     SELECT $1, 'FAILED', 'Crashes on a null country', 'https://ci.example.com/run/7', $2, f."approvedSpecRevisionId", now() - interval '1 hour'
     FROM "Feature" f WHERE f.id = $3`,
    [id("Handles nulls"), team.people.qa!.id, featureId],
  );
  await runSql(
    `UPDATE "AcceptanceCriterion" c SET verdict = 'FAILED', "verdictAt" = now() - interval '1 hour', "verdictSpecRevisionId" = f."approvedSpecRevisionId"
     FROM "Feature" f WHERE c.id = $1 AND f.id = c."featureId"`,
    [id("Handles nulls")],
  );
  return { team, featureId, id };
}

test("failed criteria wait in Retest with their last verdict; a verdict is confirmed in place, by keyboard", async ({ browser }) => {
  const { team } = await seedQueue();
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`/teams/${team.teamId}/qa`);

  const retest = qa.getByRole("region", { name: /^Retest/ });
  await expect(retest.getByRole("heading", { name: "Retest (1)" })).toBeVisible();
  const nulls = retest.getByRole("listitem", { name: "Criterion 1" });
  await expect(nulls).toContainText("Handles nulls");
  await expect(nulls).toContainText(/Last: Failed by Quinn QA on .* UTC: “Crashes on a null country”/);
  await expect(nulls.getByRole("link", { name: "Evidence" })).toHaveAttribute("href", "https://ci.example.com/run/7");
  const untested = qa.getByRole("region", { name: /^Untested/ });
  await expect(untested.getByRole("heading", { name: "Untested (4)" })).toBeVisible();

  // Keyboard only: pick "Failed" for criterion 2, skip the link, write the note, submit with Enter.
  const speed = untested.getByRole("listitem", { name: "Criterion 2" });
  await speed.getByLabel("Verdict", { exact: true }).focus();
  await qa.keyboard.type("Fa");
  await expect(speed.getByLabel("Verdict", { exact: true })).toHaveValue("FAILED");
  await qa.keyboard.press("Tab");
  await expect(speed.getByLabel("Evidence link")).toBeFocused();
  await qa.keyboard.press("Tab");
  await expect(speed.getByLabel("Note")).toBeFocused();
  await qa.keyboard.type("p95 is 340 ms");
  await qa.keyboard.press("Tab");
  await expect(speed.getByRole("button", { name: "Record verdict" })).toBeFocused();
  await qa.keyboard.press("Enter");
  // Confirmed where it was, focus on the confirmation.
  const status = speed.getByRole("status");
  await expect(status).toHaveText("Recorded: Failed.");
  await expect(status).toBeFocused();
  await expect(speed).toContainText("Scores in 200 ms");
  await expect(speed.getByRole("form")).toBeHidden();

  // Refused (blocked needs a note): the row rolls back to its form, with the reason.
  const logs = untested.getByRole("listitem", { name: "Criterion 3" });
  await logs.getByLabel("Verdict", { exact: true }).selectOption("BLOCKED");
  await logs.getByRole("button", { name: "Record verdict" }).click();
  await expect(logs.getByText("Not recorded: Please correct the fields marked below.")).toBeVisible();
  await expect(logs.getByText("Say what failed or what blocks it.")).toBeVisible();
  await expect(logs.getByRole("status")).toHaveCount(0);
  await expect(logs.getByLabel("Verdict", { exact: true })).toHaveValue("BLOCKED");
  await logs.getByLabel("Note").fill("Log store is down");
  await logs.getByRole("button", { name: "Record verdict" }).click();
  await expect(logs.getByRole("status")).toHaveText("Recorded: Blocked.");

  // Change a verdict just recorded: the form comes back with focus on the verdict.
  await speed.getByRole("button", { name: "Change the verdict of criterion 2 of Churn model" }).click();
  await expect(speed.getByLabel("Verdict", { exact: true })).toBeFocused();

  // After a reload both wait in Retest, with who judged them.
  await qa.reload();
  await expect(qa.getByRole("heading", { name: "Retest (3)" })).toBeVisible();
  await expect(qa.getByRole("region", { name: /^Retest/ }).getByText(/Last: Blocked by Quinn QA/)).toBeVisible();
  await qa.context().close();
  await team.cleanup();
});

test("QA passes several criteria at once with one note and link, each recorded and audited", async ({ browser }) => {
  const { team, featureId, id } = await seedQueue();
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`/teams/${team.teamId}/qa`);
  const bulk = qa.getByRole("form", { name: "Pass selected criteria" });

  // Nothing selected: said so, nothing written.
  await bulk.getByRole("button", { name: "Pass selected" }).click();
  await expect(bulk.getByText("Select the criteria that passed")).toBeVisible();

  // Tick with the keyboard (Space), then pass the two with one note and link.
  await qa.getByRole("checkbox", { name: "Select criterion 1 of Churn model" }).focus();
  await qa.keyboard.press("Space");
  await qa.getByRole("checkbox", { name: "Select criterion 4 of Churn model" }).focus();
  await qa.keyboard.press("Space");
  await expect(bulk.getByText("2 selected.")).toBeVisible();
  await bulk.getByLabel("Note for all of them").fill("RC 3 regression run");
  await bulk.getByLabel("Evidence link for all of them").fill("https://ci.example.com/run/42");
  await bulk.getByRole("button", { name: "Pass 2 selected" }).click();
  await expect(bulk.getByText("2 criteria passed.")).toBeVisible();
  for (const n of [1, 4]) {
    const row = qa.getByRole("listitem", { name: `Criterion ${n}` });
    await expect(row.getByRole("status")).toContainText("Recorded: Passed.");
  }
  await expect(qa.getByRole("listitem", { name: "Criterion 1" })).toContainText("Handles nulls");

  const verdicts = await runSql(
    `SELECT c.text, v.note, v."evidenceUrl" FROM "CriterionVerdict" v JOIN "AcceptanceCriterion" c ON c.id = v."criterionId"
     WHERE c."featureId" = $1 AND v.verdict = 'PASSED' ORDER BY c.position`,
    [featureId],
  );
  expect(verdicts).toEqual([
    { text: "Handles nulls", note: "RC 3 regression run", evidenceUrl: "https://ci.example.com/run/42" },
    { text: "Refuses stale models", note: "RC 3 regression run", evidenceUrl: "https://ci.example.com/run/42" },
  ]);
  const audits = await runSql(
    `SELECT "targetId" FROM "AuditEvent" WHERE "teamId" = $1 AND action = 'criterion.verdict_set' ORDER BY "targetId"`,
    [team.teamId],
  );
  expect(audits.map((a) => a.targetId)).toEqual([id("Handles nulls"), id("Refuses stale models")].sort());

  // Passed criteria leave the queue on the next visit.
  await qa.reload();
  await expect(qa.getByRole("heading", { name: "Retest (0)" })).toBeVisible();
  await expect(qa.getByRole("heading", { name: "Untested (3)" })).toBeVisible();
  await expect(qa.getByText("Handles nulls")).toHaveCount(0);

  // The PM sees the queue read-only: no checkboxes, no forms.
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/qa`);
  await expect(pm.getByText("Scores in 200 ms")).toBeVisible();
  await expect(pm.getByRole("checkbox")).toHaveCount(0);
  await expect(pm.getByRole("button", { name: "Record verdict" })).toHaveCount(0);
  await Promise.all([qa.context().close(), pm.context().close()]);
  await team.cleanup();
});

// Someone else's change refreshes the open queue (live): the row judged here stays, confirmed.
test("the QA queue follows a new criterion live, and keeps a verdict recorded in place", async ({ browser }) => {
  const team = await seedTeam([
    { key: "pm", name: "Lina PM", roles: ["PM"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Parcel damage detector");
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/features/${featureId}/criteria`);
  const add = pm.getByRole("form", { name: "Add a criterion" });
  await add.getByLabel("Or as plain text").fill("A crushed box is flagged");
  await add.getByRole("button", { name: "Add criterion" }).click();
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`/teams/${team.teamId}/qa`);
  await expect(qa.locator("html")).toHaveAttribute("data-live", "open");
  const first = qa.getByRole("listitem", { name: "Criterion 1" });
  await first.getByLabel("Verdict", { exact: true }).selectOption("PASSED");
  await first.getByRole("button", { name: "Record verdict" }).click();
  await expect(first.getByRole("status")).toHaveText(/Recorded: Passed/);
  await add.getByLabel("Or as plain text").fill("A dented box is flagged");
  await add.getByRole("button", { name: "Add criterion" }).click();
  await expect(qa.getByRole("region", { name: "Parcel damage detector" })).toContainText("A dented box is flagged", { timeout: 5000 });
  await expect(first.getByRole("status")).toHaveText(/Recorded: Passed/);
  await expect(first).toContainText("A crushed box is flagged");
  await Promise.all([pm.context().close(), qa.context().close()]);
  await team.cleanup();
});
