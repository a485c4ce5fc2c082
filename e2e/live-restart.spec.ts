import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { runSql, seedFeature, seedTeam, type SeededTeam } from "./fixtures";
import { signIn } from "./helpers";

// An open page survives the app restarting: this test runs its own app
// process (the same build and database as the suite's server), kills it under
// an open feature page, changes the feature while it is down, starts it again
// and sees the page catch up without a reload.

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const base = `http://127.0.0.1:${port}`;

function startApp(): ChildProcess {
  return spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_e2e",
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production",
      NEXT_TELEMETRY_DISABLED: "1",
      SIGNIN_MAX_PER_CLIENT: "10000",
    },
    stdio: "ignore",
    detached: true,
  });
}

async function appUp() {
  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
}

function kill(app: ChildProcess | null) {
  if (app?.pid) process.kill(-app.pid, "SIGKILL");
}

let team: SeededTeam;
let app: ChildProcess | null = null;

test.beforeAll(async () => {
  team = await seedTeam([{ key: "ds", name: "Omar DS", roles: ["DS"] }]);
});
test.afterAll(async () => {
  kill(app);
  await team.cleanup();
});

test("an open page catches up after the app restarts, without a reload", async ({ browser }) => {
  test.setTimeout(120_000);
  const featureId = await seedFeature(team.teamId, team.people.ds!.id, "IDEA", "Shelf gap finder");
  app = startApp();
  await appUp();
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await page.goto("/sign-in");
  await signIn(page, team.people.ds!.email);
  await expect(page.getByTestId("current-user")).toHaveText("Omar DS");
  await page.goto(`/teams/${team.teamId}/features/${featureId}`);
  await expect(page.locator("html")).toHaveAttribute("data-live", "open");
  await page.evaluate(() => ((window as unknown as { openedOnce: boolean }).openedOnce = true));

  // The app goes away; the page notices its stream is gone.
  kill(app);
  app = null;
  await expect(page.locator("html")).not.toHaveAttribute("data-live", "open");
  // A change while it is down: no event will ever announce it.
  await runSql(`UPDATE "Feature" SET title = 'Shelf gap finder v2' WHERE id = $1`, [featureId]);

  app = startApp();
  await appUp();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shelf gap finder v2", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { openedOnce?: boolean }).openedOnce)).toBe(true);
  await page.context().close();
});
