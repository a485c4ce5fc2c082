import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LiveListener } from "@/lib/live/listener";
import { notifyLive } from "@/lib/live/notify";
import { liveStreamResponse } from "@/lib/live/stream";
import { removeMember } from "@/lib/teams/commands";
import { revokeSession } from "@/lib/auth/sessions";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

// A member's event stream, read as the browser reads it: what it carries, and
// that it ends when the person leaves the team or their session ends.

const listener = new LiveListener(env.DATABASE_URL, `liftoff-live-stream-test-${randomUUID().slice(0, 8)}`);
afterAll(() => listener.stop());

async function sessionOf(userId: string) {
  const session = await db.session.create({
    data: { userId, method: "password", secretHash: "0".repeat(64), expiresAt: new Date(Date.now() + 3_600_000) },
    select: { id: true },
  });
  return session.id;
}

/** Opens the DEV's stream and reads it message by message. */
async function open(f: Fixture, since?: number) {
  const abort = new AbortController();
  const sessionId = await sessionOf(f.members.DEV.id);
  const response = liveStreamResponse({
    teamId: f.team.id,
    userId: f.members.DEV.id,
    sessionId,
    since,
    signal: abort.signal,
    listener,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  /** The next block (up to a blank line), or null once the stream ended. */
  async function next(): Promise<string | null> {
    while (!buffer.includes("\n\n")) {
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += value;
    }
    const end = buffer.indexOf("\n\n");
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    return block;
  }
  expect(await next()).toBe("retry: 2000\n: connected");
  await listener.ready();
  return { response, next, abort, sessionId };
}

const change = (featureId: string) => `event: change\ndata: ${JSON.stringify({ type: "change", kind: "feature", featureId })}`;

describe("a member's live stream", () => {
  it("is an uncompressed, unbuffered event stream", async () => {
    const f = await createTeamWithRoles();
    const { response, abort } = await open(f);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    abort.abort();
  });

  it("carries ids only, for its own team, and ends with 'gone' when the member is removed", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    const stream = await open(f);
    const elsewhere = randomUUID();
    const here = randomUUID();
    await db.$transaction((tx) => notifyLive(tx, { teamId: other.team.id, featureId: elsewhere, kind: "feature" }));
    await db.$transaction((tx) => notifyLive(tx, { teamId: f.team.id, featureId: here, kind: "feature" }));
    expect(await stream.next()).toBe(change(here));

    const { version } = await db.membership.findUniqueOrThrow({ where: { id: f.members.DEV.membershipId } });
    const removed = await removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: f.members.DEV.membershipId, version });
    expect(removed).toMatchObject({ ok: true });
    expect(await stream.next()).toBe(`event: gone\ndata: ${JSON.stringify({ type: "gone" })}`);
    expect(await stream.next()).toBeNull();
    expect(listener.subscriberCount()).toBe(0);
  });

  it("passes a team-wide change on to a member who stays", async () => {
    const f = await createTeamWithRoles();
    const stream = await open(f);
    await db.$transaction((tx) => notifyLive(tx, { teamId: f.team.id, kind: "team" }));
    expect(await stream.next()).toBe(`event: change\ndata: ${JSON.stringify({ type: "change", kind: "team" })}`);
    stream.abort.abort();
  });

  it("ends with 'gone' at the next check once the session was signed out", async () => {
    const f = await createTeamWithRoles();
    const stream = await open(f);
    await revokeSession(f.members.DEV.id, stream.sessionId, "user.signed_out");
    // Any team-wide change (or the next heartbeat) checks again.
    await db.$transaction((tx) => notifyLive(tx, { teamId: f.team.id, kind: "team" }));
    expect(await stream.next()).toBe(`event: gone\ndata: ${JSON.stringify({ type: "gone" })}`);
    expect(await stream.next()).toBeNull();
  });

  it("asks a page rendered before the latest change to fetch again, and not one rendered after it", async () => {
    const f = await createTeamWithRoles();
    await db.auditEvent.create({
      data: { teamId: f.team.id, action: "feature.edited", targetType: "feature", targetId: randomUUID() },
    });
    const before = await open(f, Date.now() - 60_000);
    expect(await before.next()).toBe(`event: resync\ndata: ${JSON.stringify({ type: "resync" })}`);
    before.abort.abort();

    const after = await open(f, Date.now() + 60_000);
    const here = randomUUID();
    await db.$transaction((tx) => notifyLive(tx, { teamId: f.team.id, featureId: here, kind: "feature" }));
    expect(await after.next()).toBe(change(here));
    after.abort.abort();
  });

  it("unsubscribes when the browser goes away", async () => {
    const f = await createTeamWithRoles();
    const start = listener.subscriberCount();
    const stream = await open(f);
    expect(listener.subscriberCount()).toBe(start + 1);
    stream.abort.abort();
    expect(listener.subscriberCount()).toBe(start);
  });
});
