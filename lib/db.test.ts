import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "@/lib/db";

// A TCP relay in front of Postgres that the test can cut and restore, to
// see the pool fail fast while the database is unreachable and recover
// by itself afterwards.
function startRelay(target: { host: string; port: number }) {
  let mode: "pass" | "hang" = "pass";
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (mode === "hang") return; // accept, then never answer: a stuck server
    const upstream = net.connect(target);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  return new Promise<{
    url: string;
    cut: () => void;
    restore: () => void;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      const url = new URL(process.env.DATABASE_URL!);
      url.host = `127.0.0.1:${port}`;
      resolve({
        url: url.toString(),
        cut() {
          mode = "hang";
          for (const socket of sockets) socket.destroy();
        },
        restore() {
          mode = "pass";
        },
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

describe("the database client", () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
  });

  it("fails fast while Postgres does not answer, and recovers when it is back", async () => {
    const target = new URL(process.env.DATABASE_URL!);
    const relay = await startRelay({ host: target.hostname, port: Number(target.port || 5432) });
    const client = createClient(relay.url);
    cleanup.push(() => relay.close(), () => client.$disconnect());

    await expect(client.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);

    relay.cut();
    // Without the pool's connection timeout this query would hang for good
    // (the relay accepts and never answers) and the test would time out.
    await expect(client.$queryRaw`SELECT 1`).rejects.toThrow();

    relay.restore();
    await expect(client.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
  });
});
