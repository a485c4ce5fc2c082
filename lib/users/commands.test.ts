import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { checkSession, createSession } from "@/lib/auth/sessions";
import { getMembership } from "@/lib/authz/membership";
import { db } from "@/lib/db";
import { decryptBody } from "@/lib/mail/outbox";
import { createTeam, inviteMember, renewInvitation } from "@/lib/teams/commands";
import { acceptInvitation, declineInvitation } from "@/lib/teams/invitations";
import {
  changePassword,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeSession,
  signOutEverywhere,
  signUp,
  verifyEmail,
} from "@/lib/users/commands";
import { createTeamWithRoles, createUser, TEST_PASSWORD, uniqueEmail } from "@/tests/fixtures";

const client = { address: "198.51.100.7", userAgent: "vitest" };

/** The mail queued for an address, newest first, decrypted as the worker would. */
async function mailTo(to: string, kind?: string) {
  const rows = await db.outboxMessage.findMany({
    where: { to, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({ kind: row.kind, subject: row.subject, text: row.body ? decryptBody(row.body).text : "" }));
}

/** The token from the first link in a mail whose path starts with `path`. */
function tokenFrom(text: string, path: string): string {
  const url = text.split(/\s+/).find((word) => word.includes(path));
  if (!url) throw new Error(`No ${path} link in:\n${text}`);
  const parsed = new URL(url);
  return parsed.searchParams.get("token") ?? decodeURIComponent(parsed.pathname.split("/").pop() ?? "");
}

async function signUpUnverified(label = "new") {
  const email = uniqueEmail(label);
  const result = await signUp.run(null, { name: "New Person", email, password: "long enough pw" });
  expect(result).toMatchObject({ ok: true, data: { email, signedUp: false } });
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, emailVerifiedAt: true } });
  return { email, user };
}

