// Applies pending migrations, then recomputes stale feature summaries:
//   tsx --conditions react-server scripts/migrate.ts [--create-db] [--reset]
//   --create-db  create the database first if it does not exist
//   --reset      drop and recreate the database (all data is lost), then migrate
import "dotenv/config";
import path from "node:path";
import { applyMigrations, ensureDatabase, recreateDatabase } from "./lib/migrator";

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--create-db" && arg !== "--reset");
  if (unknown.length > 0) throw new Error(`Unknown argument(s): ${unknown.join(" ")}. Usage: migrate [--create-db] [--reset]`);

  const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff";
  if (args.includes("--reset")) {
    await recreateDatabase(url);
    console.log("Database recreated.");
  } else if (args.includes("--create-db")) {
    await ensureDatabase(url);
  }

  // Relative to the project, so the script works from any directory.
  const { applied } = await applyMigrations(url, path.resolve(__dirname, "..", "prisma", "migrations"));
  console.log(applied.length > 0 ? `Applied ${applied.length} migrations: ${applied.join(", ")}` : "Database is up to date.");

  // Feature summaries computed by older gate rules (or never): recompute them.
  // Imported here: the app's modules need `tsx --conditions react-server`.
  const [{ createClient }, { refreshStaleSummaries }] = await Promise.all([import("@/lib/db"), import("@/lib/gates/summary")]);
  const client = createClient(url);
  try {
    const refreshed = await refreshStaleSummaries(client);
    if (refreshed > 0) console.log(`Recomputed the gate summaries of ${refreshed} features.`);
  } finally {
    await client.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if ((error as { code?: string }).code === "3D000") console.error("Run with --create-db to create it.");
  process.exit(1);
});
