import { expect, test } from "@playwright/test";
import { seedTeam, signedInAs, type SeededTeam } from "./fixtures";
import { seedHistory } from "./insights-history";

// A lead reads where the team's features stall; anyone outside the team
// learns nothing. The history is in e2e/insights-history.ts.

let team: SeededTeam;
let stranger: SeededTeam;
let ids: Record<string, string>;

test.beforeAll(async () => {
  team = await seedTeam([
    { key: "lead", name: "Lee Lead", roles: ["LEAD"] },
    { key: "pm", name: "Pat PM", roles: ["PM"] },
    { key: "qa", name: "Quin QA", roles: ["QA"] },
  ]);
  stranger = await seedTeam([{ key: "lead", name: "Sam Stranger", roles: ["LEAD"] }]);
  ids = await seedHistory(team.teamId, { pm: team.people.pm!.id, qa: team.people.qa!.id });
});

test.afterAll(async () => {
  await team.cleanup();
  await stranger.cleanup();
});

test("a lead opens Insights and sees the funnel, time in stage and lead time, each with its table and CSV", async ({ browser }) => {
  const page = await signedInAs(browser, team, "lead");
  await page.goto(`/teams/${team.teamId}`);
  await page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();

  // The funnel: four trips started in the last 12 months; two reached production.
  const funnel = page.getByRole("region", { name: "Funnel: trips that reached each stage" });
  await expect(funnel.getByRole("img", { name: "Funnel: trips that reached each stage" })).toBeVisible();
  await funnel.getByText("Table: Funnel: trips that reached each stage").click();
  const funnelTable = funnel.getByRole("table");
  await expect(funnelTable.getByRole("row", { name: /^Idea 4 4 100/ })).toBeVisible();
  await expect(funnelTable.getByRole("row", { name: /^Proof of concept 4 2 50 1 1$/ })).toBeVisible();
  await expect(funnelTable.getByRole("row", { name: /^Production 2/ })).toBeVisible();
  // Beside the published figures, cited.
  await expect(page.getByRole("listitem").filter({ hasText: /^54 % of AI projects made it from pilot to production \(Gartner survey/ })).toBeVisible();

  // Time in each stage: Idea stays were 10, 10, 10 and 10 days.
  const stageTime = page.getByRole("region", { name: "Time in each stage", exact: true });
  await expect(stageTime.getByRole("img", { name: /Time in each stage/ })).toBeVisible();
  await stageTime.getByText("Table: Time in each stage").click();
  await expect(stageTime.getByRole("row", { name: /^Idea 4 10 10$/ })).toBeVisible();
  // Proof of concept: 30 (churn), 20 and 10 (fraud, sent back once), 30 (search, until retired).
  await expect(stageTime.getByRole("row", { name: /^Proof of concept 4 25 30$/ })).toBeVisible();

  // Lead time: 90 and 100 days.
  const lead = page.getByRole("region", { name: "Lead time from proof of concept to production" });
  await expect(lead.getByRole("img", { name: /Lead time from proof of concept to production/ })).toBeVisible();
  await expect(lead.getByText(/^2 trips: median 3\.1 months/)).toBeVisible();
  await lead.getByText("Table: Lead time from proof of concept to production").click();
  await expect(lead.getByRole("row", { name: "2–3 months 1" })).toBeVisible();
  await expect(lead.getByRole("row", { name: "3–4 months 1" })).toBeVisible();

  // The CSV is the table.
  const href = await lead.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("2–3 months,1");

  // Where features stop: the move back and the retirement, with their reasons.
  const reasons = page.getByRole("region", { name: "Where features stop, by reason" });
  await reasons.getByText("Table: Where features stop, by reason").click();
  await expect(reasons.getByRole("row", { name: "Business case withdrawn 0 1 0 1" })).toBeVisible();

  // A range in which no trip reached production: the last 40 days.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(day(40));
  await page.getByLabel("To", { exact: true }).fill(day(0));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day(40)}`));
  await expect(
    page.getByRole("region", { name: "Lead time from proof of concept to production" }).getByText("No trip reached production in this range."),
  ).toBeVisible();
});

test("a feature's timeline shows its stages in order", async ({ browser }) => {
  const page = await signedInAs(browser, team, "lead");
  await page.goto(`/teams/${team.teamId}/features/${ids["Fraud model"]}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("img", { name: /Timeline of this feature/ })).toBeVisible();
  await timeline.getByText("Table: timeline").click();
  const stages = timeline.getByRole("table", { name: "Stages over time" }).getByRole("rowheader");
  await expect(stages).toHaveText(["Idea", "Proof of concept", "Build", "Proof of concept", "Build", "Validation", "Production"]);
});

test("someone outside the team gets not found for Insights and its CSV", async ({ browser }) => {
  const page = await signedInAs(browser, stranger, "lead");
  expect((await page.request.get(`/teams/${team.teamId}/insights`)).status()).toBe(404);
  expect((await page.request.get(`/teams/${team.teamId}/insights/export?table=funnel`)).status()).toBe(404);
  // Their own team's Insights open, empty.
  await page.goto(`/teams/${stranger.teamId}/insights`);
  await expect(page.getByText("No feature started its trip in this range.")).toBeVisible();
});

test("malformed filters fall back to the defaults; a malformed team id is not found", async ({ browser }) => {
  const page = await signedInAs(browser, team, "lead");
  for (const query of ["from=%00&to=1e400", "from=2026-02-30&to=1999-01-01", "phase=3000000000", "phase=-1&from=x", "table=funnel&phase=%00"]) {
    const response = await page.request.get(`/teams/${team.teamId}/insights?${query}`);
    expect(response.status(), query).toBe(200);
    const csv = await page.request.get(`/teams/${team.teamId}/insights/export?table=funnel&${query}`);
    expect(csv.status(), query).toBe(200);
  }
  expect((await page.request.get(`/teams/${team.teamId}/insights/export?table=nope`)).status()).toBe(404);
  expect((await page.request.get(`/teams/not-a-uuid/insights`)).status()).toBe(404);
  expect((await page.request.get(`/teams/not-a-uuid/insights/export?table=funnel`)).status()).toBe(404);
});
