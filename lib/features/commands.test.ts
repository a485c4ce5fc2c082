import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  ACCOUNTABLE_RULE,
  advanceFeature,
  assignResponsibility,
  createFeature,
  moveFeatureBack,
  pauseFeature,
  removeResponsibility,
  resumeFeature,
  retireFeature,
  startNextPhase,
  updateFeature,
} from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { newFeature, permissionMatrix, signIdea, snapshot, version } from "@/lib/features/test-fixtures";
import { setGateRequirement, signGate } from "@/lib/gates/commands";
import { getMyWork } from "@/lib/my-work/queries";
import { createTeamWithRoles, holdLocks, waitForLockWaits, type Fixture } from "@/tests/fixtures";

describe("createFeature", () => {
  it("starts in IDEA with the creating PM Accountable, phases and history", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const feature = await getFeature(f.team.id, featureId);
    expect(feature).toMatchObject({ stage: "IDEA", currentPhase: 1 });
    expect(feature!.phases.map((p) => p.name)).toEqual(["Rules + GBM", "Deep model"]);
    expect(feature!.responsibilities).toEqual([
      expect.objectContaining({ kind: "ACCOUNTABLE", role: "PM", user: expect.objectContaining({ id: f.members.PM.id }) }),
    ]);
    expect(feature!.transitions).toEqual([expect.objectContaining({ fromStage: null, toStage: "IDEA" })]);
  });

  it("gives field messages for a blank title and summary", async () => {
    const f = await createTeamWithRoles();
    const result = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: " ", summary: "" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Give the feature a title."], summary: ["Write a one-line summary."] },
    });
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
  });
});

describe("permission matrix of the feature commands", () => {
  permissionMatrix([
    {
      name: "createFeature",
      allowed: ["LEAD", "PM"],
      run: (f, _id, a) => createFeature.run(a, { teamId: f.team.id, title: "T", summary: "S" }),
    },
    {
      name: "updateFeature",
      allowed: ["LEAD", "PM"],
      run: (f, id, a) =>
        updateFeature.run(a, {
          teamId: f.team.id,
          featureId: id,
          title: "Renamed",
          summary: "New summary",
          baseTitle: "Fraud score on checkout",
          baseSummary: "Score each checkout for fraud risk",
        }),
    },
    {
      name: "advanceFeature",
      allowed: ["LEAD", "PM"],
      prepare: (f, id) => signIdea(f, id),
      run: async (f, id, a) => advanceFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
    {
      name: "moveFeatureBack",
      allowed: ["LEAD", "PM"],
      prepare: async (f, id) => {
        await signIdea(f, id);
        await advanceFeature.run(f.members.PM.id, { teamId: f.team.id, featureId: id, version: await version(id) });
      },
      run: async (f, id, a) =>
        moveFeatureBack.run(a, { teamId: f.team.id, featureId: id, version: await version(id), toStage: "IDEA", reason: "Rethink" }),
    },
    {
      name: "pauseFeature",
      allowed: ["LEAD", "PM"],
      run: async (f, id, a) => pauseFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id), reason: "Budget" }),
    },
    {
      name: "resumeFeature",
      allowed: ["LEAD", "PM"],
      prepare: async (f, id) => {
        await pauseFeature.run(f.members.PM.id, { teamId: f.team.id, featureId: id, version: 1, reason: "Budget" });
      },
      run: async (f, id, a) => resumeFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
    {
      name: "retireFeature",
      allowed: ["LEAD", "PM"],
      run: async (f, id, a) => retireFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id), reason: "No data" }),
    },
    {
      name: "startNextPhase",
      allowed: ["LEAD", "PM"],
      prepare: async (_f, id) => {
        await db.feature.update({ where: { id }, data: { stage: "PRODUCTION" } });
      },
      run: async (f, id, a) => startNextPhase.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
    {
      name: "assignResponsibility",
      allowed: ["LEAD", "PM"],
      run: (f, id, a) =>
        assignResponsibility.run(a, { teamId: f.team.id, featureId: id, userId: f.members.DS.id, role: "DS", kind: "RESPONSIBLE" }),
    },
    {
      name: "removeResponsibility",
      allowed: ["LEAD", "PM"],
      prepare: async (f, id) => {
        await db.responsibility.create({ data: { featureId: id, userId: f.members.QA.id, role: "QA", kind: "INFORMED" } });
      },
      run: async (f, id, a) => {
        const r = await db.responsibility.findFirstOrThrow({ where: { featureId: id, kind: "INFORMED" } });
        return removeResponsibility.run(a, { teamId: f.team.id, featureId: id, responsibilityId: r.id });
      },
    },
  ]);
});

