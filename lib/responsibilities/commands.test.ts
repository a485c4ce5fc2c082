import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newFeature, permissionMatrix } from "@/lib/features/test-fixtures";
import { ACCOUNTABLE_RULE, assignResponsibility, removeResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles } from "@/tests/fixtures";

describe("permission matrix of the responsibility commands", () => {
  permissionMatrix([
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
