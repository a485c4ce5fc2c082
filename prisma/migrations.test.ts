import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, dropDatabase, ensureDatabase } from "../scripts/lib/migrator";
import { diffSchemas } from "../scripts/lib/schema-engine";

// Drift check: replaying prisma/migrations must build the same database as
// schema.prisma describes. Fails when a schema change was committed without
// its migration, or a migration was edited by hand into something else.

const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_test";
const migrationsDir = path.join(__dirname, "migrations");
const schema = readFileSync(path.join(__dirname, "schema.prisma"), "utf8");

const created: string[] = [];
async function freshDatabase(label: string) {
  const url = new URL(server);
  url.pathname = `/liftoff_drift_${label}_${randomBytes(4).toString("hex")}`;
  created.push(url.toString());
  await ensureDatabase(url.toString());
  return url.toString();
}
afterAll(async () => {
  await Promise.all(created.map(dropDatabase));
});

async function execute(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function databaseFromSchema(label: string, prismaSchema: string) {
  const url = await freshDatabase(label);
  await execute(url, await diffSchemas(null, prismaSchema, server));
  return url;
}

/**
 * The public schema as the catalog describes it: tables and columns, enums,
 * constraints and indexes, one sorted line each. Read with SQL rather than
 * pg_dump, whose client must be at least the server's major version (the
 * embedded PostgreSQL 18 has no pg_dump beside it). Sorted, so the order of
 * columns and of enum values does not count, as in Prisma's own differ (a
 * migration appends a new column; a schema built from scratch puts it where
 * the model lists it). graphile-worker's job queue lives in its own schema.
 */
async function describeSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable
              || ' default=' || coalesce(column_default, '') || ' len=' || coalesce(character_maximum_length::text, '')
              || ' precision=' || coalesce(datetime_precision::text, numeric_precision::text, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public'`,
      `SELECT 'enum ' || t.typname || ' ' || e.enumlabel AS line
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public'`,
      `SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
      `SELECT 'index ' || indexname || ' ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`,
    ];
    const lines: string[] = [];
    for (const sql of queries) lines.push(...(await client.query<{ line: string }>(sql)).rows.map((r) => r.line));
    return lines.sort().join("\n");
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let migrated: string;
  beforeAll(async () => {
    const url = await freshDatabase("a");
    await applyMigrations(url, migrationsDir, () => {});
    await execute(url, 'DROP TABLE "_prisma_migrations"');
    migrated = await describeSchema(url);
  });

  it("build the database that schema.prisma describes", async () => {
    expect(migrated).toContain("column Team.id uuid NO"); // not two empty descriptions
    expect(migrated).toEqual(await describeSchema(await databaseFromSchema("b", schema)));
  });

  it("differ from a schema.prisma changed without a migration (the check can fail)", async () => {
    // A column no real model will have, on whichever model comes first.
    const changed = schema.replace(/^model \w+ \{$/m, (line) => `${line}\n  driftCheckProbe String?`);
    expect(changed).not.toEqual(schema);
    const fromChanged = await describeSchema(await databaseFromSchema("c", changed));

    expect(fromChanged).toMatch(/column \w+\.driftCheckProbe text YES/);
    expect(migrated).not.toEqual(fromChanged);
  });

  it("the comparison ignores column order, as Prisma does, but not column types", async () => {
    const [one, two, three] = await Promise.all([freshDatabase("d"), freshDatabase("e"), freshDatabase("f")]);
    await execute(one, 'CREATE TABLE "T" (a integer, b text)');
    await execute(two, 'CREATE TABLE "T" (b text, a integer)');
    await execute(three, 'CREATE TABLE "T" (a integer, b varchar)');
    expect(await describeSchema(one)).toEqual(await describeSchema(two));
    expect(await describeSchema(one)).not.toEqual(await describeSchema(three));
  });
});