describe("gates", () => {
  it("refuses to move until every requirement and sign-off is in, naming what is missing", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f, false);
    const ids = { teamId: f.team.id, featureId };
    const early = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(early).toMatchObject({ ok: false, code: "conflict" });
    expect(early.ok || early.error).toContain("A phase with target metrics is planned");
    expect(early.ok || early.error).toContain("Product manager sign-off");
    expect(early.ok || early.error).toContain("Data scientist sign-off");

    await signIdea(f, featureId);
    const stillMissing = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(stillMissing.ok || stillMissing.error).toContain("target metrics");

    // The lead switches that requirement off for the team: the gate opens.
    await setGateRequirement.run(f.members.LEAD.id, { teamId: f.team.id, key: "IDEA.phase_targets", enabled: "false" });
    const moved = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(moved).toMatchObject({ ok: true, data: { stage: "POC", version: 2 } });
  });

  it("moves exactly once when two people move the same feature at the same moment", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await signIdea(f, featureId);
    const input = { teamId: f.team.id, featureId, version: 1 };
    const [a, b] = await Promise.all([advanceFeature.run(f.members.PM.id, input), advanceFeature.run(f.members.LEAD.id, input)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ code: "conflict" });
    expect(loser.ok || loser.error).toContain("Proof of concept");
    expect(await db.stageTransition.count({ where: { featureId } })).toBe(2);
    expect(await db.feature.findUniqueOrThrow({ where: { id: featureId } })).toMatchObject({ stage: "POC", version: 2 });
  });

  it("needs a reason to move back, pause or retire, and keeps the history", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "IDEA", reason: " " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining("Say why")] },
    });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "BUILD", reason: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { toStage: [expect.stringContaining("earlier stage")] },
    });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "IDEA", reason: "Data too thin" })).toMatchObject({ ok: true });
    // Back at IDEA, the earlier IDEA sign-offs no longer count.
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(false);
    await pauseFeature.run(f.members.PM.id, { ...ids, version: 3, reason: "Waiting for labels" });
    await resumeFeature.run(f.members.PM.id, { ...ids, version: 4 });
    await retireFeature.run(f.members.LEAD.id, { ...ids, version: 5, reason: "Vendor solves it" });
    const transitions = await db.stageTransition.findMany({ where: { featureId }, orderBy: { id: "asc" } });
    expect(transitions.map((t) => [t.fromStage, t.toStage, t.reason])).toEqual([
      [null, "IDEA", null],
      ["IDEA", "POC", null],
      ["POC", "IDEA", "Data too thin"],
      ["IDEA", "PAUSED", "Waiting for labels"],
      ["PAUSED", "IDEA", null],
      ["IDEA", "RETIRED", "Vendor solves it"],
    ]);
  });
});

describe("responsibilities", () => {
  it("only gives a person a role they hold in the team", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const result = await assignResponsibility.run(f.members.PM.id, {
      teamId: f.team.id,
      featureId,
      userId: f.members.QA.id,
      role: "DEV",
      kind: "RESPONSIBLE",
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { role: [expect.stringContaining("is not a developer")] } });
    const outsider = await assignResponsibility.run(f.members.PM.id, {
      teamId: f.team.id,
      featureId,
      userId: f.outsider.id,
      role: "QA",
      kind: "INFORMED",
    });
    expect(outsider).toMatchObject({ ok: false, fieldErrors: { userId: ["Pick a member of this team."] } });
  });

  it("keeps exactly one Accountable: a new one replaces the old, the last cannot be removed", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    const accountable = await db.responsibility.findFirstOrThrow({ where: { featureId, kind: "ACCOUNTABLE" } });
    expect(await removeResponsibility.run(f.members.PM.id, { ...ids, responsibilityId: accountable.id })).toMatchObject({
      ok: false,
      error: ACCOUNTABLE_RULE,
    });
    await assignResponsibility.run(f.members.LEAD.id, { ...ids, userId: f.members.LEAD.id, role: "LEAD", kind: "ACCOUNTABLE" });
    const all = await db.responsibility.findMany({ where: { featureId, kind: "ACCOUNTABLE" } });
    expect(all).toEqual([expect.objectContaining({ userId: f.members.LEAD.id })]);
  });

  it("keeps exactly one Accountable when two are assigned at once", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await Promise.all([
      assignResponsibility.run(f.members.LEAD.id, { ...ids, userId: f.members.LEAD.id, role: "LEAD", kind: "ACCOUNTABLE" }),
      assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.DS.id, role: "DS", kind: "ACCOUNTABLE" }),
    ]);
    expect(await db.responsibility.count({ where: { featureId, kind: "ACCOUNTABLE" } })).toBe(1);
  });
});

