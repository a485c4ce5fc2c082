import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "./lib/migrator";

const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_test";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** A throwaway database and migrations directory holding `migrations`. */
async function setup(migrations: Record<string, string>) {
  const url = new URL(server);
  url.pathname = `/liftoff_runner_${randomBytes(4).toString("hex")}`;
  const db = url.toString();
  const dir = mkdtempSync(path.join(os.tmpdir(), "liftoff-migrations-"));
  cleanups.push(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(db);
  });
  await ensureDatabase(db);
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) write(name, sql);
  const messages: string[] = [];
  const migrate = () => applyMigrations(db, dir, (message) => messages.push(message));
  return { db, write, migrate, messages, query: (sql: string) => query(db, sql) };
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const TWO = {
  "20260101000000_a": "CREATE TABLE a (id int PRIMARY KEY);",
  "20260102000000_b": "CREATE TABLE b (id int REFERENCES a);",
};

describe("applyMigrations", () => {
  it("applies pending migrations in name order, then nothing", async () => {
    const { migrate, query } = await setup(TWO);

    expect(await migrate()).toEqual({ applied: Object.keys(TWO) });
    expect(await migrate()).toEqual({ applied: [] });

    const rows = await query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      Object.entries(TWO).map(([name, sql]) => ({
        migration_name: name,
        checksum: createHash("sha256").update(sql).digest("hex"),
        finished_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
  });

  it("installs graphile-worker's queue, so mail can be queued right after migrating", async () => {
    const { migrate, query } = await setup(TWO);
    await migrate();
    expect(await query(`SELECT to_regproc('graphile_worker.add_job') IS NOT NULL AS installed`)).toEqual([{ installed: true }]);
    await migrate(); // and a second run leaves it as it is
  });

  it("lets only one of two concurrent runs apply each migration", async () => {
    const { migrate } = await setup(TWO);
    const [first, second] = await Promise.all([migrate(), migrate()]);
    expect([...first.applied, ...second.applied]).toEqual(Object.keys(TWO));
  });

  it("warns when an applied migration was edited, and does not run it again", async () => {
    const { migrate, write, messages } = await setup(TWO);
    await migrate();
    write("20260101000000_a", "CREATE TABLE a (id bigint PRIMARY KEY);");

    expect(await migrate()).toEqual({ applied: [] });
    expect(messages).toEqual([expect.stringMatching(/20260101000000_a was edited/)]);
  });

  it("rolls back a migration that fails, leaving no row, so a fixed file can run again", async () => {
    const { migrate, write, query } = await setup({ "20260101000000_bad": "CREATE TABLE c (id int); SELECT 1/0;" });

    await expect(migrate()).rejects.toThrow(/20260101000000_bad failed: division by zero/);
    expect(await query(`SELECT to_regclass('c') AS c, (SELECT count(*)::int FROM "_prisma_migrations") AS n`)).toEqual([
      { c: null, n: 0 },
    ]);

    write("20260101000000_bad", "CREATE TABLE c (id int);");
    expect(await migrate()).toEqual({ applied: ["20260101000000_bad"] });
  });

  it("refuses to run while a failed migration row exists", async () => {
    const { migrate, write, query } = await setup(TWO);
    await migrate();
    // What `prisma migrate deploy` leaves when a migration fails half-way.
    await query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', '20260103000000_half')`,
    );
    write("20260104000000_next", "CREATE TABLE d (id int);");

    await expect(migrate()).rejects.toThrow(/Failed migration\(s\) in _prisma_migrations: 20260103000000_half/);
    expect(await query(`SELECT to_regclass('d') AS d`)).toEqual([{ d: null }]);

    await query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20260103000000_half'`);
    expect(await migrate()).toEqual({ applied: ["20260104000000_next"] });
  });
});
