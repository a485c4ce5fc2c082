import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

// `next start` in its own process group, with a count of the "[db-query]"
// lines it prints (lib/db.ts prints one per query when LIFTOFF_LOG_QUERIES=1).

export type BenchServer = {
  origin: string;
  /** "[db-query]" lines printed so far. */
  queries: () => number;
  /** False when the build predates LIFTOFF_LOG_QUERIES: queries cannot be counted. */
  logsQueries: boolean;
  /** The serving process (the one titled next-server) and its resident memory, from /proc. */
  memory: () => { pid: number; rssBytes: number } | null;
  stop: () => Promise<void>;
};

const ROOT = path.resolve(__dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");

/** `next build` into .next, output shown as it goes. */
export async function buildApp(): Promise<void> {
  const child = spawn(NEXT_BIN, ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

export async function startServer(options: { port: number; env: Record<string, string> }): Promise<BenchServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  if (await reachable(`${origin}/api/health`)) {
    throw new Error(`Something already listens on ${origin}: stop it first.`);
  }
  const child = spawn(NEXT_BIN, ["start", "-H", "127.0.0.1", "-p", String(options.port)], {
    cwd: ROOT,
    detached: true, // own process group: stop() ends next and its workers together
    stdio: ["ignore", "pipe", "pipe"],
    // The benchmark measures pages; the mail worker would only add connections.
    env: { ...process.env, MAIL_WORKER: "0", ...options.env },
  });
  let queries = 0;
  const recent: string[] = []; // the server's last lines, for error messages
  const keep = (line: string) => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
  };
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.includes("[db-query]")) queries++;
    else keep(line);
  });
  createInterface({ input: child.stderr! }).on("line", keep);
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });

  const server: BenchServer = {
    origin,
    queries: () => queries,
    logsQueries: false,
    memory: () => (child.pid === undefined ? null : residentMemory(child.pid)),
    stop: () => stopGroup(child),
  };
  try {
    const deadline = Date.now() + 30_000;
    while (!(await reachable(`${origin}/api/health`))) {
      if (exited) throw new Error("next start exited");
      if (Date.now() > deadline) throw new Error("no healthy answer from /api/health within 30 s");
      await sleep(200);
    }
    await sleep(100);
    server.logsQueries = queries > 0; // /api/health makes one query per call
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}. Server output:\n${recent.join("\n")}`);
  }
  return server;
}

/**
 * VmRSS of the process of group `group` titled next-server (Next 16's
 * `next start` gives itself that title and serves in the same process; a
 * wrapper such as `npm start` or a worker would be a different process of
 * the group), else of the group's largest process; null without /proc.
 */
function residentMemory(group: number): { pid: number; rssBytes: number } | null {
  const members: { pid: number; rssBytes: number; server: boolean }[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== group) continue;
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (!rss) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      members.push({ pid: Number(pid), rssBytes: Number(rss[1]) * 1024, server: cmdline.startsWith("next-server") });
    } catch {
      // the process ended while we looked
    }
  }
  const chosen = members.find((m) => m.server) ?? members.sort((a, b) => b.rssBytes - a.rssBytes)[0];
  return chosen ? { pid: chosen.pid, rssBytes: chosen.rssBytes } : null;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exit = once(child, "exit");
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exit;
  clearTimeout(timer);
  signal("SIGKILL"); // workers that outlived the parent
}

/** Signs in through next-auth v4's credentials endpoint; returns the Cookie header to send. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf: HTTP ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const body = await response.text();
  const session = cookiesOf(response)
    .split("; ")
    .find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in as ${email} failed: HTTP ${response.status} ${body.slice(0, 200)}`);
  return session;
}

/** The response's Set-Cookie headers as one Cookie header ("a=1; b=2"). */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
}