describe("My work", () => {
  it("list features I own that are stuck", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await db.feature.update({ where: { id: featureId }, data: { stageEnteredAt: new Date(Date.now() - 30 * 86_400_000) } });
    const work = await getMyWork(f.team.id, f.members.PM.id, ["PM"]);
    expect(work.stuck.items).toEqual([expect.objectContaining({ id: featureId, daysInStage: 30 })]);
  });
});

describe("responsibilities follow membership", () => {
  it("are dropped when the person leaves the team or loses the role, but never the Accountable", async () => {
    const { removeMember, setMemberRoles } = await import("@/lib/teams/commands");
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.DS.id, role: "DS", kind: "RESPONSIBLE" });
    await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.QA.id, role: "QA", kind: "INFORMED" });

    // Losing the DS role drops the DS responsibility, on the feature's timeline too.
    const demoted = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.DS.membershipId,
      roles: ["DEV"],
      version: 1,
    });
    expect(demoted).toMatchObject({ ok: true });
    expect(await db.responsibility.count({ where: { featureId, userId: f.members.DS.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { featureId, action: "responsibility.removed" } })).toBe(1);

    // Leaving the team drops the rest.
    await removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: f.members.QA.membershipId, version: 1 });
    expect(await db.responsibility.count({ where: { featureId, userId: f.members.QA.id } })).toBe(0);

    // The Accountable PM cannot be removed or lose the PM role until someone else is Accountable.
    const before = await snapshot(f.team.id, featureId);
    const refused = await removeMember.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.PM.membershipId,
      version: 1,
    });
    expect(refused).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("is Accountable for") });
    const refusedRole = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.PM.membershipId,
      roles: ["QA"],
      version: 1,
    });
    expect(refusedRole).toMatchObject({ ok: false, code: "conflict" });
    expect(await snapshot(f.team.id, featureId)).toEqual(before);
  });
});

