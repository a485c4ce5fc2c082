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
  await expect(qa.getByText(`Showing the ${PAGE_SIZE} that have waited longest`)).toBeVisible();
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
