import { expect, test } from "@playwright/test";
import { runSql, seedFeature, seedTeam, signedInAs } from "./fixtures";

// The audit log and a feature's activity in words, and the activity's filters in the URL.

test("the lead reads the audit log in words; the activity tab filters by kind and person", async ({ browser }) => {
  const team = await seedTeam([
    { key: "lead", name: "Lina Lead", roles: ["LEAD"] },
    { key: "pm", name: "Pia PM", roles: ["PM"] },
    { key: "dev", name: "Dan Developer", roles: ["DEV"] },
    { key: "qa", name: "Quinn QA", roles: ["QA"] },
  ]);
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "VALIDATION", "Churn model");
  await runSql(
    `INSERT INTO "AcceptanceCriterion" (id, "featureId", position, text, "successCriterionKeys", "updatedAt")
     VALUES (gen_random_uuid(), $1, 1, 'Handles nulls', '{}', now())`,
    [featureId],
  );

  // QA fails the criterion in the queue.
  const qa = await signedInAs(browser, team, "qa");
  await qa.goto(`/teams/${team.teamId}/qa`);
  const row = qa.getByRole("listitem", { name: "Criterion 1" });
  await row.getByLabel("Verdict", { exact: true }).selectOption("FAILED");
  await row.getByLabel("Note").fill("Crashes on a null country");
  await row.getByRole("button", { name: "Record verdict" }).click();
  await expect(row.getByRole("status")).toHaveText("Recorded: Failed.");

  // The developer scores a readiness test and takes it.
  const dev = await signedInAs(browser, team, "dev");
  await dev.goto(`/teams/${team.teamId}/features/${featureId}/readiness`);
  const data1 = dev.getByRole("listitem", { name: "DATA-1" });
  await data1.getByText("1", { exact: true }).click();
  await data1.getByLabel("Link to the job, test or monitor").fill("https://ci.example.com/schema");
  await data1.getByLabel("Owner of DATA-1").selectOption({ label: "Dan Developer" });
  await dev.getByRole("button", { name: "Save checklist" }).click();
  await expect(dev.getByText("Checklist saved: 1 test changed.").first()).toBeVisible();

  // The audit log: sentences, no raw keys, ids only on hover.
  const lead = await signedInAs(browser, team, "lead");
  await lead.goto(`/teams/${team.teamId}/audit`);
  const log = lead.getByRole("table", { name: "Audit events" });
  await expect(log).toContainText("Quinn QA marked “Handles nulls” failed on Churn model: “Crashes on a null country”");
  await expect(log).toContainText("Dan Developer set DATA-1 to 1 (automated) on Churn model");
  await expect(log).toContainText("Dan Developer made Dan Developer the owner of DATA-1 on Churn model");
  await expect(log).not.toContainText("readiness.item_set");
  await expect(log).not.toContainText("note: null");
  await expect(log).not.toContainText(featureId);
  const verdictCell = log.getByRole("cell", { name: /Quinn QA marked/ });
  await expect(verdictCell).toHaveAttribute("title", new RegExp(`criterion [0-9a-f-]{36} · feature ${featureId} · by user ${team.people.qa!.id}`));

  // The activity tab: everything, then only criteria, then only Dan's, in the URL.
  const activityUrl = `/teams/${team.teamId}/features/${featureId}/activity`;
  await lead.goto(activityUrl);
  const activity = lead.getByRole("list", { name: "Activity" });
  await expect(activity.getByRole("listitem")).toHaveCount(3);
  const filters = lead.getByRole("form", { name: "Filter activity" });
  await filters.getByLabel("Kind").selectOption({ label: "Criteria" });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(lead).toHaveURL(/kind=criteria/);
  await expect(activity.getByRole("listitem")).toHaveCount(1);
  await expect(activity).toContainText("Quinn QA marked “Handles nulls” failed: “Crashes on a null country”");
  await expect(lead.getByTestId("activity-filter")).toHaveText("Showing criteria.");

  await filters.getByLabel("Kind").selectOption({ label: "Everything" });
  await filters.getByLabel("Person").selectOption({ label: "Dan Developer" });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(lead).toHaveURL(new RegExp(`person=${team.people.dev!.id}`));
  await expect(activity.getByRole("listitem")).toHaveCount(2);
  await expect(activity).not.toContainText("Quinn QA");

  await filters.getByLabel("Kind").selectOption({ label: "Sign-offs" });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(lead.getByText("Nothing matches these filters.")).toBeVisible();
  await lead.getByRole("link", { name: "Clear filters" }).click();
  await expect(activity.getByRole("listitem")).toHaveCount(3);

  // A typed or stale filter shows everything rather than an error.
  await lead.goto(`${activityUrl}?kind=nonsense&person=not-a-uuid`);
  await expect(activity.getByRole("listitem")).toHaveCount(3);

  await Promise.all([qa.context().close(), dev.context().close(), lead.context().close()]);
  await team.cleanup();
});
