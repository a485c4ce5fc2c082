import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { newFeature, signIdea, snapshot } from "@/lib/features/test-fixtures";
import { signGate } from "@/lib/gates/commands";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles, holdLocks, waitForLockWaits } from "@/tests/fixtures";

// releaseMemberHoldings runs inside the team commands that remove a member
// or take roles away (lib/teams/commands.ts), so these tests go through them.

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
