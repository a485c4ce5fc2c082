import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { purgeIdentityRows } from "@/lib/auth/cleanup";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { createUser } from "@/tests/fixtures";

const client = { address: "192.0.2.1", userAgent: "vitest" };
const hoursAgo = (h: number) => new Date(Date.now() - h * 60 * 60 * 1000);

describe("purgeIdentityRows", () => {
  it("removes throttle rows, sessions and links nobody can use, and keeps live ones", async () => {
    const user = await createUser();
    const stale = `account:stale-${randomUUID()}`;
    const fresh = `account:fresh-${randomUUID()}`;
    await db.signInThrottle.createMany({
      data: [
        { key: stale, attempts: [hoursAgo(2)], updatedAt: hoursAgo(2) },
        { key: fresh, attempts: [new Date()], updatedAt: new Date() },
      ],
    });
    const live = (await createSession(user.id, "password", client)).split(".")[0]!;
    const expired = (await createSession(user.id, "password", client)).split(".")[0]!;
    await db.session.update({ where: { id: expired }, data: { expiresAt: hoursAgo(1) } });
    const spent = await db.userToken.create({
      data: { userId: user.id, email: user.email, purpose: "RESET_PASSWORD", secretHash: "x", expiresAt: hoursAgo(30), usedAt: hoursAgo(30) },
    });
    const usable = await db.userToken.create({
      data: { userId: user.id, email: user.email, purpose: "VERIFY_EMAIL", secretHash: "y", expiresAt: new Date(Date.now() + 3_600_000) },
    });

    await purgeIdentityRows();

    expect(await db.signInThrottle.findUnique({ where: { key: stale } })).toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: fresh } })).not.toBeNull();
    expect(await db.session.findUnique({ where: { id: expired } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: live } })).not.toBeNull();
    expect(await db.userToken.findUnique({ where: { id: spent.id } })).toBeNull();
    expect(await db.userToken.findUnique({ where: { id: usable.id } })).not.toBeNull();
  });
});
