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
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createClient> };

// Reuse across hot reloads in development so each edit does not open a new pool.
export const db = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = db;

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
