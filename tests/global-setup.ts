import path from "node:path";
import { applyMigrations, ensureDatabase } from "../scripts/lib/migrator";

// Runs once before all test files. Vitest's `test.env` is not applied to
// globalSetup, so the URL is worked out the same way vitest.config.ts does.
// Only warnings reach the log (e.g. a migration edited after it was applied).
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_test";
  await ensureDatabase(url);
  await applyMigrations(url, path.resolve(__dirname, "..", "prisma", "migrations"));
}
