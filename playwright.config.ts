import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_e2e";

// The tests create users and teams freely: never point them at a real database.
if (!/@(127\.0\.0\.1|localhost)(:\d+)?\//.test(databaseUrl)) {
  throw new Error(`Refusing to run end-to-end tests against a non-local database: ${databaseUrl}`);
}

// The app's mail goes to e2e/support/mail-sink.ts; e2e/mail.ts reads it back.
const mailSinkSmtpPort = process.env.MAIL_SINK_SMTP_PORT ?? "2525";
const mailSinkHttpPort = process.env.MAIL_SINK_HTTP_PORT ?? "3125";

// Single sign-on against a real OpenID provider on loopback (e2e/support/oidc-provider.ts).
const oidcPort = process.env.OIDC_PORT ?? "3126";
const oidc = { id: "liftoff-e2e", secret: "liftoff-e2e-secret" };

// Debian's Chromium where it exists (CI, these machines); Playwright's own elsewhere.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: existsSync(systemChromium)
          ? {
              executablePath: systemChromium,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
              ],
            }
          : {},
      },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/mail-sink.ts",
      url: `http://127.0.0.1:${mailSinkHttpPort}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      env: { MAIL_SINK_SMTP_PORT: mailSinkSmtpPort, MAIL_SINK_HTTP_PORT: mailSinkHttpPort },
    },
    {
      command: "npx tsx e2e/support/oidc-provider.ts",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      env: { OIDC_PORT: oidcPort, APP_URL: baseURL, OIDC_CLIENT_ID: oidc.id, OIDC_CLIENT_SECRET: oidc.secret },
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${PORT}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      env: {
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production",
        NEXT_TELEMETRY_DISABLED: "1",
        // Delivered by the worker inside this server (instrumentation.ts).
        SMTP_URL: `smtp://127.0.0.1:${mailSinkSmtpPort}`,
        MAIL_FROM: "Liftoff E2E <liftoff@e2e.liftoff>",
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: oidc.id,
        OIDC_CLIENT_SECRET: oidc.secret,
        OIDC_NAME: "Test SSO",
        // Every test signs in from 127.0.0.1: a limit for one client address
        // would throttle the suite, not an attacker. The per-account limit stays.
        SIGNIN_MAX_PER_CLIENT: "10000",
        // Notification mail leaves a second after the event, not two minutes.
        NOTIFY_BATCH_SECONDS: "1",
      },
    },
  ],
});
