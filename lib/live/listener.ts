import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { LIVE_CHANNEL, liveEventSchema, type LiveEvent } from "@/lib/live/events";

// One dedicated Postgres connection per app process LISTENs on the live
// channel and fans each event out, in memory, to the subscribers of its team
// (the open event streams). Every process gets every NOTIFY, so this works
// with any number of app processes on one database. Started by the first
// subscriber; while the database is away it reconnects with backoff and then
// tells every subscriber to resync, since events sent meanwhile are lost.

export type LiveSignal = LiveEvent | { kind: "resync"; teamId: string };
type Subscriber = (signal: LiveSignal) => void;

const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];
// A connection that died without closing (a network cut) answers no ping.
const PING_EVERY_MS = 30_000;

export class LiveListener {
  private readonly teams = new Map<string, Set<Subscriber>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private everConnected = false;

  constructor(
    private readonly connectionString: string,
    /** Names the connection in pg_stat_activity. */
    private readonly applicationName = "liftoff-live",
  ) {}

  /** Receives the team's events until the returned function is called. */
  subscribe(teamId: string, subscriber: Subscriber): () => void {
    let set = this.teams.get(teamId);
    if (!set) this.teams.set(teamId, (set = new Set()));
    set.add(subscriber);
    this.stopped = false;
    void this.start();
    return () => {
      const current = this.teams.get(teamId);
      current?.delete(subscriber);
      if (current?.size === 0) this.teams.delete(teamId);
    };
  }

  /** Resolves once the connection is listening (for tests and the benchmark). */
  async ready(): Promise<void> {
    while (!this.isListening()) {
      if (this.stopped) throw new Error("The live listener is stopped.");
      await (this.connecting ?? new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }

  isListening() {
    return this.client !== null && this.connecting === null;
  }

  /** Open subscriptions (event streams) in this process. */
  subscriberCount() {
    let count = 0;
    for (const set of this.teams.values()) count += set.size;
    return count;
  }

  async stop() {
    this.stopped = true;
    this.clearTimers();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private start(): Promise<void> {
    if (this.client || this.connecting || this.retryTimer || this.stopped) return this.connecting ?? Promise.resolve();
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect() {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: this.applicationName,
    });
    const lost = (error?: Error) => this.lost(client, error);
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) this.dispatch(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
      this.retry(error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.pingTimer = setInterval(() => {
      client.query("SELECT 1").catch((error: Error) => lost(error));
    }, PING_EVERY_MS);
    this.pingTimer.unref();
    // Anything sent while this process was not listening is lost: every open
    // page fetches again. (Not on the first connection: nothing was missed.)
    if (this.everConnected) this.broadcastResync();
    this.everConnected = true;
  }

  private lost(client: pg.Client, error?: Error) {
    if (this.client !== client) return;
    this.client = null;
    this.clearTimers();
    client.removeAllListeners();
    client.on("error", () => {});
    client.end().catch(() => {});
    if (this.stopped) return;
    this.retry(error);
  }

  private retry(error?: Error) {
    if (this.stopped) return;
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt += 1;
    if (this.attempt === 1 || this.attempt % 10 === 0) {
      console.warn(`[live] listener connection lost${error ? ` (${error.message})` : ""}; retrying in ${delay} ms`);
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.start();
    }, delay);
    this.retryTimer.unref();
  }

  private clearTimers() {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pingTimer = null;
    this.retryTimer = null;
  }

  private dispatch(payload: string | undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload ?? "");
    } catch {
      return;
    }
    const event = liveEventSchema.safeParse(parsed);
    if (!event.success) return;
    for (const subscriber of this.teams.get(event.data.teamId) ?? []) deliver(subscriber, event.data);
  }

  private broadcastResync() {
    for (const [teamId, set] of this.teams) {
      for (const subscriber of set) deliver(subscriber, { kind: "resync", teamId });
    }
  }
}

function deliver(subscriber: Subscriber, signal: LiveSignal) {
  try {
    subscriber(signal);
  } catch (error) {
    console.error("[live] a subscriber failed", error);
  }
}

const globalForLive = globalThis as unknown as { liftoffLive?: LiveListener };

/** This process's listener (one per process, kept across dev reloads). */
export function liveListener(): LiveListener {
  globalForLive.liftoffLive ??= new LiveListener(env.DATABASE_URL);
  return globalForLive.liftoffLive;
}
