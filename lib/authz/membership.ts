import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type Member = {
  membershipId: string;
  userId: string;
  teamId: string;
  roles: Role[];
};

const uuid = z.uuid();

/**
 * The user's membership in the team, read from the database on every call so
 * a removed member or a changed role takes effect on the next request.
 * Returns null for non-members and for ids that are not even well formed.
 */
export async function getMembership(
  userId: string,
  teamId: string,
  client: Tx | typeof db = db,
): Promise<Member | null> {
  if (!uuid.safeParse(teamId).success || !uuid.safeParse(userId).success) return null;
  const row = await client.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { id: true, roles: true },
  });
  return row ? { membershipId: row.id, userId, teamId, roles: row.roles } : null;
}
