import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getMembership } from "@/lib/authz/membership";
import {
  createTeam,
  inviteMember,
  LAST_LEAD_MESSAGE,
  removeMember,
  renewInvitation,
  revokeInvitation,
  setMemberRoles,
} from "@/lib/teams/commands";
import {
  auditCount,
  createTeamWithRoles,
  createUser,
  holdLocks,
  uniqueEmail,
  unusableLink,
  waitForLockWaits,
  ACTORS,
  actorId,
  type Fixture,
} from "@/tests/fixtures";



/** Team state that a refused command must leave exactly as it was. */
async function snapshot(teamId: string) {
  const [memberships, invitations, events] = await Promise.all([
    db.membership.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { id: true, roles: true, version: true } }),
    db.invitation.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { id: true, roles: true, secretHash: true, expiresAt: true } }),
    auditCount(teamId),
  ]);
  return { memberships, invitations, events };
}

// Each lead-only command, with a way to build valid input for a fresh team.
const leadOnly = {
  inviteMember: {
    command: inviteMember,
    input: async (f: Fixture) => ({ teamId: f.team.id, email: uniqueEmail("invitee"), roles: ["QA", "DEV"] }),
  },
  revokeInvitation: {
    command: revokeInvitation,
    input: async (f: Fixture) => {
      const invitation = await db.invitation.create({
        data: { teamId: f.team.id, email: uniqueEmail("pending"), roles: ["PM"], ...unusableLink() },
      });
      return { teamId: f.team.id, invitationId: invitation.id };
    },
  },
  renewInvitation: {
    command: renewInvitation,
    input: async (f: Fixture) => {
      const invitation = await db.invitation.create({
        data: { teamId: f.team.id, email: uniqueEmail("renew"), roles: ["DEV"], ...unusableLink() },
      });
      return { teamId: f.team.id, invitationId: invitation.id };
    },
  },
  setMemberRoles: {
    command: setMemberRoles,
    input: async (f: Fixture) => ({
      teamId: f.team.id,
      membershipId: f.members.QA.membershipId,
      roles: ["QA", "DEV"],
      version: "1",
    }),
  },
  removeMember: {
    command: removeMember,
    input: async (f: Fixture) => ({ teamId: f.team.id, membershipId: f.members.DEV.membershipId, version: "1" }),
  },
} as const;

