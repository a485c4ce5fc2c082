// Exits 0 when the Postgres server behind the URL answers (any database).
import pg from "pg";

const url = new URL(process.argv[2] ?? process.env.DATABASE_URL);
url.pathname = "/postgres";
const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query("SELECT 1");
  await client.end();
} catch (error) {
  console.error(`PostgreSQL is not reachable: ${error.message}`);
  process.exit(1);
}
