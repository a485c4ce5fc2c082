import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Logger, runMigrations as runWorkerMigrations } from "graphile-worker";
import pg from "pg";

// Applies prisma/migrations with plain `pg`, because `prisma migrate deploy`
// needs a native engine binary these machines cannot download. It keeps
// Prisma's bookkeeping (table, lock key, checksums) so the Prisma CLI still
// reads the result as its own.

// Prisma Migrate's advisory lock key: this runner and a real
// `prisma migrate deploy` never run at the same time.
const PRISMA_MIGRATE_LOCK = 72707369;

// Same columns and types as Prisma's own table.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// graphile-worker logs each migration at info level; only problems matter here.
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
});

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function applyMigrations(
  connectionString: string,
  migrationsDir = "prisma/migrations",
  log: (message: string) => void = console.log,
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<Row>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed.length > 0) {
        // Only a failed `prisma migrate deploy` leaves such a row (this runner
        // rolls back instead). Like Prisma, wait for a person to resolve it.
        const names = failed.map((row) => row.migration_name).join(", ");
        throw new Error(
          `Failed migration(s) in _prisma_migrations: ${names}. Fix the database by hand, then mark the row ` +
            `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '…') ` +
            `or applied (SET finished_at = now()), and run again.`,
        );
      }
      // A rolled-back row means "not applied": Prisma applies it again.
      const applied = new Map(
        rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]),
      );
      for (const row of applied.values()) {
        if (!migrations.some((m) => m.name === row.migration_name)) {
          log(`Warning: migration ${row.migration_name} is applied but missing from ${migrationsDir}.`);
        }
      }

      const done: string[] = [];
      for (const migration of migrations) {
        const row = applied.get(migration.name);
        if (row) {
          if (row.checksum !== migration.checksum) {
            log(`Warning: migration ${migration.name} was edited after it was applied (checksum differs).`);
          }
          continue;
        }
        // One transaction per migration: a failure leaves neither half a
        // migration nor a failed row behind, so fixing the file and rerunning
        // is enough.
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
             VALUES ($1, $2, now(), $3, 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {}); // keep the migration's error, not this one
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      // graphile-worker's own schema (the job queue behind lib/mail/outbox),
      // so jobs can be queued as soon as the database is migrated, not only
      // once a worker has started. Still under the lock: two concurrent
      // first runs would otherwise race on CREATE SCHEMA.
      await runWorkerMigrations({ connectionString, logger: quietLogger });
      return { applied: done };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function readMigrations(migrationsDir: string) {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

/** The same server's `postgres` maintenance database, and the target's name. */
export function maintenanceUrl(connectionString: string): { url: string; database: string } {
  const url = new URL(connectionString);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new Error(`No database name in ${url.origin}`);
  url.pathname = "/postgres";
  return { url: url.toString(), database };
}

async function withMaintenance<T>(connectionString: string, run: (client: pg.Client, quoted: string, name: string) => Promise<T>) {
  const { url, database } = maintenanceUrl(connectionString);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client, client.escapeIdentifier(database), database);
  } finally {
    await client.end();
  }
}

export function ensureDatabase(connectionString: string): Promise<void> {
  return withMaintenance(connectionString, async (client, quoted, name) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoted}`);
    } catch (error) {
      // Another process created it between our check and CREATE.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
  });
}

export function dropDatabase(connectionString: string): Promise<void> {
  return withMaintenance(connectionString, async (client, quoted) => {
    // FORCE ends other sessions, such as an app or test still connected.
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  });
}

export async function recreateDatabase(connectionString: string): Promise<void> {
  await dropDatabase(connectionString);
  await ensureDatabase(connectionString);
}