describe("what a member held is released when they leave or lose a role", () => {
  it("a removed member's readiness ownership and open sign-offs are released, each audited", async () => {
    const { removeMember } = await import("@/lib/teams/commands");
    const { setReadinessItem } = await import("@/lib/readiness/commands");
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    expect(
      await setReadinessItem.run(f.members.DEV.id, { ...ids, code: "MONITORING-1", version: 0, halves: "0", ownerId: f.members.DEV.id }),
    ).toMatchObject({ ok: true });
    await signIdea(f, featureId);
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);

    for (const who of ["DS", "DEV"] as const) {
      const removed = await removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: f.members[who].membershipId, version: 1 });
      expect(removed).toMatchObject({ ok: true });
    }
    expect(await db.readinessItem.findFirstOrThrow({ where: { featureId, code: "MONITORING-1" } })).toMatchObject({ ownerId: null });
    expect(await db.gateSignoff.findFirstOrThrow({ where: { featureId, userId: f.members.DS.id } })).toMatchObject({
      revokedAt: expect.any(Date),
    });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.signoffs.find((s) => s.role === "DS")!.given).toEqual([]);
    expect(gate.signoffs.find((s) => s.role === "PM")!.given).toHaveLength(1);
    const events = await db.auditEvent.findMany({
      where: { featureId, actorId: f.members.LEAD.id, action: { in: ["readiness.owner_changed", "gate.signoff_released"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["gate.signoff_released", expect.objectContaining({ gate: "IDEA", role: "DS", userId: f.members.DS.id }), { reason: "left the team" }],
      [
        "readiness.owner_changed",
        expect.objectContaining({ code: "MONITORING-1", ownerId: f.members.DEV.id }),
        { code: "MONITORING-1", ownerId: null, owner: null, reason: "left the team" },
      ],
    ]);
  });

  it("a demoted member's sign-offs in the roles they lost stop counting; the others stay", async () => {
    const { setMemberRoles } = await import("@/lib/teams/commands");
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await db.membership.update({ where: { id: f.members.DS.membershipId }, data: { roles: ["DS", "PM"] } });
    await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" });
    await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "PM" });
    const demoted = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.DS.membershipId,
      roles: ["PM"],
      version: 1,
    });
    expect(demoted).toMatchObject({ ok: true });
    const signoffs = await db.gateSignoff.findMany({ where: { featureId }, select: { role: true, revokedAt: true } });
    expect(signoffs.find((s) => s.role === "DS")!.revokedAt).toBeInstanceOf(Date);
    expect(signoffs.find((s) => s.role === "PM")!.revokedAt).toBeNull();
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.signoffs.find((s) => s.role === "DS")!.given).toEqual([]);
    expect(gate.signoffs.find((s) => s.role === "PM")!.given).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { featureId, action: "gate.signoff_released" } })).toBe(1);

    // Even a role taken away behind the commands' back stops the sign-off counting.
    await db.membership.update({ where: { id: f.members.DS.membershipId }, data: { roles: ["QA"] } });
    expect((await getFeature(f.team.id, featureId))!.gate!.signoffs.every((s) => s.given.length === 0)).toBe(true);
  });

  it("removal and assignment cannot interleave: no responsibility is left for someone who is not a member", async () => {
    const { removeMember } = await import("@/lib/teams/commands");
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const dev = f.members.DEV;
    // Hold the developer's user row, so an assignment that has already read
    // their membership waits just before it writes.
    const blocker = await holdLocks((tx) => tx.$queryRaw`SELECT id FROM "User" WHERE id = ${dev.id}::uuid FOR UPDATE`);
    const assigning = assignResponsibility.run(f.members.PM.id, {
      teamId: f.team.id,
      featureId,
      userId: dev.id,
      role: "DEV",
      kind: "RESPONSIBLE",
    });
    await waitForLockWaits(/INSERT INTO "public"\."Responsibility"/);
    const removing = removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: dev.membershipId, version: 1 });
    // Give the removal every chance to finish before the assignment writes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await blocker.release();
    const [, removed] = await Promise.all([assigning, removing]);
    expect(removed).toMatchObject({ ok: true });
    expect(await db.membership.count({ where: { teamId: f.team.id, userId: dev.id } })).toBe(0);
    expect(await db.responsibility.count({ where: { featureId, userId: dev.id } })).toBe(0);
  });
  it("a feature created while its creator is being removed leaves no Accountable outside the team", async () => {
    const { removeMember } = await import("@/lib/teams/commands");
    const f = await createTeamWithRoles();
    const pm = f.members.PM;
    // Hold the PM's user row, so the creation waits just before it writes.
    const blocker = await holdLocks((tx) => tx.$queryRaw`SELECT id FROM "User" WHERE id = ${pm.id}::uuid FOR UPDATE`);
    const creating = createFeature.run(pm.id, { teamId: f.team.id, title: "Raced", summary: "Created during a removal" });
    await waitForLockWaits(/INSERT INTO "public"\."Feature"/);
    const removing = removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: pm.membershipId, version: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await blocker.release();
    const [created, removed] = await Promise.all([creating, removing]);
    const member = await db.membership.count({ where: { teamId: f.team.id, userId: pm.id } });
    const accountable = await db.responsibility.count({ where: { userId: pm.id, feature: { teamId: f.team.id } } });
    // Either the feature came first and the PM, its Accountable, stays; or the removal came first and nothing was created.
    expect(member === 1 || accountable === 0).toBe(true);
    expect([created.ok, removed.ok]).not.toEqual([true, true]);
  });
});

describe("phases", () => {
  async function toProduction(f: Fixture, featureId: string) {
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    for (const [stageRole, signers, v] of [
      ["DS", ["DS", "PM"], 2],
      ["DEV", ["DEV"], 3],
      ["QA", ["QA", "PM"], 4],
    ] as [Role, Role[], number][]) {
      await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members[stageRole].id, role: stageRole, kind: "RESPONSIBLE" });
      for (const role of signers) {
        expect(await signGate.run(f.members[role].id, { ...ids, role })).toMatchObject({ ok: true });
      }
      expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: v })).toMatchObject({ ok: true });
    }
  }

  it("after production, the next phase sends the feature back through POC", async () => {
    const f = await createTeamWithRoles();
    // Criteria, readiness and the model brief have their own tests (lib/criteria, lib/readiness, lib/briefs); off here.
    await db.teamGateSetting.createMany({
      data: [
        "BUILD.criteria_exist",
        "VALIDATION.criteria_passed",
        "BUILD.monitoring_owners",
        "VALIDATION.readiness_bar",
        "POC.brief_results",
        "BUILD.monitoring_plan",
      ].map((key) => ({ teamId: f.team.id, key, enabled: false })),
    });
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("once the current one is in production"),
    });
    await toProduction(f, featureId);
    expect(await startNextPhase.run(f.members.QA.id, { ...ids, version: 5 })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 5 })).toMatchObject({ ok: true, data: { stage: "POC" } });
    const feature = (await getFeature(f.team.id, featureId))!;
    expect(feature.currentPhase).toBe(2);
    expect(feature.transitions.at(-1)).toMatchObject({ fromStage: "PRODUCTION", toStage: "POC", reason: "Phase 2 started: Deep model" });
    const phases = await db.featurePhase.findMany({ where: { featureId }, orderBy: { position: "asc" } });
    expect(phases[0]!.completedAt).not.toBeNull();
    expect(phases[1]!.startedAt).not.toBeNull();
    // No third phase is planned.
    await toProductionFromPoc(f, featureId);
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 9 })).toMatchObject({
      ok: false,
      error: "No later phase is planned for this feature.",
    });
  });

  async function toProductionFromPoc(f: Fixture, featureId: string) {
    const ids = { teamId: f.team.id, featureId };
    // Responsibilities carry over; every gate is signed afresh.
    for (const [signers, v] of [
      [["DS", "PM"], 6],
      [["DEV"], 7],
      [["QA", "PM"], 8],
    ] as [Role[], number][]) {
      for (const role of signers) {
        expect(await signGate.run(f.members[role].id, { ...ids, role })).toMatchObject({ ok: true });
      }
      expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: v })).toMatchObject({ ok: true });
    }
  }
});