describe("permission matrix of the member commands", () => {
  for (const [name, { command, input }] of Object.entries(leadOnly)) {
    for (const actor of ACTORS) {
      const allowed = actor === "LEAD";
      it(`${name} by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
        const f = await createTeamWithRoles();
        const raw = await input(f);
        const before = await snapshot(f.team.id);
        const result = await command.run(actorId(f, actor), raw);
        const after = await snapshot(f.team.id);
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          expect(after.events).toBe(before.events + 1);
          return;
        }
        const expectedCode =
          actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
        expect(result).toMatchObject({ ok: false, code: expectedCode });
        if (actor === "outsider") expect(result.ok || result.error).toBe("Not found.");
        if (expectedCode === "forbidden") {
          expect(result.ok || result.error).toBe("Only a team lead can do this.");
        }
        expect(after).toEqual(before);
      });
    }
  }
});

describe("bounds on roles", () => {
  it("refuses a roles list longer than the roles there are, with a field message", async () => {
    const f = await createTeamWithRoles();
    const before = await snapshot(f.team.id);
    const result = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.QA.membershipId,
      roles: Array.from({ length: 1000 }, () => "QA"),
      version: "1",
    });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { roles: ["Pick each role at most once."] } });
    expect(await snapshot(f.team.id)).toEqual(before);
  });
});

describe("createTeam", () => {
  it("makes the creator its only LEAD and audits it", async () => {
    const user = await createUser("founder");
    const result = await createTeam.run(user.id, { name: "  Fraud ML  " });
    if (!result.ok) throw new Error(result.error);
    const team = await db.team.findUniqueOrThrow({ where: { id: result.data.teamId } });
    expect(team.name).toBe("Fraud ML");
    expect(await getMembership(user.id, team.id)).toMatchObject({ roles: ["LEAD"] });
    const events = await db.auditEvent.findMany({ where: { teamId: team.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["team.created", user.id],
      ["member.added", user.id],
    ]);
  });

  it("refuses a signed-out caller and a blank name with a field message", async () => {
    expect(await createTeam.run(null, { name: "x" })).toMatchObject({ ok: false, code: "unauthenticated" });
    const user = await createUser();
    const result = await createTeam.run(user.id, { name: "   " });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { name: ["Enter a team name."] } });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("inviteMember", () => {
  it("validates each field and keeps what was typed", async () => {
    const f = await createTeamWithRoles();
    const result = await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email: "not-an-email", roles: [] });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: [expect.stringContaining("valid email")], roles: ["Pick at least one role."] },
      values: { email: "not-an-email" },
    });
    expect(await auditCount(f.team.id)).toBe(0);
  });

  it("asks for the invitee's address, not the lead's own, when it is left empty", async () => {
    const f = await createTeamWithRoles();
    const result = await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email: "  ", roles: "QA" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: ["Enter the invitee's email address."] } });
  });

  it("refuses an existing member and a second invitation for the same email", async () => {
    const f = await createTeamWithRoles();
    const lead = f.members.LEAD.id;
    expect(await inviteMember.run(lead, { teamId: f.team.id, email: f.members.QA.email, roles: "DEV" })).toMatchObject({
      ok: false,
      fieldErrors: { email: ["Already a member of this team."] },
    });
    const email = uniqueEmail("twice");
    expect(await inviteMember.run(lead, { teamId: f.team.id, email, roles: "DEV" })).toMatchObject({ ok: true });
    expect(await inviteMember.run(lead, { teamId: f.team.id, email: email.toUpperCase(), roles: "QA" })).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringContaining("Already invited")] },
    });
  });

  it("answers the loser of two simultaneous invitations of one address as already invited, not as a conflict", async () => {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("race");
    // Both requests find no invitation, then wait to insert theirs (the team row is held).
    const blocker = await holdLocks((tx) => tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${f.team.id}::uuid FOR UPDATE`);
    const invites = [inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles: "QA" }), inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles: "DEV" })];
    await waitForLockWaits(/INSERT INTO "public"\."Invitation"/, 2);
    await blocker.release();
    const results = await Promise.all(invites);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: [expect.stringContaining("Already invited")] },
    });
    expect(await db.invitation.count({ where: { teamId: f.team.id, email } })).toBe(1);
  });

  it("rejects unknown keys and unknown roles", async () => {
    const f = await createTeamWithRoles();
    const lead = f.members.LEAD.id;
    const extra = await inviteMember.run(lead, { teamId: f.team.id, email: uniqueEmail(), roles: "QA", admin: "1" });
    expect(extra).toMatchObject({ ok: false, code: "invalid" });
    const badRole = await inviteMember.run(lead, { teamId: f.team.id, email: uniqueEmail(), roles: ["OWNER"] });
    expect(badRole).toMatchObject({ ok: false, fieldErrors: { roles: ["Pick roles from the list."] } });
  });

  it("cannot reach into another team by naming it", async () => {
    const mine = await createTeamWithRoles();
    const theirs = await createTeamWithRoles();
    const result = await inviteMember.run(mine.members.LEAD.id, {
      teamId: theirs.team.id,
      email: uniqueEmail(),
      roles: "LEAD",
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.invitation.count({ where: { teamId: theirs.team.id } })).toBe(0);
  });
});

