// Benchmarks the pages against a seeded database: npm run bench -- [options]
//   --build               run `next build` first (otherwise the existing .next is used)
//   --write               also write the report to BENCHMARK.md
//   --sizes=2000,20000    features in all, one fresh database each (past 5,000: 20 teams)
//   --duration=10         seconds measured per page (after a 2 s warm-up)
//   --mixed-duration=60   seconds of mixed load by 20 users after the pages (0: none)
//   --think=1000          a mixed-load user's mean pause between requests, in ms
// The database is BENCH_DATABASE_URL (default liftoff_bench on 127.0.0.1); it
// is dropped and recreated, so its name must contain "bench". The server
// listens on 127.0.0.1:BENCH_PORT (default 3300).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import path from "node:path";
import { actionIds } from "./lib/bench-actions";
import { MEASURED_ACTIVITY, MEASURED_CRITERIA } from "./lib/bench-feature";
import { measurePage, quantile, type PageResult } from "./lib/bench-load";
import { mixedPageUrls, runMixed, WRITES, type MixedResult, type MixedUser, type WriteKind } from "./lib/bench-mixed";
import { BENCH_PASSWORD, MEASURED_PER_ROLE, ROLES, seedBench, teamSizes, type BenchSeed } from "./lib/bench-seed";
import { buildApp, signIn, startServer, type BenchServer } from "./lib/bench-server";
import { applyMigrations, maintenanceUrl, recreateDatabase } from "./lib/migrator";

const ROOT = path.resolve(__dirname, "..");
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const CONCURRENCY = 8;
const WARMUP_MS = 2000;
const MIXED_USERS = ROLES.length * MEASURED_PER_ROLE;
// The running server, for the signal handlers at the bottom.
let stopOnSignal: BenchServer | undefined;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_bench";
// The pages measured, as Next routes (for the build check).
const ROUTES = {
  status: "/status",
  board: "/teams/[teamId]",
  feature: "/teams/[teamId]/features/[featureId]",
  spec: "/teams/[teamId]/features/[featureId]/spec",
  qa: "/teams/[teamId]/qa",
  myWork: "/teams/[teamId]/my-work",
  insights: "/teams/[teamId]/insights",
};

/**
 * Rows the mixed load's summary adds after its requests and errors, read
 * from the server when the load ends. The resident memory is one; a probe
 * returns no rows when it has nothing to say.
 */
type SummaryProbe = (server: BenchServer) => [string, string][];
const SUMMARY_PROBES: SummaryProbe[] = [
  (server) => {
    const memory = server.memory();
    return memory ? [["server resident memory at the end (VmRSS of next-server)", `${(memory.rssBytes / 2 ** 20).toFixed(0)} MB`]] : [];
  },
];

const HOW_TO = `# Benchmark

\`npm run bench\` seeds a fresh database (\`liftoff_bench\`) per size N, starts \`next start\` on 127.0.0.1 (port
\`BENCH_PORT\`, 3300 by default) from the existing \`.next\` build (\`-- --build\` builds first) and measures the
pages as the lead of the measured team. Up to 5,000 features (N = 2000) are one team's; past that (N = 20000) they
are spread over 20 teams, the measured team holding a quarter (5,000) and the other 19 sharing the rest, so every
query must keep to its team. The measured team has ${MIXED_USERS} people, ${MEASURED_PER_ROLE} per role (lead, PM, data scientist,
developer, QA), with verified addresses; each other team one per role. Features are a realistic mix of stages,
phases, responsibilities, sign-offs and about five audit events each, with their stage history (creation, each gate
passed, some moves back, pauses and retirements), sign-off requests, and past BUILD two acceptance criteria with
verdicts and a scored checklist.

The feature measured is one seeded for it, in VALIDATION: a spec in three revisions (reviewed, the last approved),
a model brief, ${MEASURED_CRITERIA} acceptance criteria with their verdict histories, all 28 readiness tests scored with owners
and evidence, comments (some mentioning the lead) and ${MEASURED_ACTIVITY} activity (audit) events. The pages: \`/status\` (a
dynamic page with no database work: the baseline), the board, the feature, its spec, the QA queue, My work and
Insights (the last 12 months: every figure over the team's whole history). \`-- --write\` rewrites this file.

How to read it: **req/s**, **median** and **p95** come from ${CONCURRENCY} requests kept in flight for a fixed time
(after a 2 s warm-up) by a Node client on the same machine, so client and server share the CPUs. The gap between
a page and \`/status\` is what its data access and rendering cost: **median × \`/status\`** is that gap as a ratio of
latencies, **req/s × \`/status\`** as a ratio of throughputs (the page's req/s over \`/status\`'s: 1 would be free).
**queries/request** is the median over five sequential requests of the queries the server logged
(\`LIFTOFF_LOG_QUERIES=1\`); it should stay the same from the small team to the large one, or a page is querying per
feature. **errors** counts responses other than 200: a 404 means the build predates the page, a 307 that the
session was not accepted; such a row measures the error, not the page.

**Mixed load** (\`--mixed-duration\`, 60 s by default; 0 skips it): all ${MIXED_USERS} members of the measured team signed in
at once, each pausing 0.5 to 1.5 × \`--think\` (1 s by default) between requests, as a person reads a page before
the next click: 80 % page views spread evenly over the board, the measured
feature, its spec, the QA queue and My work; 20 % writes, each a kind the member's roles allow, chosen evenly: a gate
sign-off (in a role a gate asks for, at a feature waiting there), a QA verdict on an acceptance criterion, a spec
save (the editor's form read from the spec page, then saved with changed open questions) and a comment (some with an
@mention). Half the writes go to the measured feature, the rest to other features of the team. Writes are the app's
server actions, posted as the browser posts them. For each page: requests, p50 and p95 under the load, its
**single-user median** (the median of 21 sequential requests by the lead, one at a time, before the load above) and **p95 ÷ single-user
median** (goal: 3 or less). A spec save reads the spec page first: for features other than the measured one, that
read is the \`<other>\` row. For each write: sent, done, **refused** (the app's
answer to a conflict, like a sign-off already given or a spec saved by someone else since it was read: expected
under load), errors (any other failure or an answer other than 200) and the rows the database gained (one per write
done: a difference counts as errors). Then the total requests and errors and the server's resident memory at the end.
Live pages: each member also holds the team's live event stream open for the whole load, as a browser tab does (read
like an EventSource; the simulated members do not refresh pages on events); the table gives how many streams the app
process still held at the end, its Postgres LISTEN connections, and the delay from sending a write that went through
to "feature X changed" arriving on the next member's stream (p50 / p95; two writes to one feature close together may
match each other's events, so the figures lean low).
`;

