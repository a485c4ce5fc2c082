import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getMyWork, MY_WORK_LIST_SIZE } from "@/lib/my-work/queries";
import { createdFeature } from "@/lib/features/test-fixtures";
import { signGate } from "@/lib/gates/commands";
import { refreshFeatures } from "@/lib/gates/summary";
import type { Role } from "@/lib/generated/prisma/enums";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles, createUser } from "@/tests/fixtures";

// My work lists what waits on a person, each list bounded, and says when
// more wait than it shows.

const DAY_MS = 86_400_000;

async function features(teamId: string, count: number, data: { stage?: "IDEA" | "POC" | "BUILD"; stageEnteredAt?: Date } = {}) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.feature.createMany({
    data: ids.map((id, i) => ({ id, teamId, title: `Feature ${i}`, summary: "s", ...data })),
  });
  return ids;
}

describe("My work's sign-off requests", () => {
  it("list open requests for the person's roles, oldest first, bounded, saying when more wait", async () => {
    const f = await createTeamWithRoles();
    const ids = await features(f.team.id, MY_WORK_LIST_SIZE + 1);
    await db.signoffRequest.createMany({
      data: ids.map((featureId, i) => ({
        featureId,
        gate: "IDEA" as const,
        role: "DS" as const,
        requestedById: f.members.PM.id,
        createdAt: new Date(Date.now() - (1000 - i) * 60_000),
      })),
    });
    const work = await getMyWork(f.team.id, f.members.DS.id, ["DS"]);
    expect(work.signoffRequests.items.map((r) => r.feature.id)).toEqual(ids.slice(0, MY_WORK_LIST_SIZE));
    expect(work.signoffRequests.more).toBe(true);

    await db.signoffRequest.updateMany({ where: { featureId: ids[0]! }, data: { resolvedAt: new Date() } });
    const after = await getMyWork(f.team.id, f.members.DS.id, ["DS"]);
    expect(after.signoffRequests.items).toHaveLength(MY_WORK_LIST_SIZE);
    expect(after.signoffRequests.more).toBe(false);
    expect((await getMyWork(f.team.id, f.members.QA.id, ["QA"])).signoffRequests).toEqual({ items: [], more: false });
  });

  it("skip requests whose feature left the gate or whose gate no longer asks for the role, without hiding open ones behind them", async () => {
    const f = await createTeamWithRoles();
    // Older than the open one: a full list of requests at gates their
    // features have left, and one for a sign-off the team switched off.
    const movedOn = await features(f.team.id, MY_WORK_LIST_SIZE + 1, { stage: "BUILD" });
    const [switchedOff] = await features(f.team.id, 1, { stage: "POC" });
    const [open] = await features(f.team.id, 1);
    const old = new Date(Date.now() - 10 * DAY_MS);
    await db.signoffRequest.createMany({
      data: [
        ...movedOn.map((featureId) => ({ featureId, gate: "IDEA" as const, role: "DS" as const, createdAt: old })),
        { featureId: switchedOff!, gate: "POC" as const, role: "DS" as const, createdAt: old },
        { featureId: open!, gate: "IDEA" as const, role: "DS" as const },
      ],
    });
    await db.teamGateSetting.create({ data: { teamId: f.team.id, key: "POC.signoff.DS", enabled: false } });
    const work = await getMyWork(f.team.id, f.members.DS.id, ["DS"]);
    expect(work.signoffRequests.items.map((r) => r.feature.id)).toEqual([open]);
    expect(work.signoffRequests.more).toBe(false);
  });
});