describe("signUp", () => {
  it("answers the same for a new and an existing address; only the mail differs", async () => {
    const existing = await createUser("taken");
    const fresh = uniqueEmail("fresh");
    const forNew = await signUp.run(null, { name: "A", email: fresh, password: "long enough pw" });
    const forTaken = await signUp.run(null, { name: "B", email: existing.email.toUpperCase(), password: "other pw 123" });
    expect(forNew).toEqual({ ok: true, data: { email: fresh, signedUp: false }, message: undefined });
    expect(forTaken).toEqual({ ok: true, data: { email: existing.email, signedUp: false }, message: undefined });

    expect((await mailTo(fresh)).map((m) => m.kind)).toEqual(["verify-email"]);
    expect((await mailTo(existing.email)).map((m) => m.kind)).toEqual(["account-exists"]);
    // The existing account is untouched: its password still works.
    expect(await authenticate({ email: existing.email, password: TEST_PASSWORD }, client)).toMatchObject({ ok: true });
  });

  it("leaves a new account unverified, in no team and unable to create one", async () => {
    const { user } = await signUpUnverified();
    expect(user.emailVerifiedAt).toBeNull();
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await createTeam.run(user.id, { name: "Mine" })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("gives the invited address no membership when signing up without the link", async () => {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("pending");
    await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles: "PM" });
    const result = await signUp.run(null, { name: "Squatter", email: `  ${email.toUpperCase()} `, password: "long enough pw" });
    expect(result).toMatchObject({ ok: true, data: { signedUp: false } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await getMembership(user.id, f.team.id)).toBeNull();
  });

  it("verifies the address at once when signing up from its invitation link", async () => {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("invited");
    const invited = await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles: "QA" });
    if (!invited.ok) throw new Error(invited.error);
    const token = tokenFrom(invited.data.link, "/invite/");
    const result = await signUp.run(null, { name: "Invitee", email, password: "long enough pw", invitation: token });
    expect(result).toMatchObject({ ok: true, data: { signedUp: true } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    // Still not a member: joining needs an explicit accept.
    expect(await getMembership(user.id, f.team.id)).toBeNull();
    // A link for another address proves nothing about this one.
    const other = uniqueEmail("other");
    await signUp.run(null, { name: "Other", email: other, password: "long enough pw", invitation: token });
    expect((await db.user.findUniqueOrThrow({ where: { email: other } })).emailVerifiedAt).toBeNull();
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
});

describe("verifyEmail", () => {
  it("verifies once with the mailed link; a used, forged or expired link does nothing", async () => {
    const { email, user } = await signUpUnverified();
    const [mail] = await mailTo(email, "verify-email");
    const token = tokenFrom(mail!.text, "/verify-email");
    expect(await db.userToken.findFirst({ where: { userId: user.id, secretHash: token.split(".")[1] } })).toBeNull();

    const [tokenId] = token.split(".");
    const forged = `${tokenId}.${"A".repeat(43)}`;
    expect(await verifyEmail.run(null, { token: forged })).toMatchObject({ ok: false, code: "invalid" });
    expect(await verifyEmail.run(null, { token: "not a token" })).toMatchObject({ ok: false });

    expect(await verifyEmail.run(null, { token })).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
    expect(await verifyEmail.run(null, { token })).toMatchObject({ ok: false, code: "invalid" });

    const second = await signUpUnverified("expiring");
    const [secondMail] = await mailTo(second.email, "verify-email");
    const secondToken = tokenFrom(secondMail!.text, "/verify-email");
    await db.userToken.updateMany({ where: { userId: second.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmail.run(null, { token: secondToken })).toMatchObject({ ok: false, code: "invalid" });
  });

  it("lets only one of two simultaneous clicks use the link", async () => {
    const { email } = await signUpUnverified("race");
    const [mail] = await mailTo(email, "verify-email");
    const token = tokenFrom(mail!.text, "/verify-email");
    const results = await Promise.all([verifyEmail.run(null, { token }), verifyEmail.run(null, { token })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "user.email_verified", after: { path: ["via"], equals: "link" }, targetId: (await db.user.findUniqueOrThrow({ where: { email } })).id } })).toBe(1);
  });

  it("resends a link to an unverified account, a few times an hour at most", async () => {
    const { email, user } = await signUpUnverified("resend");
    for (let i = 0; i < 4; i++) expect(await resendVerification.run(user.id, {})).toMatchObject({ ok: true });
    expect(await resendVerification.run(user.id, {})).toMatchObject({ ok: false, code: "invalid" });
    expect(await mailTo(email, "verify-email")).toHaveLength(5);
    const verified = await createUser();
    expect(await resendVerification.run(verified.id, {})).toMatchObject({ ok: false });
  });
});

describe("password reset", () => {
  it("answers the same for any address and mails only an account's owner", async () => {
    const user = await createUser();
    const nobody = uniqueEmail("nobody");
    const known = await requestPasswordReset.run(null, { email: user.email });
    const unknown = await requestPasswordReset.run(null, { email: nobody });
    expect(known).toEqual({ ok: true, data: { email: user.email }, message: undefined });
    expect(unknown).toEqual({ ok: true, data: { email: nobody }, message: undefined });
    expect(await mailTo(user.email, "password-reset")).toHaveLength(1);
    expect(await mailTo(nobody)).toHaveLength(0);
  });

  it("sets the password, ends every session, lifts the throttle and works once", async () => {
    const user = await createUser();
    const sessionA = await createSession(user.id, "password", client);
    const sessionB = await createSession(user.id, "password", client);
    for (let i = 0; i < 10; i++) await authenticate({ email: user.email, password: "wrong" }, client);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, client)).toMatchObject({
      reason: "throttled",
    });

    await requestPasswordReset.run(null, { email: user.email });
    const [mail] = await mailTo(user.email, "password-reset");
    const token = tokenFrom(mail!.text, "/reset-password");
    expect(await resetPassword.run(null, { token, password: "short" })).toMatchObject({
      ok: false,
      fieldErrors: { password: ["Use at least 8 characters."] },
    });
    expect(await resetPassword.run(null, { token, password: "a brand new passphrase" })).toMatchObject({ ok: true });

    expect(await checkSession(sessionA, user.id)).toBeNull();
    expect(await checkSession(sessionB, user.id)).toBeNull();
    expect(await authenticate({ email: user.email, password: "a brand new passphrase" }, client)).toMatchObject({
      ok: true,
    });
    expect(await resetPassword.run(null, { token, password: "yet another one" })).toMatchObject({ ok: false });
    expect((await mailTo(user.email, "password-changed")).length).toBe(1);
  });
});

describe("changePassword", () => {
  it("needs the current password and ends every other session", async () => {
    const user = await createUser();
    const mine = await createSession(user.id, "password", client);
    const other = await createSession(user.id, "password", client);
    const mineId = mine.split(".")[0]!;

    const wrong = await changePassword.run(user.id, { currentPassword: "nope", password: "new passphrase" }, { sessionId: mineId });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect(await checkSession(other, user.id)).not.toBeNull();

    const changed = await changePassword.run(
      user.id,
      { currentPassword: TEST_PASSWORD, password: "new passphrase" },
      { sessionId: mineId },
    );
    expect(changed).toMatchObject({ ok: true, data: { sessionsEnded: 1 } });
    expect(await checkSession(mine, user.id)).not.toBeNull();
    expect(await checkSession(other, user.id)).toBeNull();
    expect(await authenticate({ email: user.email, password: "new passphrase" }, client)).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "user.password_changed" } })).toBe(1);
  });
});