describe("revokeInvitation", () => {
  it("cannot revoke another team's invitation through one's own team", async () => {
    const mine = await createTeamWithRoles();
    const theirs = await createTeamWithRoles();
    const invitation = await db.invitation.create({
      data: { teamId: theirs.team.id, email: uniqueEmail(), roles: ["QA"], ...unusableLink() },
    });
    const result = await revokeInvitation.run(mine.members.LEAD.id, {
      teamId: mine.team.id,
      invitationId: invitation.id,
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.invitation.findUnique({ where: { id: invitation.id } })).not.toBeNull();
  });
});

describe("the last-LEAD rule", () => {
  it("refuses to demote the only lead, and audits nothing", async () => {
    const f = await createTeamWithRoles();
    const before = await snapshot(f.team.id);
    const result = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.LEAD.membershipId,
      roles: ["PM"],
      version: 1,
    });
    expect(result).toMatchObject({ ok: false, code: "conflict", error: LAST_LEAD_MESSAGE });
    expect(await snapshot(f.team.id)).toEqual(before);
  });

  it("refuses to remove the only lead", async () => {
    const f = await createTeamWithRoles();
    const result = await removeMember.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.LEAD.membershipId,
      version: 1,
    });
    expect(result).toMatchObject({ ok: false, error: LAST_LEAD_MESSAGE });
    expect(await getMembership(f.members.LEAD.id, f.team.id)).not.toBeNull();
  });

  it("lets a lead step down once another lead exists", async () => {
    const f = await createTeamWithRoles();
    const lead = f.members.LEAD.id;
    const promoted = await setMemberRoles.run(lead, {
      teamId: f.team.id,
      membershipId: f.members.PM.membershipId,
      roles: ["PM", "LEAD"],
      version: 1,
    });
    expect(promoted).toMatchObject({ ok: true, data: { version: 2 } });
    const stepDown = await setMemberRoles.run(lead, {
      teamId: f.team.id,
      membershipId: f.members.LEAD.membershipId,
      roles: ["DS"],
      version: 1,
    });
    expect(stepDown).toMatchObject({ ok: true });
    expect(await getMembership(lead, f.team.id)).toMatchObject({ roles: ["DS"] });
  });

  it("holds when two leads demote each other at the same moment", async () => {
    const f = await createTeamWithRoles();
    await db.membership.update({ where: { id: f.members.PM.membershipId }, data: { roles: ["PM", "LEAD"] } });
    const [a, b] = await Promise.all([
      setMemberRoles.run(f.members.LEAD.id, {
        teamId: f.team.id,
        membershipId: f.members.PM.membershipId,
        roles: ["PM"],
        version: 1,
      }),
      setMemberRoles.run(f.members.PM.id, {
        teamId: f.team.id,
        membershipId: f.members.LEAD.membershipId,
        roles: ["QA"],
        version: 1,
      }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const leads = await db.membership.count({ where: { teamId: f.team.id, roles: { has: "LEAD" } } });
    expect(leads).toBe(1);
  });
});

describe("concurrent role edits", () => {
  it("refuses a save made against a stale version and keeps the first", async () => {
    const f = await createTeamWithRoles();
    const target = { teamId: f.team.id, membershipId: f.members.QA.membershipId };
    const first = await setMemberRoles.run(f.members.LEAD.id, { ...target, roles: ["QA", "DEV"], version: 1 });
    expect(first).toMatchObject({ ok: true });
    const second = await setMemberRoles.run(f.members.LEAD.id, { ...target, roles: ["DS"], version: 1 });
    expect(second).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("Someone else") });
    expect(await getMembership(f.members.QA.id, f.team.id)).toMatchObject({ roles: ["DEV", "QA"] });
  });
});

describe("a removed member", () => {
  it("loses access on the next check", async () => {
    const f = await createTeamWithRoles();
    expect(await getMembership(f.members.DEV.id, f.team.id)).not.toBeNull();
    const result = await removeMember.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.DEV.membershipId,
      version: 1,
    });
    expect(result).toMatchObject({ ok: true });
    expect(await getMembership(f.members.DEV.id, f.team.id)).toBeNull();
    // Their next mutation is refused as from an outsider.
    const retry = await inviteMember.run(f.members.DEV.id, { teamId: f.team.id, email: uniqueEmail(), roles: "QA" });
    expect(retry).toMatchObject({ ok: false, code: "not_found" });
  });

  it("who was a lead loses lead powers as soon as the role is taken away", async () => {
    const f = await createTeamWithRoles();
    await db.membership.update({ where: { id: f.members.PM.membershipId }, data: { roles: ["PM", "LEAD"] } });
    const demote = await setMemberRoles.run(f.members.LEAD.id, {
      teamId: f.team.id,
      membershipId: f.members.PM.membershipId,
      roles: ["PM"],
      version: 1,
    });
    expect(demote).toMatchObject({ ok: true });
    const attempt = await inviteMember.run(f.members.PM.id, { teamId: f.team.id, email: uniqueEmail(), roles: "QA" });
    expect(attempt).toMatchObject({ ok: false, code: "forbidden" });
  });
});