describe("My work's stuck features", () => {
  it("are bounded, stuck longest first, and say when more are stuck", async () => {
    const f = await createTeamWithRoles();
    const ids = await features(f.team.id, MY_WORK_LIST_SIZE + 1, { stageEnteredAt: new Date(Date.now() - 30 * DAY_MS) });
    await db.feature.update({ where: { id: ids[7]! }, data: { stageEnteredAt: new Date(Date.now() - 40 * DAY_MS) } });
    await db.responsibility.createMany({
      data: ids.map((featureId) => ({ featureId, userId: f.members.PM.id, role: "PM" as const, kind: "ACCOUNTABLE" as const })),
    });
    const work = await getMyWork(f.team.id, f.members.PM.id, ["PM"]);
    expect(work.stuck.items).toHaveLength(MY_WORK_LIST_SIZE);
    expect(work.stuck.items[0]).toMatchObject({ id: ids[7], daysInStage: 40 });
    expect(work.stuck.more).toBe(true);
    // Someone else's stuck features are not mine.
    expect((await getMyWork(f.team.id, f.members.DEV.id, ["DEV"])).stuck).toEqual({ items: [], more: false });
  });
});

describe("My work's gates waiting on you", () => {
  const feature = (f: Awaited<ReturnType<typeof createTeamWithRoles>>) =>
    createdFeature(f, { title: "Fraud score", summary: "Score each checkout", phases: [{ name: "Rules", target: "precision >= 0.9" }] });
  const gateIds = async (f: Awaited<ReturnType<typeof createTeamWithRoles>>, who: Role) =>
    (await getMyWork(f.team.id, f.members[who].id, [who])).gates.items.map((g) => [g.id, g.roles]);

  it("come from the gate's facts: a role that can act or must sign, where the person is Responsible or nobody is", async () => {
    const f = await createTeamWithRoles();
    const id = await feature(f);
    // IDEA waits on the PM (spec, sign-off) and the DS (sign-off): not on DEV or QA.
    expect(await gateIds(f, "PM")).toEqual([[id, ["PM"]]]);
    expect(await gateIds(f, "DS")).toEqual([[id, ["DS"]]]);
    expect(await gateIds(f, "DEV")).toEqual([]);
    expect(await gateIds(f, "QA")).toEqual([]);

    // Another data scientist is made Responsible: the DS of the fixture is no longer asked.
    const other = await createUser("ds2");
    await db.membership.create({ data: { teamId: f.team.id, userId: other.id, roles: ["DS"] } });
    await assignResponsibility.run(f.members.LEAD.id, { teamId: f.team.id, featureId: id, userId: other.id, role: "DS", kind: "RESPONSIBLE" });
    expect(await gateIds(f, "DS")).toEqual([]);
    expect((await getMyWork(f.team.id, other.id, ["DS"])).gates.items.map((g) => g.id)).toEqual([id]);

    // Once that DS signs, the gate no longer waits on a data scientist at all.
    await signGate.run(other.id, { teamId: f.team.id, featureId: id, role: "DS" });
    expect((await getMyWork(f.team.id, other.id, ["DS"])).gates.items).toEqual([]);
    // Another team's member sees nothing of it.
    const outsiders = await createTeamWithRoles();
    expect((await getMyWork(outsiders.team.id, outsiders.members.PM.id, ["PM"])).gates.items).toEqual([]);
  });

  it("show a developer the BUILD gate and QA the VALIDATION gate", async () => {
    const f = await createTeamWithRoles();
    const id = await feature(f);
    await db.feature.update({ where: { id }, data: { stage: "BUILD" } });
    await updateFeatureSummaries(f.team.id, id);
    expect(await gateIds(f, "DEV")).toEqual([[id, ["DEV"]]]);
    expect(await gateIds(f, "QA")).toEqual([]);
    await db.feature.update({ where: { id }, data: { stage: "VALIDATION" } });
    await updateFeatureSummaries(f.team.id, id);
    expect(await gateIds(f, "QA")).toEqual([[id, ["QA"]]]);
    expect(await gateIds(f, "DEV")).toEqual([[id, ["DEV"]]]);
  });
});

/** After moving a feature by hand in a test, store its summary as a command would. */
async function updateFeatureSummaries(teamId: string, featureId: string) {
  await db.$transaction((tx) => refreshFeatures(tx, teamId, [featureId]));
}