describe("editing a feature", () => {
  it("saves title and summary, refuses a stale edit, voids IDEA sign-offs, and is for PMs and leads", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    const base = { baseTitle: "Fraud score on checkout", baseSummary: "Score each checkout for fraud risk" };
    await signIdea(f, featureId);
    expect(await updateFeature.run(f.members.DS.id, { ...ids, ...base, title: "X", summary: "Y" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateFeature.run(f.outsider.id, { ...ids, ...base, title: "X", summary: "Y" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateFeature.run(f.members.PM.id, { ...ids, ...base, title: " ", summary: "Y" })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Give the feature a title."] },
    });
    expect(await updateFeature.run(f.members.PM.id, { ...ids, ...base, title: "Fraud score v2", summary: "Score checkouts" })).toMatchObject({ ok: true });
    // Signed against the old summary: void now.
    expect((await getFeature(f.team.id, featureId))!.gate!.signoffs.every((s) => s.given.length === 0)).toBe(true);
    // An editor that opened before that save is refused, and nothing changes.
    expect(await updateFeature.run(f.members.LEAD.id, { ...ids, ...base, title: "Lead's title", summary: "S" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await db.feature.findUniqueOrThrow({ where: { id: featureId } })).toMatchObject({ title: "Fraud score v2", summary: "Score checkouts" });
  });
});

describe("bounds on phases and their targets", () => {
  const create = (f: Fixture, phaseName: string[], phaseTargets: string[]) =>
    createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Bounded", summary: "Has limits", phaseName, phaseTargets });

  it("plans at most 20 phases: a 21st is refused with a field message and nothing is written", async () => {
    const f = await createTeamWithRoles();
    const names = Array.from({ length: 21 }, (_, i) => `Phase ${i + 1}`);
    const refused = await create(f, names, names.map(() => "precision >= 0.9"));
    expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { phaseName: ["Plan at most 20 phases."] } });
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
    expect(await create(f, names.slice(0, 20), names.slice(0, 20).map(() => "recall >= 0.5"))).toMatchObject({ ok: true });
  });

  it("asks for a measurable target: a metric, a comparison and a number", async () => {
    const f = await createTeamWithRoles();
    const refused = await create(f, ["Baseline", "Better"], ["precision >= 0.9", "lowish"]);
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { phaseTargets: [expect.stringMatching(/^Phase 2: .*metric, a comparison and a number/)] },
      values: { phaseTargets: ["precision >= 0.9", "lowish"] },
    });
    for (const vague of ["0.9", "< 200 ms", "better than before", "fast"]) {
      expect(await create(f, ["One"], [vague]), vague).toMatchObject({ ok: false, fieldErrors: { phaseTargets: [expect.any(String)] } });
    }
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
    for (const measurable of [
      "precision >= 0.9",
      "p95 latency < 200 ms",
      "precision ≥ 0.9 at 1% review rate",
      "recall at least 0.7 in the top 10%",
      "stock-outs -30%",
    ]) {
      expect(await create(f, ["One"], [measurable]), measurable).toMatchObject({ ok: true });
    }
    // A phase may be planned without targets yet.
    expect(await create(f, ["Later"], [""])).toMatchObject({ ok: true });
  });
});
