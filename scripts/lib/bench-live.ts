import pg from "pg";

// The live channel under the mixed load: each simulated user holds the
// team's event stream open, as a browser tab does (a streaming fetch read
// like an EventSource). For each write that went through, the delay until
// "feature X changed" arrives on another user's stream, counted from the
// moment the write was sent (what a person clicking sees on the other
// screen). Two writes to one feature close together may match each other's
// events: with that, the figures lean low, never high.

type Arrival = { featureId: string; at: number };
type Stream = { arrivals: Arrival[]; connected: boolean; ended: boolean; abort: AbortController };
type Write = { writer: number; featureId: string; sentAt: number };

export type LiveResult = {
  /** Streams opened (one per user) and still open when the load ended. */
  streams: number;
  openAtEnd: number;
  /** The app's LISTEN connections to Postgres during the load (one per process). */
  listenConnections: number;
  /** ms from sending a write to its event on another user's stream. */
  delays: number[];
  /** Writes whose event never reached the other stream. */
  missed: number;
};

export class LiveWatch {
  private readonly streams: Stream[] = [];
  private readonly writes: Write[] = [];

  constructor(
    private readonly origin: string,
    private readonly teamId: string,
  ) {}

  /** Opens one stream per cookie and waits until each is connected. */
  async open(cookies: string[]) {
    await Promise.all(cookies.map((cookie) => this.openOne(cookie)));
  }

  private async openOne(cookie: string) {
    const stream: Stream = { arrivals: [], connected: false, ended: false, abort: new AbortController() };
    this.streams.push(stream);
    const response = await fetch(new URL(`/api/teams/${this.teamId}/live`, this.origin), {
      headers: { cookie, accept: "text/event-stream" },
      signal: stream.abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`live stream: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let resolveConnected: () => void = () => {};
    const connected = new Promise<void>((resolve) => (resolveConnected = resolve));
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes(": connected")) {
              stream.connected = true;
              resolveConnected();
            }
            const data = block.split("\n").find((line) => line.startsWith("data: "));
            if (block.startsWith("event: change") && data) {
              const message = JSON.parse(data.slice(6)) as { featureId?: string };
              if (message.featureId) stream.arrivals.push({ featureId: message.featureId, at: performance.now() });
            }
          }
        }
      } catch {
        // Aborted at the end.
      }
      stream.ended = true;
    })();
    await connected;
  }

  /** A write that went through, sent by user `writer` at `sentAt` (performance.now()). */
  wrote(writer: number, featureId: string, sentAt: number) {
    this.writes.push({ writer, featureId, sentAt });
  }

  async finish(databaseUrl: string): Promise<LiveResult> {
    const listenConnections = await countListeners(databaseUrl);
    const openAtEnd = this.streams.filter((s) => s.connected && !s.ended).length;
    // Let the events of the last writes arrive before closing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const s of this.streams) s.abort.abort();
    const delays: number[] = [];
    let missed = 0;
    for (const w of this.writes) {
      const observer = this.streams[(w.writer + 1) % this.streams.length]!;
      const arrival = observer.arrivals.find((a) => a.featureId === w.featureId && a.at >= w.sentAt);
      if (arrival) delays.push(arrival.at - w.sentAt);
      else missed++;
    }
    return { streams: this.streams.length, openAtEnd, listenConnections, delays, missed };
  }
}

async function countListeners(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'liftoff-live'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
