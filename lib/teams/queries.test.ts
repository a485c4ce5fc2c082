import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  AUDIT_PAGE_SIZE,
  INVITATION_LIST_SIZE,
  listAuditEvents,
  listInvitations,
  listMembers,
  MEMBER_LIST_SIZE,
} from "@/lib/teams/queries";
import { createTeamWithRoles, unusableLink } from "@/tests/fixtures";

// The team's lists are bounded: the audit log by keyset pages, the members
// page by a cap that it says it reached.

describe("the audit log's pages", () => {
  it("are disjoint, newest first, cover every event and end without an empty page", async () => {
    const f = await createTeamWithRoles();
    // Two full pages and a bit, beside another team's events.
    const other = await createTeamWithRoles();
    const event = (teamId: string, i: number) => ({ teamId, action: "test.event", targetType: "test", targetId: String(i) });
    await db.auditEvent.createMany({
      data: Array.from({ length: 2 * AUDIT_PAGE_SIZE + 3 }, (_, i) => [event(f.team.id, i), event(other.team.id, i)]).flat(),
    });
    const all = (await db.auditEvent.findMany({ where: { teamId: f.team.id }, select: { id: true }, orderBy: { id: "desc" } })).map(
      (e) => e.id,
    );

    const pages: bigint[][] = [];
    let before: bigint | undefined;
    do {
      const page = await listAuditEvents(f.team.id, before);
      pages.push(page.events.map((e) => e.id));
      before = page.nextCursor;
    } while (before && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, all.length - 2 * AUDIT_PAGE_SIZE]);
    expect(pages.flat()).toEqual(all);

    // An exact fit: the page that ends the log has no next cursor.
    const lastFull = await listAuditEvents(f.team.id, all[all.length - AUDIT_PAGE_SIZE - 1]);
    expect(lastFull.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(lastFull.nextCursor).toBeUndefined();
  });
});

describe("the members page's lists", () => {
  it("show at most MEMBER_LIST_SIZE members by name, saying when the team has more", async () => {
    const f = await createTeamWithRoles();
    const extra = MEMBER_LIST_SIZE + 1 - 5;
    const users = Array.from({ length: extra }, (_, i) => ({
      id: randomUUID(),
      name: `zz member ${String(i).padStart(4, "0")}`,
      email: `bulk-${randomUUID()}@test.liftoff`,
    }));
    await db.user.createMany({ data: users });
    let list = await listMembers(f.team.id);
    expect(list).toMatchObject({ more: false });
    expect(list.members).toHaveLength(5);

    await db.membership.createMany({ data: users.map((u) => ({ teamId: f.team.id, userId: u.id, roles: ["DEV" as const] })) });
    list = await listMembers(f.team.id);
    expect(list.members).toHaveLength(MEMBER_LIST_SIZE);
    expect(list.more).toBe(true);
    // By name: the last one, "zz member" with the highest number, is the one left out.
    expect(list.members.some((m) => m.user.id === users.at(-1)!.id)).toBe(false);
  });

  it("show at most INVITATION_LIST_SIZE invitations, newest first, saying when more are pending", async () => {
    const f = await createTeamWithRoles();
    const start = Date.now() - 60 * 60_000;
    await db.invitation.createMany({
      data: Array.from({ length: INVITATION_LIST_SIZE + 1 }, (_, i) => ({
        teamId: f.team.id,
        email: `invitee-${i}-${randomUUID()}@test.liftoff`,
        roles: ["QA" as const],
        createdAt: new Date(start + i * 1000),
        ...unusableLink(),
      })),
    });
    const list = await listInvitations(f.team.id);
    expect(list.invitations).toHaveLength(INVITATION_LIST_SIZE);
    expect(list.more).toBe(true);
    expect(list.invitations[0]!.email).toMatch(new RegExp(`^invitee-${INVITATION_LIST_SIZE}-`));
  });
});
