import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { maintenanceUrl } from "./migrator";

// Prisma's CLI wants a native schema-engine binary it cannot download here, so
// we drive the same engine compiled to WebAssembly (environment.md, way 2).

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const GLUE = "@prisma/schema-engine-wasm/schema_engine_bg";
let glue: Promise<Glue> | undefined;
let lastPanic: string | undefined;

function loadEngine(): Promise<Glue> {
  glue ??= (async () => {
    // The glue reports a panic through this global; without it the panic
    // handler itself throws and the process dies without a message.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    // The package entry imports the .wasm as an ES module, which Node 20
    // cannot do; load the glue alone and instantiate the binary ourselves.
    const mod: Glue = await import(GLUE);
    const wasmPath = path.join(path.dirname(createRequire(__filename).resolve(GLUE)), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": mod as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    mod.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return mod;
  })();
  return glue;
}

const datamodel = (content: string): DiffTarget => ({
  tag: "schemaDatamodel",
  files: [{ path: "schema.prisma", content }],
});

/**
 * The SQL script that takes a database from `fromSchema` (null = empty) to
 * `toSchema`, as `prisma migrate diff --script` prints it; "" when equal.
 */
export async function diffSchemas(
  fromSchema: string | null,
  toSchema: string,
  connectionString = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff",
): Promise<string> {
  const { SchemaEngine } = await loadEngine();
  // The engine connects when it starts although a datamodel-to-datamodel diff
  // reads nothing; the maintenance database always exists and is never
  // written. Our own pool, so it can be closed: the engine never disposes it.
  const pool = new pg.Pool({ connectionString: maintenanceUrl(connectionString).url, max: 1 });
  let engine: SchemaEngine | undefined;
  lastPanic = undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool)),
    );
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : datamodel(fromSchema),
      to: datamodel(toSchema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    // No changes come back as just a comment ("-- This is an empty migration.").
    return sql.replace(/^--.*$/gm, "").trim() === "" ? "" : sql;
  } catch (error) {
    if (lastPanic) throw new Error(`Schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine?.free();
    await pool.end();
  }
}
