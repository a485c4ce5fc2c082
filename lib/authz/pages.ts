import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getSessionUserId } from "@/lib/auth";
import { getMembership, type Member } from "@/lib/authz/membership";
import { db } from "@/lib/db";
import { can, type Permission } from "@/lib/authz/permissions";
import { requireMember } from "@/lib/teams/queries";

// The one way a page or route handler under /teams/[teamId] reaches its data:
// parse the route params (a malformed id is "not found", never a query), then
// check membership. A test (tests/entry-points.test.ts) fails when a page or
// handler reads its params any other way.

const teamParams = z.object({ teamId: z.uuid() });
const featureParams = z.object({ teamId: z.uuid(), featureId: z.uuid() });

/** For pages under /teams/[teamId]: the signed-in member, or a 404. */
export async function requireTeamPage<P extends { teamId: string }>(params: Promise<P>) {
  const raw = await params;
  const parsed = teamParams.safeParse(raw);
  if (!parsed.success) notFound();
  const access = await requireMember(parsed.data.teamId);
  return { ...access, params: raw, teamId: parsed.data.teamId };
}

/** For pages under /teams/[teamId]/features/[featureId]: as above, with a well-formed feature id. */
export async function requireFeaturePage<P extends { teamId: string; featureId: string }>(params: Promise<P>) {
  const raw = await params;
  const parsed = featureParams.safeParse(raw);
  if (!parsed.success) notFound();
  const access = await requireMember(parsed.data.teamId);
  return { ...access, params: raw, teamId: parsed.data.teamId, featureId: parsed.data.featureId };
}

/**
 * A 404 unless the team has the feature. For the feature's layout: it runs
 * outside the loading.tsx boundary below it, where a 404 still sets the
 * response's status; a page's own notFound() inside the boundary comes after
 * streaming began, as "not found" under a 200.
 */
export async function requireFeatureInTeam(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({ where: { id: featureId, teamId }, select: { id: true } });
  if (!feature) notFound();
}

/**
 * For route handlers: the ids and the caller's membership when the ids are
 * well formed and the caller may do `permission` in the team; else null, and
 * the handler answers 404 (outsiders learn nothing about the team).
 */
export async function routeAccess<P extends { teamId: string; featureId?: string }>(
  params: Promise<P>,
  permission: Permission,
): Promise<{ teamId: string; featureId: string | undefined; member: Member } | null> {
  const raw = await params;
  const schema = "featureId" in raw ? featureParams : teamParams;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return null;
  const userId = await getSessionUserId();
  const member = userId ? await getMembership(userId, parsed.data.teamId) : null;
  if (!member || !can(member.roles, permission)) return null;
  return { teamId: parsed.data.teamId, featureId: (parsed.data as { featureId?: string }).featureId, member };
}
