import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { db, type Tx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Each test creates the users and teams it needs, with unique emails, so
// test files can run in parallel against one database.

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery";

export function uniqueEmail(label = "user") {
  return `${label}-${randomUUID()}@test.liftoff`;
}

export async function createUser(label = "user") {
  cachedHash ??= hash(TEST_PASSWORD);
  return db.user.create({
    data: {
      name: `${label} ${randomUUID().slice(0, 6)}`,
      email: uniqueEmail(label),
      passwordHash: await cachedHash,
      emailVerifiedAt: new Date(),
    },
    select: { id: true, email: true, name: true },
  });
}

/** A team with one member per role (plus a user who belongs to no team). */
export async function createTeamWithRoles() {
  const team = await db.team.create({ data: { name: `Team ${randomUUID().slice(0, 8)}` } });
  const roles: Role[] = ["LEAD", "PM", "DS", "DEV", "QA"];
  const members = {} as Record<Role, { id: string; email: string; membershipId: string }>;
  for (const role of roles) {
    const user = await createUser(role.toLowerCase());
    const membership = await db.membership.create({
      data: { teamId: team.id, userId: user.id, roles: [role] },
      select: { id: true },
    });
    members[role] = { ...user, membershipId: membership.id };
  }
  const outsider = await createUser("outsider");
  return { team, members, outsider };
}

export function auditCount(teamId: string) {
  return db.auditEvent.count({ where: { teamId } });
}

export type Fixture = Awaited<ReturnType<typeof createTeamWithRoles>>;
/** Everyone a permission matrix tries: each role, an outsider, and no session. */
export type Actor = Role | "outsider" | "signed-out";
export const ACTORS: Actor[] = ["LEAD", "PM", "DS", "DEV", "QA", "outsider", "signed-out"];

export function actorId(f: Fixture, actor: Actor): string | null {
  if (actor === "signed-out") return null;
  if (actor === "outsider") return f.outsider.id;
  return f.members[actor].id;
}

/** The refusal code an actor outside the allowed roles gets. */
export function refusalCode(actor: Actor) {
  return actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
}

/** Columns of an invitation created directly in a test: a link nobody holds. */
export function unusableLink() {
  return { secretHash: "0".repeat(64), expiresAt: new Date(Date.now() + 60 * 60 * 1000) };
}

/**
 * Waits until `count` transactions are blocked on a lock in a statement
 * matching `query`, for tests that interleave concurrent commands on purpose.
 */
export async function waitForLockWaits(query: RegExp, count = 1) {
  for (let i = 0; i < 200; i++) {
    const rows = await db.$queryRaw<{ query: string }[]>`
      SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (rows.filter((r) => query.test(r.query)).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Fewer than ${count} statements matching ${query} waited for a lock.`);
}

/**
 * Holds the row locks `lock` takes in a transaction of its own until `release` is
 * called: resolves once the locks are taken.
 */
export async function holdLocks(lock: (tx: Tx) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const done = db.$transaction(
    async (tx) => {
      await lock(tx);
      taken();
      await released;
    },
    { timeout: 30_000 },
  );
  await held;
  return {
    async release() {
      release();
      await done;
    },
  };
}
