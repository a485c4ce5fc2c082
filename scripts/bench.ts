// Benchmarks the pages against a seeded database: npm run bench -- [options]
//   --build            run `next build` first (otherwise the existing .next is used)
//   --write            also write the report to BENCHMARK.md
//   --sizes=200,2000   features per team, one fresh database each
//   --duration=10      seconds measured per page (after a 2 s warm-up)
// The database is BENCH_DATABASE_URL (default liftoff_bench on 127.0.0.1); it
// is dropped and recreated, so its name must contain "bench".
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import path from "node:path";
import { measurePage, type PageResult } from "./lib/bench-load";
import { BENCH_PASSWORD, seedBenchTeam } from "./lib/bench-seed";
import { buildApp, signIn, startServer, type BenchServer } from "./lib/bench-server";
import { applyMigrations, maintenanceUrl, recreateDatabase } from "./lib/migrator";

const ROOT = path.resolve(__dirname, "..");
const PORT = 3300;
const CONCURRENCY = 8;
const WARMUP_MS = 2000;
// The running server, for the signal handlers at the bottom.
let stopOnSignal: BenchServer | undefined;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_bench";
// The pages measured, as Next routes (for the build check) and URLs.
const ROUTES = {
  status: "/status",
  board: "/teams/[teamId]",
  feature: "/teams/[teamId]/features/[featureId]",
  insights: "/teams/[teamId]/insights",
};

const HOW_TO = `# Benchmark

\`npm run bench\` seeds a fresh database (\`liftoff_bench\`) with one team of five people and N features
(a realistic mix of stages, phases, responsibilities, sign-offs and about five audit events each), starts
\`next start\` on 127.0.0.1:${PORT} from the existing \`.next\` build (\`-- --build\` builds first), signs in as the
lead and measures four pages: \`/status\` (a dynamic page with no database work: the baseline), the board, a
feature in BUILD and Insights (the last 12 months: every figure over the team's whole history). Each feature has
its stage history (creation, each gate passed, some moves back, pauses and retirements), sign-off requests, and past
BUILD two acceptance criteria with verdicts and a scored checklist. \`-- --write\` rewrites this file.

How to read it: **req/s**, **median** and **p95** come from ${CONCURRENCY} requests kept in flight for a fixed time
(after a 2 s warm-up) by a Node client on the same machine, so client and server share the CPUs. The gap between
a page and \`/status\` is what its data access and rendering cost; **median × \`/status\`** is that gap as a ratio. **queries/request** is the median over five
sequential requests of the queries the server logged (\`LIFTOFF_LOG_QUERIES=1\`); it should stay the same from the
small team to the large one, or a page is querying per feature. **errors** counts responses other than 200: a
404 means the build predates the page, a 307 that the session was not accepted; such a row measures the error,
not the page.
`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!maintenanceUrl(DATABASE_URL).database.includes("bench")) {
    throw new Error(`Refusing to drop ${maintenanceUrl(DATABASE_URL).database}: the bench database's name must contain "bench".`);
  }
  if (args.build) await buildApp();
  checkBuild();

  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${availableParallelism()} CPUs ` +
      `(${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at start, Node ${process.version}, ` +
      `${args.durationMs / 1000} s per page.`,
  ];
  console.log(lines[0]);
  for (const size of args.sizes) {
    const table = await benchSize(size, args.durationMs);
    lines.push("", ...table);
  }
  const report = lines.join("\n");
  console.log(`\n${report}`);
  if (args.write) {
    writeFileSync(path.join(ROOT, "BENCHMARK.md"), `${HOW_TO}\n## Results\n\n${report}\n`);
    console.log("\nWrote BENCHMARK.md");
  }
}

