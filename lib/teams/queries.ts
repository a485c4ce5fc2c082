import "server-only";
import { z } from "zod";
import { auditUserIds } from "@/lib/activity/sentences";
import { cache } from "react";
import { notFound } from "next/navigation";
import { claimedUserId, requireUser } from "@/lib/auth";
import type { Member } from "@/lib/authz/membership";
import { can, type Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db";

/** The user's teams with their roles in each, by name (memoized per request). */
export const listMyTeams = cache(async (userId: string) => {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { id: true, roles: true, team: { select: { id: true, name: true } } },
    orderBy: [{ team: { name: "asc" } }, { teamId: "asc" }],
  });
  return rows.map((row) => ({ id: row.team.id, name: row.team.name, roles: row.roles, membershipId: row.id }));
});

/**
 * The signed-in user's membership of the team, or a 404 for everyone else:
 * an outsider cannot tell a team that exists from one that does not.
 */
export const requireMember = cache(async (teamId: string) => {
  // The same read as the team switcher's (memoized per request): one query
  // answers both. It starts beside the session check, for the user the
  // cookie claims, and counts only once that check confirms the same user.
  const claimed = await claimedUserId();
  const [user, teams] = await Promise.all([requireUser(), claimed ? listMyTeams(claimed) : Promise.resolve([])]);
  const mine = user.id === claimed ? teams.find((t) => t.id === teamId) : undefined;
  if (!mine) notFound();
  const member: Member = { membershipId: mine.membershipId, userId: user.id, teamId, roles: mine.roles };
  return { user, member, team: { id: mine.id, name: mine.name } };
});

export function memberCan(member: Member, permission: Permission) {
  return can(member.roles, permission);
}

/** Rows the members page shows at most, of members and of invitations. */
export const MEMBER_LIST_SIZE = 500;
export const INVITATION_LIST_SIZE = 200;

/** The team's members by name, bounded; `more` when others exist past the bound. */
export async function listMembers(teamId: string) {
  const rows = await db.membership.findMany({
    where: { teamId },
    select: {
      id: true,
      roles: true,
      version: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    take: MEMBER_LIST_SIZE + 1,
  });
  return { members: rows.slice(0, MEMBER_LIST_SIZE), more: rows.length > MEMBER_LIST_SIZE };
}

/** Pending invitations, newest first, bounded as above. */
export async function listInvitations(teamId: string) {
  const rows = await db.invitation.findMany({
    where: { teamId },
    select: { id: true, email: true, roles: true, createdAt: true, expiresAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INVITATION_LIST_SIZE + 1,
  });
  return { invitations: rows.slice(0, INVITATION_LIST_SIZE), more: rows.length > INVITATION_LIST_SIZE };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the team's audit log, newest first, keyset-paginated by id. */
export async function listAuditEvents(teamId: string, before?: bigint) {
  const rows = await db.auditEvent.findMany({
    where: { teamId, ...(before ? { id: { lt: before } } : {}) },
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      featureId: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const { features, names } = await loadAuditNames(teamId, events);
  return { events, features, names, nextCursor: hasMore ? events.at(-1)?.id : undefined };
}

/**
 * What audit sentences name besides the actor: the features' current titles
 * and the people an event refers to by id. Two queries for a whole page.
 */
export async function loadAuditNames(teamId: string, events: { featureId: string | null; before: unknown; after: unknown }[]) {
  const featureIds = [...new Set(events.map((e) => e.featureId).filter((id): id is string => id !== null))];
  const userIds = [...new Set(events.flatMap((e) => auditUserIds(e)))].filter((id) => z.uuid().safeParse(id).success);
  const [features, users] = await Promise.all([
    featureIds.length
      ? db.feature.findMany({ where: { teamId, id: { in: featureIds } }, select: { id: true, title: true } })
      : Promise.resolve([]),
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  return {
    features: new Map(features.map((f) => [f.id, f.title])),
    names: new Map(users.map((u) => [u.id, u.name])),
  };
}
