import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { MAX_FAILURES } from "@/lib/auth/throttle";
import { getMembership } from "@/lib/authz/membership";
import { db } from "@/lib/db";
import { inviteMember } from "@/lib/teams/commands";
import { signUp } from "@/lib/users/commands";
import { createTeamWithRoles, createUser, TEST_PASSWORD, uniqueEmail } from "@/tests/fixtures";

describe("authenticate", () => {
  it("accepts the right password, with the email in any case", async () => {
    const user = await createUser();
    expect(await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD })).toEqual({
      ok: true,
      userId: user.id,
    });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createUser();
    const wrongPassword = await authenticate({ email: user.email, password: "not the password" });
    const unknownEmail = await authenticate({ email: uniqueEmail("nobody"), password: TEST_PASSWORD });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it(`locks an account after ${MAX_FAILURES} failures, even for the right password`, async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await authenticate({ email: user.email, password: `wrong ${i}` })).toMatchObject({ reason: "invalid" });
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "throttled",
    });
    // Another account is not affected.
    const other = await createUser();
    expect(await authenticate({ email: other.email, password: TEST_PASSWORD })).toMatchObject({ ok: true });
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await authenticate({ email: user.email, password: "wrong" });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ ok: true });
    await authenticate({ email: user.email, password: "wrong" });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ ok: true });
  });

  it("turns pending invitations into memberships on sign-in", async () => {
    const f = await createTeamWithRoles();
    const user = await createUser("existing");
    const invited = await inviteMember.run(f.members.LEAD.id, {
      teamId: f.team.id,
      email: user.email,
      roles: ["DS", "QA"],
    });
    expect(invited).toMatchObject({ ok: true });
    expect(await getMembership(user.id, f.team.id)).toBeNull();

    await authenticate({ email: user.email, password: TEST_PASSWORD });
    expect(await getMembership(user.id, f.team.id)).toMatchObject({ roles: ["DS", "QA"] });
    expect(await db.invitation.count({ where: { teamId: f.team.id } })).toBe(0);
    const accepted = await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "invitation.accepted" } });
    expect(accepted).toMatchObject({ actorId: user.id, after: { email: user.email, roles: ["DS", "QA"] } });
  });
});

describe("signUp", () => {
  it("creates the account with a hashed password and joins invited teams", async () => {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("newcomer");
    await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles: "PM" });
    const result = await signUp.run(null, { name: "New Comer", email: email.toUpperCase(), password: "long enough pw" });
    if (!result.ok) throw new Error(result.error);
    expect(result.data.joinedTeamIds).toEqual([f.team.id]);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await getMembership(user.id, f.team.id)).toMatchObject({ roles: ["PM"] });
  });

  it("checks each field and never echoes the password", async () => {
    const result = await signUp.run(null, { name: "", email: "nope", password: "short" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["Enter your name."],
        email: [expect.stringContaining("valid email")],
        password: ["Use at least 8 characters."],
      },
    });
    expect(result.ok || result.values).not.toHaveProperty("password");
  });

  it("accepts a 64-character passphrase and refuses an existing email", async () => {
    const email = uniqueEmail("long");
    const password = "p".repeat(64);
    expect(await signUp.run(null, { name: "Long", email, password })).toMatchObject({ ok: true });
    expect(await authenticate({ email, password })).toMatchObject({ ok: true });
    expect(await signUp.run(null, { name: "Again", email, password })).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringContaining("exists")] },
    });
  });
});
