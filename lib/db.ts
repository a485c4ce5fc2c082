import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// The one Prisma client. A connection timeout makes requests fail fast while
// Postgres is down; the pool reconnects by itself when it is back.
export function createClient(connectionString = env.DATABASE_URL) {
  const adapter = new PrismaPg({
    connectionString,
    max: env.DB_POOL_MAX,
    connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // No JIT: compiling a plan costs hundreds of milliseconds, far more than
    // the short queries of a page take to run (a My work list ran in 5 ms and
    // compiled for 660 ms when the planner's estimate crossed jit_above_cost).
    options: "-c jit=off",
  });
  if (!env.LIFTOFF_LOG_QUERIES) return new PrismaClient({ adapter });
  // For the benchmark: one line per query on stdout, so it can count the
  // queries a request makes.
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", () => process.stdout.write("[db-query]\n"));
  return client;
}

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createClient> };

// Reuse across hot reloads in development so each edit does not open a new pool.
export const db = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = db;

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