async function benchSize(size: number, durationMs: number): Promise<string[]> {
  const seedStart = performance.now();
  await recreateDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, path.join(ROOT, "prisma", "migrations"), () => {});
  const team = await seedBenchTeam(DATABASE_URL, size);
  await refreshSummaries(DATABASE_URL);
  const seconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  const counts = Object.entries(team.rows).map(([name, n]) => `${n} ${name}`).join(", ");
  console.log(`\nN=${size}: fresh database seeded in ${seconds} s (${counts})`);

  const server = await startServer({
    port: PORT,
    env: {
      DATABASE_URL,
      NEXTAUTH_SECRET: "bench-secret-0123456789",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      LIFTOFF_LOG_QUERIES: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  stopOnSignal = server;
  if (!server.logsQueries) console.warn("Warning: the server prints no [db-query] lines (build older than LIFTOFF_LOG_QUERIES?).");
  try {
    const cookie = await signIn(server.origin, team.leadEmail, BENCH_PASSWORD);
    const pages = [
      ROUTES.status,
      `/teams/${team.teamId}`,
      `/teams/${team.teamId}/features/${team.buildFeatureId}`,
      // The default view: the last 12 months, all phases.
      `/teams/${team.teamId}/insights`,
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      const result = await measurePage(server, page, { cookie, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs });
      console.log(`  ${page}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors} errors`);
      results.push(result);
    }
    return table(size, results);
  } finally {
    await server.stop();
    stopOnSignal = undefined;
  }
}

/** The seed writes rows directly: compute the gate summaries the board reads, as `db:migrate` would. */
async function refreshSummaries(url: string) {
  // Imported here: the app's modules need `tsx --conditions react-server`.
  const [{ createClient }, { refreshStaleSummaries }] = await Promise.all([import("@/lib/db"), import("@/lib/gates/summary")]);
  const client = createClient(url);
  try {
    await refreshStaleSummaries(client);
  } finally {
    await client.$disconnect();
  }
}

function table(size: number, results: PageResult[]): string[] {
  const fixed = (value: number, digits: number) => (Number.isNaN(value) ? "–" : value.toFixed(digits));
  const label = (page: string) =>
    page.replace(/\/features\/[0-9a-f-]{36}$/, "/features/<feature>").replace(/\/teams\/[0-9a-f-]{36}/, "/teams/<team>");
  return [
    `### N = ${size} features`,
    "",
    "| page | req/s | median ms | p95 ms | median × `/status` | queries/request | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| \`${label(r.page)}\` | ${fixed(r.requestsPerSecond, 0)} | ${fixed(r.medianMs, 1)} | ${fixed(r.p95Ms, 1)} | ` +
        `${fixed(r.medianMs / results[0]!.medianMs, 1)} | ${fixed(r.queriesPerRequest, 0)} | ${r.errors} |`,
    ),
  ];
}

/** A production build must exist; warn about measured pages it does not contain (they will 404). */
function checkBuild() {
  if (existsSync(path.join(ROOT, ".next", "lock"))) {
    throw new Error("A `next build` is writing .next right now (.next/lock exists): run again when it is done.");
  }
  const manifest = path.join(ROOT, ".next", "app-path-routes-manifest.json");
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")) || !existsSync(manifest)) {
    throw new Error("No production build in .next: run `npm run build` first, or `npm run bench -- --build`.");
  }
  const built = new Set(Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>));
  for (const route of Object.values(ROUTES)) {
    if (!built.has(route)) console.warn(`Warning: .next has no ${route} page (stale build?): expect 404s. Rebuild with --build.`);
  }
}

function parseArgs(argv: string[]) {
  const args = { build: false, write: false, sizes: [200, 2000], durationMs: 10_000 };
  for (const arg of argv) {
    const [name, value = ""] = arg.split("=", 2);
    if (name === "--build" && !value) args.build = true;
    else if (name === "--write" && !value) args.write = true;
    else if (name === "--sizes" && /^\d+(,\d+)*$/.test(value)) args.sizes = value.split(",").map(Number);
    else if (name === "--duration" && Number(value) > 0) args.durationMs = Number(value) * 1000;
    else throw new Error(`Unknown argument ${arg}. Usage: bench [--build] [--write] [--sizes=200,2000] [--duration=10]`);
  }
  return args;
}

// Ctrl-C or a kill still stops the server (its own process group).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server`);
    void (stopOnSignal?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
