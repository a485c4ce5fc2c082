import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
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
 * pg_dump's schema, compared the way Prisma's own differ compares: the order
 * of columns and of enum values does not count (a migration appends a new
 * column; a schema built from scratch puts it where the model lists it).
 */
function normalizeDump(dump: string): string {
  const lines = dump
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("--") && !/^\\(un)?restrict\b/.test(line));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    if (/^CREATE (TABLE|TYPE) .*\($/.test(line)) {
      const body: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith(")")) body.push(lines[++i]!.replace(/,$/, ""));
      out.push(...body.sort());
    }
  }
  return out.join("\n");
}

async function dump(url: string) {
  const { stdout } = await promisify(execFile)("pg_dump", [
    "--schema-only",
    "--no-owner",
    "--no-privileges",
    // graphile-worker's job queue: installed by applyMigrations from its own
    // package, not described by schema.prisma.
    "--exclude-schema=graphile_worker",
    `--dbname=${url}`,
  ]);
  return normalizeDump(stdout);
}

describe("migrations", () => {
  let migrated: string;
  beforeAll(async () => {
    const url = await freshDatabase("a");
    await applyMigrations(url, migrationsDir, () => {});
    await execute(url, 'DROP TABLE "_prisma_migrations"');
    migrated = await dump(url);
  });

  it("build the database that schema.prisma describes", async () => {
    expect(migrated).toContain('CREATE TABLE public."Team"'); // not two empty dumps
    expect(migrated).toEqual(await dump(await databaseFromSchema("b", schema)));
  });

  it("differ from a schema.prisma changed without a migration (the check can fail)", async () => {
    // A column no real model will have, on whichever model comes first.
    const changed = schema.replace(/^model \w+ \{$/m, (line) => `${line}\n  driftCheckProbe String?`);
    expect(changed).not.toEqual(schema);
    const fromChanged = await dump(await databaseFromSchema("c", changed));

    expect(fromChanged).toContain('"driftCheckProbe" text');
    expect(migrated).not.toEqual(fromChanged);
  });

  it("the comparison ignores column order, as Prisma does", () => {
    const table = (...columns: string[]) =>
      `CREATE TABLE public."T" (\n${columns.map((c) => `    ${c}`).join(",\n")}\n);\n\\restrict abc\n-- note\n`;
    expect(normalizeDump(table("a integer", "b text"))).toEqual(normalizeDump(table("b text", "a integer")));
    expect(normalizeDump(table("a integer", "b text"))).not.toEqual(normalizeDump(table("a integer", "b varchar")));
  });
});
