import "server-only";
import { getSessionUserId } from "@/lib/auth";
import { getMembership, type Member } from "@/lib/authz/membership";
import { can, type Permission } from "@/lib/authz/permissions";

/**
 * For route handlers: the caller's membership when they may do `permission`
 * in the team, else null; the handler then answers 404 (outsiders learn
 * nothing about the team).
 */
export async function getRouteMember(teamId: string, permission: Permission): Promise<Member | null> {
  const userId = await getSessionUserId();
  const member = userId ? await getMembership(userId, teamId) : null;
  return member && can(member.roles, permission) ? member : null;
}

export const notFoundResponse = () => new Response("Not found", { status: 404 });

export function markdownResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]+/g, "-")}"`,
      "cache-control": "private, no-store",
    },
  });
}
