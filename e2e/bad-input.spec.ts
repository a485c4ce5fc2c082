import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam } from "./fixtures";
import { signIn } from "./helpers";

// Every page and export of a team, reached with malformed ids and search
// parameters by a signed-in member: a clear 404 or the page, never a 500.

const BAD_IDS = [
  "not-a-uuid",
  "00000000-0000-0000-0000-00000000000g",
  "%00",
  "a%00b",
  "1%20OR%201%3D1",
  "..%2F..%2Fetc",
  "x".repeat(300),
  "%E2%80%AE",
];

test("malformed ids and search parameters answer 404 or the page, never 500", async ({ page }) => {
  test.setTimeout(120_000);
  const team = await seedTeam([{ key: "lead", name: "Lee Lead", roles: ["LEAD", "PM"] }]);
  const featureId = await seedFeature(team.teamId, team.people.lead!.id, "IDEA", "Bad input target");
  await page.goto("/sign-in");
  await signIn(page, team.people.lead!.email);
  await expect(page.getByTestId("current-user")).toBeVisible();
  const t = `/teams/${team.teamId}`;
  const f = `${t}/features/${featureId}`;

  const featureRoutes = ["", "/brief", "/brief/export", "/readiness", "/spec", "/spec/export", "/spec/revisions", "/criteria", "/criteria/export", "/activity"];
  const teamRoutes = ["", "/members", "/audit", "/qa", "/my-work", "/settings", "/features/new", "/specs/export", "/criteria/export", "/stages/idea"];

  const checks: { path: string; expect404: boolean }[] = [];
  for (const bad of BAD_IDS) {
    for (const route of featureRoutes) checks.push({ path: `${t}/features/${bad}${route}`, expect404: true });
    for (const route of teamRoutes) checks.push({ path: `/teams/${bad}${route}`, expect404: true });
  }
  // Well formed but no feature of this team: not found too, before any skeleton starts the response.
  for (const route of featureRoutes) checks.push({ path: `${t}/features/${randomUUID()}${route}`, expect404: true });
  for (const query of [
    "before=9999999999999999999",
    "before=-1",
    "before=1e400",
    "before=%00",
  ]) {
    checks.push({ path: `${t}/audit?${query}`, expect404: false });
  }
  for (const query of [
    "after=%00",
    "after=1.not-a-uuid",
    "after=99999999999999999999.00000000-0000-0000-0000-000000000000",
    "after=253402300799999.00000000-0000-0000-0000-000000000000",
    "after=1&after=2",
  ]) {
    checks.push({ path: `${t}/qa?${query}`, expect404: false });
  }
  for (const query of ["activityBefore=9999999999999999999", "activityBefore=%00", "commentsBefore=not-a-uuid"]) {
    checks.push({ path: `${f}?${query}`, expect404: false });
  }
  for (const query of ["before=9999999999999999999", "before=%00", "before=-1", "before=1e9"]) {
    checks.push({ path: `${f}/activity?${query}`, expect404: false });
  }
  for (const query of ["q=%00", "q=a%00b", `q=${"x".repeat(5000)}`, "phase=3000000000", "stuckDays=-5", "person=%00", "waitingOn=OWNER"]) {
    checks.push({ path: `${t}?${query}`, expect404: false });
    checks.push({ path: `${t}/stages/idea?${query}`, expect404: false });
  }
  for (const query of ["page=99999999999", "page=-1", "page=%00", "from=3000000000&to=1", "from=%00", "page=1e9"]) {
    checks.push({ path: `${f}/spec/revisions?${query}`, expect404: false });
    checks.push({ path: `${t}/stages/idea?${query}`, expect404: false });
  }

  for (const { path, expect404 } of checks) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
    if (expect404) expect(response.status(), path).toBe(404);
  }

  // And random text in every id position.
  await fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.constantFrom(...featureRoutes),
      async (junk, route) => {
        const path = `${t}/features/${encodeURIComponent(junk)}${route}`;
        const response = await page.request.get(path, { maxRedirects: 0 });
        expect(response.status(), path).toBeLessThan(500);
      },
    ),
    { numRuns: 40, seed: 20261125 },
  );
  await team.cleanup();
});
