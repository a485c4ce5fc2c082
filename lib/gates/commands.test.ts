import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { advanceFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { newFeature, permissionMatrix, signIdea } from "@/lib/features/test-fixtures";
import { requestSignoff, setGateRequirement, signGate, withdrawSignoff } from "@/lib/gates/commands";
import { getMyWork } from "@/lib/my-work/queries";
import { assignResponsibility, removeResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles } from "@/tests/fixtures";

describe("permission matrix of the gate commands", () => {
  permissionMatrix([
    {
      // Signing needs the role the gate asks for: the DS signs as DS.
      name: "signGate as DS",
      allowed: ["DS"],
      run: (f, id, a) => signGate.run(a, { teamId: f.team.id, featureId: id, role: "DS" }),
    },
    {
      name: "withdrawSignoff (own only)",
      allowed: ["DS"],
      prepare: async (f, id) => {
        await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId: id, role: "DS" });
      },
      run: async (f, id, a) => {
        const s = await db.gateSignoff.findFirstOrThrow({ where: { featureId: id } });
        return withdrawSignoff.run(a, { teamId: f.team.id, featureId: id, signoffId: s.id });
      },
    },
    {
      name: "requestSignoff",
      allowed: ["LEAD", "PM", "DS", "DEV", "QA"],
      run: (f, id, a) => requestSignoff.run(a, { teamId: f.team.id, featureId: id, role: "DS" }),
    },
    {
      name: "setGateRequirement",
      allowed: ["LEAD"],
      run: (f, _id, a) => setGateRequirement.run(a, { teamId: f.team.id, key: "IDEA.phase_targets", enabled: "false" }),
    },
  ]);
});

describe("sign-offs", () => {
  it("asks for the roles the team's settings ask for", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await setGateRequirement.run(f.members.LEAD.id, { teamId: f.team.id, key: "IDEA.signoff.DS", enabled: "false" });
    const refused = await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { role: ["Pick a role this gate asks for."] } });
    await signGate.run(f.members.PM.id, { teamId: f.team.id, featureId, role: "PM" });
    expect(await advanceFeature.run(f.members.PM.id, { teamId: f.team.id, featureId, version: 1 })).toMatchObject({ ok: true });
  });

  it("lets a member sign only in a role they hold, once", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const asPm = await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "PM" });
    expect(asPm).toMatchObject({ ok: false, code: "forbidden" });
    expect(await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" })).toMatchObject({ ok: true });
    expect(await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("voids a sign-off when what it vouched for changes", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    // The model brief has its own tests (lib/briefs); off here.
    await db.teamGateSetting.create({ data: { teamId: f.team.id, key: "POC.brief_results", enabled: false } });
    await signIdea(f, featureId);
    await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    // POC gate: a DS must be Responsible; both sign with Dana responsible.
    await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.DS.id, role: "DS", kind: "RESPONSIBLE" });
    await signGate.run(f.members.DS.id, { ...ids, role: "DS" });
    await signGate.run(f.members.PM.id, { ...ids, role: "PM" });
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);

    // Who is responsible for the PoC changes: both sign-offs are void.
    const r = await db.responsibility.findFirstOrThrow({ where: { featureId, kind: "RESPONSIBLE" } });
    await removeResponsibility.run(f.members.PM.id, { ...ids, responsibilityId: r.id });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.signoffs.every((s) => s.given.length === 0)).toBe(true);
    expect(await db.gateSignoff.count({ where: { featureId, gate: "POC", revokedAt: { not: null } } })).toBe(2);
  });

  it("counts a sign-off only while what it vouched for holds, even after a change that skipped voiding it", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);
    // A write that forgets to void: the stored basis no longer matches the facts.
    await db.feature.update({ where: { id: featureId }, data: { summary: "Changed behind the gate's back" } });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.ready).toBe(false);
    expect(gate.signoffs.every((s) => s.given.length === 0)).toBe(true);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false, code: "conflict" });
    // Signing again, against what holds now, counts.
    await signIdea(f, featureId);
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);
  });

  it("does not void sign-offs when something they did not vouch for changes", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.QA.id, role: "QA", kind: "INFORMED" });
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);
  });
});

describe("sign-off requests and My work", () => {
  it("list a request for the role's holders until someone signs", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await requestSignoff.run(f.members.QA.id, { teamId: f.team.id, featureId, role: "DS" });
    expect(await requestSignoff.run(f.members.QA.id, { teamId: f.team.id, featureId, role: "DS" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const dsWork = await getMyWork(f.team.id, f.members.DS.id, ["DS"]);
    expect(dsWork.signoffRequests.items.map((r) => r.feature.id)).toEqual([featureId]);
    expect((await getMyWork(f.team.id, f.members.QA.id, ["QA"])).signoffRequests.items).toEqual([]);
    await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" });
    expect((await getMyWork(f.team.id, f.members.DS.id, ["DS"])).signoffRequests.items).toEqual([]);
  });
});
