import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { reserveSignInAttempt, throttleLimits, type ThrottleLimits } from "@/lib/auth/throttle";
import { getMembership } from "@/lib/authz/membership";
import { createClient, db } from "@/lib/db";
import { inviteMember } from "@/lib/teams/commands";
import { createTeamWithRoles, createUser, TEST_PASSWORD, uniqueEmail } from "@/tests/fixtures";

// Each test signs in from its own made-up address, so the per-client limit of
// one test never throttles another running in parallel.
const from = () => ({ address: `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`, userAgent: "vitest" });

const limits = throttleLimits();

describe("authenticate", () => {
  it("accepts the right password, with the email in any case", async () => {
    const user = await createUser();
    expect(await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, from())).toEqual({
      ok: true,
      userId: user.id,
    });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createUser();
    const wrongPassword = await authenticate({ email: user.email, password: "not the password" }, from());
    const unknownEmail = await authenticate({ email: uniqueEmail("nobody"), password: TEST_PASSWORD }, from());
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it(`stops checking an account after ${limits.perAccount} attempts, says when to retry, and records the burst`, async () => {
    const user = await createUser();
    for (let i = 0; i < limits.perAccount; i++) {
      expect(await authenticate({ email: user.email, password: `wrong ${i}` }, from())).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const started = Date.now();
    const refused = await authenticate({ email: user.email, password: TEST_PASSWORD }, from());
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    const retryAt = (refused as { retryAt: Date }).retryAt.getTime();
    expect(retryAt).toBeGreaterThan(started + (limits.windowSeconds - 60) * 1000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + limits.windowSeconds * 1000);

    const bursts = await db.auditEvent.count({
      where: { targetId: user.id, action: "user.sign_in_failed_burst" },
    });
    expect(bursts).toBe(1);
    // Another account is not affected.
    const other = await createUser();
    expect(await authenticate({ email: other.email, password: TEST_PASSWORD }, from())).toMatchObject({ ok: true });
  });

  it("forgets the account's attempts after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < limits.perAccount - 1; i++) {
      await authenticate({ email: user.email, password: "wrong" }, from());
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from())).toMatchObject({ ok: true });
    for (let i = 0; i < limits.perAccount - 1; i++) {
      await authenticate({ email: user.email, password: "wrong" }, from());
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from())).toMatchObject({ ok: true });
  });

  it("joins no team on sign-in, even with a pending invitation", async () => {
    const f = await createTeamWithRoles();
    const user = await createUser("existing");
    const invited = await inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email: user.email, roles: ["DS"] });
    expect(invited).toMatchObject({ ok: true });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, from())).toMatchObject({ ok: true });
    expect(await getMembership(user.id, f.team.id)).toBeNull();
    expect(await db.invitation.count({ where: { teamId: f.team.id } })).toBe(1);
  });

  it("checks at most the account's limit of 100 parallel guesses, the right one among them", async () => {
    const user = await createUser("parallel");
    const client = from();
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 20 ? TEST_PASSWORD : `guess ${i}`));
    const outcomes = await Promise.all(guesses.map((password) => authenticate({ email: user.email, password }, client)));
    const checked = outcomes.filter((o) => !(!o.ok && o.reason === "throttled"));
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(limits.perAccount);
    expect(outcomes.filter((o) => o.ok).length).toBeLessThanOrEqual(1);
  });
});

describe("reserveSignInAttempt across app processes", () => {
  // Two Prisma clients with their own pools stand for two app processes.
  const poolA = createClient();
  const poolB = createClient();
  afterAll(async () => {
    await Promise.all([poolA.$disconnect(), poolB.$disconnect()]);
  });
  const small: ThrottleLimits = { perAccount: 10, perClient: 100, windowSeconds: 900 };

  it("reserves exactly the per-account limit out of 100 simultaneous attempts", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        reserveSignInAttempt(email, `client-${randomUUID()}`, small, i % 2 ? poolA : poolB),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(small.perAccount);
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(row.attempts).toHaveLength(small.perAccount);
  });

  it("slows one client spraying many accounts after the per-client limit", async () => {
    const address = `sprayer-${randomUUID()}`;
    const emails = Array.from({ length: 150 }, (_, i) => uniqueEmail(`spray${i}`));
    const results = await Promise.all(
      emails.map((email, i) => reserveSignInAttempt(email, address, small, i % 2 ? poolA : poolB)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(small.perClient);
    // A refused attempt reserves nothing, not even on the account it named.
    const accountRows = await db.signInThrottle.count({
      where: { key: { in: emails.map((email) => `account:${email}`) } },
    });
    expect(accountRows).toBe(small.perClient);
  });

  it("lets attempts that left the window count no more", async () => {
    const email = uniqueEmail("window");
    const tiny: ThrottleLimits = { perAccount: 2, perClient: 100, windowSeconds: 1 };
    const address = `client-${randomUUID()}`;
    expect(await reserveSignInAttempt(email, address, tiny)).toMatchObject({ ok: true });
    expect(await reserveSignInAttempt(email, address, tiny)).toMatchObject({ ok: true });
    expect(await reserveSignInAttempt(email, address, tiny)).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await reserveSignInAttempt(email, address, tiny)).toMatchObject({ ok: true });
  });
});