describe("sessions", () => {
  it("are refused once revoked, expired, or presented for another user", async () => {
    const user = await createUser();
    const someoneElse = await createUser();
    const token = await createSession(user.id, "password", client);
    const id = token.split(".")[0]!;
    expect(await checkSession(token, user.id)).toEqual({ sessionId: id, userId: user.id });
    expect(await checkSession(token, someoneElse.id)).toBeNull();
    expect(await checkSession(`${id}.${"x".repeat(43)}`, user.id)).toBeNull();
    expect(await checkSession("garbage", user.id)).toBeNull();

    // Nobody revokes another person's session.
    expect(await revokeSession.run(someoneElse.id, { sessionId: id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await revokeSession.run(user.id, { sessionId: id })).toMatchObject({ ok: true });
    expect(await checkSession(token, user.id)).toBeNull();

    const expiring = await createSession(user.id, "password", client);
    await db.session.update({ where: { id: expiring.split(".")[0]! }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await checkSession(expiring, user.id)).toBeNull();
  });

  it("all end with sign out everywhere", async () => {
    const user = await createUser();
    const tokens = await Promise.all([1, 2, 3].map(() => createSession(user.id, "password", client)));
    expect(await signOutEverywhere.run(user.id, {})).toMatchObject({ ok: true, data: { sessionsEnded: 3 } });
    for (const token of tokens) expect(await checkSession(token, user.id)).toBeNull();
    const stored = await db.session.findMany({ where: { userId: user.id }, select: { secretHash: true } });
    // Only hashes are stored: no stored value is a presented secret.
    for (const token of tokens) expect(stored.map((s) => s.secretHash)).not.toContain(token.split(".")[1]);
  });
});

describe("invitations", () => {
  async function invite(roles: string | string[] = "DS") {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("invitee");
    const result = await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email, roles });
    if (!result.ok) throw new Error(result.error);
    return { f, email, token: tokenFrom(result.data.link, "/invite/"), invitationId: result.data.invitationId };
  }

  it("mails the link, stores only its hash, and joins only on accept by the invited address", async () => {
    const { f, email, token } = await invite(["DS", "QA"]);
    const [mail] = await mailTo(email, "invitation");
    expect(tokenFrom(mail!.text, "/invite/")).toBe(token);
    const stored = await db.invitation.findFirstOrThrow({ where: { teamId: f.team.id, email } });
    expect(stored.secretHash).not.toContain(token.split(".")[1]!);

    const stranger = await createUser("stranger");
    expect(await acceptInvitation.run(stranger.id, { token })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await getMembership(stranger.id, f.team.id)).toBeNull();

    const owner = await db.user.create({
      data: { email, name: "Owner", passwordHash: null, emailVerifiedAt: new Date() },
    });
    expect(await acceptInvitation.run(owner.id, { token })).toMatchObject({ ok: true, data: { teamId: f.team.id } });
    expect(await getMembership(owner.id, f.team.id)).toMatchObject({ roles: ["DS", "QA"] });
    // Single use.
    expect(await acceptInvitation.run(owner.id, { token })).toMatchObject({ ok: false, code: "not_found" });
    const accepted = await db.auditEvent.findFirst({ where: { teamId: f.team.id, action: "invitation.accepted" } });
    expect(accepted).toMatchObject({ actorId: owner.id, after: { email, roles: ["DS", "QA"] } });
  });

  it("stops the old link when the lead sends a new one, and refuses expired links", async () => {
    const { f, email, token, invitationId } = await invite();
    const renewed = await renewInvitation.run(f.members.LEAD.id, { teamId: f.team.id, invitationId });
    if (!renewed.ok) throw new Error(renewed.error);
    const owner = await db.user.create({ data: { email, name: "Owner", passwordHash: null, emailVerifiedAt: new Date() } });
    expect(await acceptInvitation.run(owner.id, { token })).toMatchObject({ ok: false, code: "not_found" });
    const fresh = tokenFrom(renewed.data.link, "/invite/");
    await db.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await acceptInvitation.run(owner.id, { token: fresh })).toMatchObject({ ok: false, code: "not_found" });
    expect(await getMembership(owner.id, f.team.id)).toBeNull();
  });

  it("declines without joining, and the link is spent", async () => {
    const { f, email, token } = await invite();
    const owner = await db.user.create({ data: { email, name: "Owner", passwordHash: null, emailVerifiedAt: new Date() } });
    expect(await declineInvitation.run(owner.id, { token })).toMatchObject({ ok: true });
    expect(await getMembership(owner.id, f.team.id)).toBeNull();
    expect(await acceptInvitation.run(owner.id, { token })).toMatchObject({ ok: false });
    expect(await db.auditEvent.count({ where: { teamId: f.team.id, action: "invitation.declined" } })).toBe(1);
  });

  it("verifies an unverified account of the invited address on accept (the link was mailed there)", async () => {
    const { f, email, token } = await invite();
    await signUp.run(null, { name: "Owner", email, password: "long enough pw" });
    const owner = await db.user.findUniqueOrThrow({ where: { email } });
    expect(owner.emailVerifiedAt).toBeNull();
    expect(await acceptInvitation.run(owner.id, { token })).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
    expect(await getMembership(owner.id, f.team.id)).toMatchObject({ roles: ["DS"] });
  });

  it("sends nothing for an invitation that was refused", async () => {
    const f = await createTeamWithRoles();
    const email = uniqueEmail("refused");
    const refused = await inviteMember.run(f.members.PM.id, { teamId: f.team.id, email, roles: "QA" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(await mailTo(email)).toHaveLength(0);
  });
});
