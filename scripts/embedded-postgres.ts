// The embedded PostgreSQL the scripts use when no database URL is given
// (see scripts/lib/embedded-postgres.ts):
//   embedded-postgres.ts start DIR [--owner PID] [--throwaway]
//       starts the server kept in DIR (creating it on first use) and prints
//       its URL without a database, e.g. postgresql://postgres:…@127.0.0.1:54321
//   embedded-postgres.ts stop DIR [--remove]
//       stops it; --remove deletes DIR afterwards
//   embedded-postgres.ts url DIR
//       prints the URL of the server running in DIR, or fails
// Messages go to stderr; stdout carries only the URL.
import { runningUrl, startEmbeddedPostgres, stopEmbeddedPostgres } from "./lib/embedded-postgres";

const USAGE = "Usage: embedded-postgres.ts start DIR [--owner PID] [--throwaway] | stop DIR [--remove] | url DIR";

async function main() {
  const [command, dir, ...flags] = process.argv.slice(2);
  if (!command || !dir) throw new Error(USAGE);
  const flag = (name: string) => flags.includes(name);
  const value = (name: string) => {
    const i = flags.indexOf(name);
    return i >= 0 ? flags[i + 1] : undefined;
  };

  if (command === "start") {
    const owner = Number(value("--owner") ?? process.ppid);
    if (!Number.isInteger(owner) || owner <= 0) throw new Error(`--owner must be a process id. ${USAGE}`);
    console.log(await startEmbeddedPostgres(dir, { owner, throwaway: flag("--throwaway") }));
  } else if (command === "stop") {
    await stopEmbeddedPostgres(dir, { remove: flag("--remove") });
  } else if (command === "url") {
    const url = runningUrl(dir);
    if (!url) throw new Error(`No embedded PostgreSQL is running in ${dir}.`);
    console.log(url);
  } else {
    throw new Error(USAGE);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