type Args = ReturnType<typeof parseArgs>;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!maintenanceUrl(DATABASE_URL).database.includes("bench")) {
    throw new Error(`Refusing to drop ${maintenanceUrl(DATABASE_URL).database}: the bench database's name must contain "bench".`);
  }
  if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535) throw new Error(`BENCH_PORT=${process.env.BENCH_PORT} is not a port.`);
  if (args.build) await buildApp();
  checkBuild();
  const writeIds = args.mixedMs > 0 ? actionIds(ROOT, WRITES) : null;

  const lines = [
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${availableParallelism()} CPUs ` +
      `(${cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at start, Node ${process.version}, ` +
      `${args.durationMs / 1000} s per page` +
      (args.mixedMs > 0 ? `, ${args.mixedMs / 1000} s of mixed load.` : "."),
  ];
  console.log(lines[0]);
  for (const size of args.sizes) {
    const table = await benchSize(size, args, writeIds);
    lines.push("", ...table);
  }
  const report = lines.join("\n");
  console.log(`\n${report}`);
  if (args.write) {
    writeFileSync(path.join(ROOT, "BENCHMARK.md"), `${HOW_TO}\n## Results\n\n${report}\n`);
    console.log("\nWrote BENCHMARK.md");
  }
}

async function benchSize(size: number, args: Args, writeIds: Record<WriteKind, string> | null): Promise<string[]> {
  const seedStart = performance.now();
  await recreateDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, path.join(ROOT, "prisma", "migrations"), () => {});
  const seed = await seedBench(DATABASE_URL, size);
  await refreshSummaries(DATABASE_URL);
  const seconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  const counts = Object.entries(seed.rows).map(([name, n]) => `${n} ${name}`).join(", ");
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
    const lead = seed.users[0]!;
    const cookie = await signIn(server.origin, lead.email, BENCH_PASSWORD);
    const mixed = mixedPageUrls(seed);
    const pages = [
      ROUTES.status,
      mixed.board,
      mixed.feature,
      mixed.spec,
      mixed.qa,
      mixed.myWork,
      // The default view: the last 12 months, all phases.
      `/teams/${seed.teamId}/insights`,
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      const result = await measurePage(server, page, { cookie, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: args.durationMs });
      console.log(`  ${page}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors} errors`);
      results.push(result);
    }
    const out = [...heading(size, seed), "", ...pageTable(results, seed)];
    if (writeIds) {
      const users: MixedUser[] = [{ ...lead, cookie }];
      for (const user of seed.users.slice(1)) users.push({ ...user, cookie: await signIn(server.origin, user.email, BENCH_PASSWORD) });
      console.log(`  mixed load: ${users.length} users for ${args.mixedMs / 1000} s`);
      const result = await runMixed(server, seed, users, writeIds, args.mixedMs, DATABASE_URL, args.thinkMs);
      for (const problem of result.problems) console.log(`    problem: ${problem}`);
      console.log(`  mixed load: ${result.errors} errors`);
      out.push("", ...mixedTables(result, results, seed, SUMMARY_PROBES.flatMap((probe) => probe(server))));
    }
    return out;
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

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

/** A page's URL with the measured team and feature as placeholders. */
function label(page: string, seed: BenchSeed): string {
  return page.replaceAll(seed.featureId, "<feature>").replaceAll(seed.teamId, "<team>");
}

function heading(size: number, seed: BenchSeed): string[] {
  const teams = teamSizes(size);
  return [
    `### N = ${size} features`,
    "",
    teams.length === 1
      ? `One team of ${seed.users.length} people; the pages as its lead.`
      : `${teams.length} teams; the measured one holds ${seed.teamFeatures} features and ${seed.users.length} people, the other ` +
        `${teams.length - 1} share ${size - seed.teamFeatures}. The pages as the measured team's lead.`,
  ];
}

function pageTable(results: PageResult[], seed: BenchSeed): string[] {
  const status = results[0]!;
  return [
    "| page | req/s | median ms | p95 ms | median × `/status` | req/s × `/status` | queries/request | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| \`${label(r.page, seed)}\` | ${fixed(r.requestsPerSecond, 0)} | ${fixed(r.medianMs, 1)} | ${fixed(r.p95Ms, 1)} | ` +
        `${fixed(r.medianMs / status.medianMs, 1)} | ${fixed(r.requestsPerSecond / status.requestsPerSecond, 2)} | ` +
        `${fixed(r.queriesPerRequest, 0)} | ${r.errors} |`,
    ),
  ];
}

