import { setTimeout as sleep } from "node:timers/promises";
import type { BenchServer } from "./bench-server";

// The two measurements per page: database queries per request, counted from
// the server's "[db-query]" lines over a few sequential requests, and a
// fixed-duration closed loop (a bounded number of requests in flight).

export type PageResult = {
  page: string;
  requestsPerSecond: number;
  medianMs: number;
  p95Ms: number;
  queriesPerRequest: number;
  errors: number;
  /** Median of sequential requests, one at a time: the page for a single user. */
  aloneMedianMs: number;
};

export type LoadOptions = { cookie: string; concurrency: number; warmupMs: number; durationMs: number };

export async function measurePage(server: BenchServer, page: string, options: LoadOptions): Promise<PageResult> {
  const url = new URL(page, server.origin);
  if (url.hostname !== "127.0.0.1") throw new Error(`Refusing to load ${url.origin}: loopback only`);
  const get = () => request(url, options.cookie);

  const queryCounts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = server.queries();
    await get();
    await sleep(100); // let the server's stdout reach us
    queryCounts.push(server.queries() - before);
  }

  await loop(get, options.concurrency, options.warmupMs);
  const alone: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    await get();
    alone.push(performance.now() - t);
  }
  const started = performance.now();
  const samples = await loop(get, options.concurrency, options.durationMs);
  const elapsedSeconds = (performance.now() - started) / 1000;

  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    page,
    requestsPerSecond: samples.length / elapsedSeconds,
    medianMs: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    queriesPerRequest: server.logsQueries ? quantile(queryCounts.sort((a, b) => a - b), 0.5) : NaN,
    errors: samples.filter((s) => s.status !== 200).length,
    aloneMedianMs: quantile(alone.sort((a, b) => a - b), 0.5),
  };
}

type Sample = { ms: number; status: number };

/** One GET, body read to the end; status 0 when the request itself failed. */
async function request(url: URL, cookie: string): Promise<Sample> {
  const start = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    await response.arrayBuffer();
    return { ms: performance.now() - start, status: response.status };
  } catch {
    return { ms: performance.now() - start, status: 0 };
  }
}

/** `concurrency` workers, each sending its next request when the last one is answered, until time is up. */
async function loop(get: () => Promise<Sample>, concurrency: number, durationMs: number): Promise<Sample[]> {
  const end = performance.now() + durationMs;
  const samples: Sample[] = [];
  const worker = async () => {
    while (performance.now() < end) samples.push(await get());
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/** Nearest-rank quantile of sorted values; NaN when empty. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
