import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { signGate } from "@/lib/gates/commands";
import { createdFeature } from "@/lib/features/test-fixtures";
import { LiveListener, type LiveSignal } from "@/lib/live/listener";
import { notifyLive } from "@/lib/live/notify";
import { createTeamWithRoles } from "@/tests/fixtures";

// The live channel end to end inside one process: commands and transactions
// NOTIFY, a real LISTEN connection fans out to subscribers by team. Nothing
// here waits for a fixed time: "did not arrive" is proven by a later event
// arriving first (Postgres delivers notifications in commit order).

const name = `liftoff-live-test-${randomUUID().slice(0, 8)}`;
const listener = new LiveListener(env.DATABASE_URL, name);

/** Everything a team's subscriber hears, and a way to wait for one event. */
function record(teamId: string) {
  const heard: LiveSignal[] = [];
  const waiters: { match: (s: LiveSignal) => boolean; resolve: () => void }[] = [];
  const unsubscribe = listener.subscribe(teamId, (signal) => {
    heard.push(signal);
    for (const w of [...waiters]) if (w.match(signal)) w.resolve();
  });
  return {
    heard,
    unsubscribe,
    until(match: (s: LiveSignal) => boolean) {
      if (heard.some(match)) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const marker = (teamId: string) => {
  const featureId = randomUUID();
  return {
    featureId,
    send: () => db.$transaction((tx) => notifyLive(tx, { teamId, featureId, kind: "feature" })),
    is: (s: LiveSignal) => "featureId" in s && s.featureId === featureId,
  };
};

beforeAll(async () => {
  // The first subscriber starts the connection.
  record(randomUUID());
  await listener.ready();
});

afterAll(async () => {
  await listener.stop();
});

describe("the live listener", () => {
  it("delivers an event sent in a committed transaction to the team's subscribers", async () => {
    const teamId = randomUUID();
    const featureId = randomUUID();
    const a = record(teamId);
    const b = record(teamId);
    await db.$transaction((tx) => notifyLive(tx, { teamId, featureId, kind: "feature" }));
    await Promise.all([a.until((s) => s.kind === "feature"), b.until((s) => s.kind === "feature")]);
    expect(a.heard).toEqual([{ teamId, featureId, kind: "feature" }]);
    expect(b.heard).toEqual([{ teamId, featureId, kind: "feature" }]);
  });

  it("delivers nothing from a transaction that rolls back", async () => {
    const teamId = randomUUID();
    const sub = record(teamId);
    const refused = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await notifyLive(tx, { teamId, featureId: refused, kind: "feature" });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    const after = marker(teamId);
    await after.send();
    await sub.until(after.is);
    expect(sub.heard).toEqual([{ teamId, featureId: after.featureId, kind: "feature" }]);
  });

  it("gives each team only its own events", async () => {
    const teamA = randomUUID();
    const teamB = randomUUID();
    const a = record(teamA);
    const b = record(teamB);
    await db.$transaction((tx) => notifyLive(tx, { teamId: teamA, kind: "team" }));
    const bMarker = marker(teamB);
    await bMarker.send();
    await Promise.all([a.until((s) => s.kind === "team"), b.until(bMarker.is)]);
    expect(a.heard).toEqual([{ teamId: teamA, kind: "team" }]);
    expect(b.heard).toEqual([{ teamId: teamB, featureId: bMarker.featureId, kind: "feature" }]);
  });

  it("stops delivering to a subscriber that unsubscribed", async () => {
    const teamId = randomUUID();
    const gone = record(teamId);
    const stays = record(teamId);
    gone.unsubscribe();
    const m = marker(teamId);
    await m.send();
    await stays.until(m.is);
    expect(gone.heard).toEqual([]);
  });

  it("hears a command that changed a feature once per transaction, and nothing from a refused one", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f);
    const sub = record(f.team.id);
    // The creation's own event arrives after the command returned: wait it out.
    const settled = marker(f.team.id);
    await settled.send();
    await sub.until(settled.is);
    sub.heard.length = 0;
    // QA may not sign the IDEA gate: refused, rolled back, silent.
    const refused = await signGate.run(f.members.QA.id, { teamId: f.team.id, featureId, role: "PM" });
    expect(refused).toMatchObject({ ok: false });
    const signed = await signGate.run(f.members.PM.id, { teamId: f.team.id, featureId, role: "PM" });
    expect(signed).toMatchObject({ ok: true });
    const m = marker(f.team.id);
    await m.send();
    await sub.until(m.is);
    // The command and the summary refresh both announce the feature: Postgres
    // folds identical notifications of one transaction into one.
    expect(sub.heard).toEqual([
      { teamId: f.team.id, featureId, kind: "feature" },
      { teamId: f.team.id, featureId: m.featureId, kind: "feature" },
    ]);
  });

  it("reconnects after its connection is killed and tells subscribers to resync", async () => {
    const teamId = randomUUID();
    const sub = record(teamId);
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${name}`;
    await sub.until((s) => s.kind === "resync");
    await listener.ready();
    const m = marker(teamId);
    await m.send();
    await sub.until(m.is);
    expect(sub.heard).toEqual([{ kind: "resync", teamId }, { teamId, featureId: m.featureId, kind: "feature" }]);
  });
});