function mixedTables(result: MixedResult, single: PageResult[], seed: BenchSeed, extra: [string, string][]): string[] {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const requests = result.pages.reduce((n, p) => n + p.latencies.length, 0) + result.writes.reduce((n, w) => n + w.sent, 0);
  return [
    `#### Mixed load: ${result.users} users for ${result.seconds.toFixed(0)} s`,
    "",
    "| page | requests | p50 ms | p95 ms | single-user median ms | p95 ÷ single-user median | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.pages.map((p) => {
      const latencies = sorted(p.latencies);
      const alone = single.find((r) => r.page === p.page)?.aloneMedianMs ?? NaN;
      const p95 = quantile(latencies, 0.95);
      return (
        `| \`${label(p.page, seed)}\` | ${latencies.length} | ${fixed(quantile(latencies, 0.5), 1)} | ${fixed(p95, 1)} | ` +
        `${fixed(alone, 1)} | ${fixed(p95 / alone, 1)} | ${p.errors} |`
      );
    }),
    "",
    "| write | sent | done | refused | errors | rows added | p50 ms | p95 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.writes.map((w) => {
      const latencies = sorted(w.latencies);
      return (
        `| ${w.kind} | ${w.sent} | ${w.done} | ${w.refused} | ${w.errors} | ${w.rowsAdded} | ` +
        `${fixed(quantile(latencies, 0.5), 1)} | ${fixed(quantile(latencies, 0.95), 1)} |`
      );
    }),
    "",
    "| load | |",
    "| --- | ---: |",
    `| requests | ${requests} (${fixed(requests / result.seconds, 1)}/s) |`,
    `| errors | ${result.errors} |`,
    `| live streams open (one per user; the app process holds them) | ${result.live.openAtEnd} of ${result.live.streams} |`,
    `| Postgres LISTEN connections of the app | ${result.live.listenConnections} |`,
    `| write → event on another user's stream, p50 / p95 ms | ${fixed(quantile(sorted(result.live.delays), 0.5), 0)} / ${fixed(quantile(sorted(result.live.delays), 0.95), 0)} (${result.live.delays.length} writes${result.live.missed ? `, ${result.live.missed} never arrived` : ""}) |`,
    ...extra.map(([name, value]) => `| ${name} | ${value} |`),
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
  const args = { build: false, write: false, sizes: [2000, 20000], durationMs: 10_000, mixedMs: 60_000, thinkMs: 1000 };
  for (const arg of argv) {
    const [name, value = ""] = arg.split("=", 2);
    if (name === "--build" && !value) args.build = true;
    else if (name === "--write" && !value) args.write = true;
    else if (name === "--sizes" && /^\d+(,\d+)*$/.test(value) && !value.split(",").includes("0")) args.sizes = value.split(",").map(Number);
    else if (name === "--duration" && Number(value) > 0) args.durationMs = Number(value) * 1000;
    else if (name === "--mixed-duration" && value !== "" && Number(value) >= 0) args.mixedMs = Number(value) * 1000;
    else if (name === "--think" && value !== "" && Number(value) >= 0) args.thinkMs = Number(value);
    else {
      throw new Error(
        `Unknown argument ${arg}. Usage: bench [--build] [--write] [--sizes=2000,20000] [--duration=10] [--mixed-duration=60] [--think=1000]`,
      );
    }
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
