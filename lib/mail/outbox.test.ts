import { randomBytes, randomUUID } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Runner } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Db } from "@/lib/db";
import { decryptBody, enqueueMail } from "@/lib/mail/outbox";
import { startMailWorker } from "@/lib/mail/worker";
import { applyMigrations, dropDatabase, ensureDatabase } from "@/scripts/lib/migrator";

// Mail really leaves the app: a real SMTP server on loopback receives what
// the worker sends from a real Postgres queue.
//
// This file migrates a database of its own. A worker takes every
// deliver_mail job in its database; on the shared test database it would
// deliver (and erase the bodies of) mail queued by test files running in
// parallel, and theirs would race for ours.

let url: string;
let db: Db;
beforeAll(async () => {
  const server = new URL(process.env.DATABASE_URL!);
  server.pathname = `/liftoff_mail_${randomBytes(4).toString("hex")}`;
  url = server.toString();
  await ensureDatabase(url);
  await applyMigrations(url, path.resolve(__dirname, "..", "..", "prisma", "migrations"), () => {});
  db = createClient(url);
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropDatabase(url);
});

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  // Workers first, so none is mid-job when its SMTP server goes away.
  while (running.length > 0) await running.pop()!.stop();
});

async function worker(smtpUrl: string): Promise<Runner> {
  // Polls every 100 ms for retries that fell due (new jobs arrive by NOTIFY).
  const runner = await startMailWorker({ smtpUrl, connectionString: url, db, pollInterval: 100 });
  running.unshift(runner);
  return runner;
}

type Received = { to: string[]; from: string | undefined; subject: string | undefined; text: string | undefined };

async function smtpServer(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // nodemailer upgrades to TLS when offered, and would refuse the server's
    // self-signed certificate.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail: ParsedMail) => {
        const to = [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address ?? ""));
        received.push({ to, from: mail.from?.text, subject: mail.subject, text: mail.text });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  running.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const actualPort = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${actualPort}`, received, to: (addr: string) => received.filter((m) => m.to.includes(addr)) };
}

/** A port nothing listens on (yet). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls until `done` holds; fails with the last value after `timeoutMs`. */
async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function message(label: string) {
  const to = `${label}-${randomUUID()}@test.liftoff`;
  return {
    kind: "test",
    to,
    subject: `Hello ${label} ${randomUUID().slice(0, 8)}`,
    text: `First line for ${to}\n\nhttp://localhost:3000/verify?token=${randomUUID()}\n`,
  };
}

function enqueueCommitted(mail: ReturnType<typeof message>) {
  return db.$transaction((tx) => enqueueMail(tx, mail));
}

const row = (id: string) => db.outboxMessage.findUniqueOrThrow({ where: { id } });
const jobs = () =>
  db.$queryRaw<{ id: bigint; attempts: number; locked_at: Date | null; payload: { id: string } }[]>`
    SELECT id, attempts, locked_at, payload FROM graphile_worker._private_jobs`;

describe("the mail outbox", () => {
  it("delivers a committed message over SMTP, then marks it sent and erases its body", async () => {
    const smtp = await smtpServer();
    await worker(smtp.url);
    const mail = message("sent");

    const { id } = await enqueueCommitted(mail);

    const [received] = await waitFor(() => smtp.to(mail.to), (list) => list.length > 0);
    expect(received).toEqual({ to: [mail.to], from: '"Liftoff" <liftoff@localhost>', subject: mail.subject, text: mail.text });
    const sent = await waitFor(() => row(id), (r) => r.sentAt !== null);
    expect(sent).toMatchObject({ body: null, attempts: 0, lastError: null });
    expect(smtp.to(mail.to)).toHaveLength(1);
  });

  it("keeps a message while the SMTP server is down and delivers it on a retry", async () => {
    const port = await closedPort();
    await worker(`smtp://127.0.0.1:${port}`);
    const mail = message("retry");

    const { id } = await enqueueCommitted(mail);

    const failed = await waitFor(() => row(id), (r) => r.attempts >= 1);
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.sentAt).toBeNull();
    expect(decryptBody(failed.body!).text).toBe(mail.text); // not lost
    // Wait for graphile-worker to have recorded the failure too (unlocked,
    // rescheduled by its backoff, about 2.7 s after the first attempt).
    const [job] = await waitFor(jobs, (list) => list.some((j) => j.payload.id === id && j.attempts >= 1 && !j.locked_at));

    const smtp = await smtpServer(port);
    // Rather than wait out the backoff, make the retry due now; the worker
    // finds it on its next poll (100 ms here).
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE id = ${job!.id}`;

    await waitFor(() => smtp.to(mail.to), (list) => list.length > 0);
    const sent = await waitFor(() => row(id), (r) => r.sentAt !== null);
    expect(sent.body).toBeNull();
    expect(sent.attempts).toBeGreaterThanOrEqual(1);
    expect((await jobs()).filter((j) => j.payload.id === id)).toEqual([]); // the job is done
  });

  it("sends nothing for a transaction that rolls back", async () => {
    const smtp = await smtpServer();
    await worker(smtp.url);
    const jobsBefore = (await jobs()).length;
    const mail = message("rolled-back");

    await expect(
      db.$transaction(async (tx) => {
        await enqueueMail(tx, mail);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    expect(await db.outboxMessage.count({ where: { to: mail.to } })).toBe(0);
    expect((await jobs()).length).toBe(jobsBefore);
    // A message committed afterwards arrives; the rolled-back one never does.
    const control = message("control");
    await enqueueCommitted(control);
    await waitFor(() => smtp.to(control.to), (list) => list.length > 0);
    expect(smtp.to(mail.to)).toEqual([]);
  });

  it("stores the body encrypted, and refuses a tampered one", async () => {
    const mail = message("encrypted");
    const { id } = await enqueueCommitted(mail);
    const [stored] = await db.$queryRaw<{ body: Uint8Array }[]>`SELECT body FROM "OutboxMessage" WHERE id = ${id}::uuid`;

    const bytes = Buffer.from(stored!.body);
    const link = mail.text.split("\n")[2]!;
    for (const encoding of ["utf8", "latin1", "utf16le"] as const) {
      expect(bytes.toString(encoding)).not.toContain(link);
      expect(bytes.toString(encoding)).not.toContain(mail.to);
    }
    expect(decryptBody(bytes)).toEqual({ text: mail.text });
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptBody(tampered)).toThrow();

    // No worker ran in this test: drop the queued job so no later test's
    // worker delivers it.
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'id' = ${id}`;
  });
});
