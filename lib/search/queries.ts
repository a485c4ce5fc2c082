import "server-only";
import { db } from "@/lib/db";
import { likePattern } from "@/lib/features/board";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";

/** Rows of each kind the palette shows at most. */
export const PALETTE_FEATURES = 8;
export const PALETTE_PEOPLE = 5;

export type PaletteResults = {
  features: { id: string; title: string; stage: Stage }[];
  people: { id: string; name: string; email: string; roles: Role[] }[];
};

/**
 * The team's features whose title holds `text` (titles starting with it
 * first, then the most recently changed) and the members whose name or
 * email holds it. Bounded; the team is in every WHERE.
 */
export async function searchTeam(teamId: string, text: string): Promise<PaletteResults> {
  if (!text) return { features: [], people: [] };
  const pattern = likePattern(text);
  // The same text, anchored at the start of the title.
  const prefix = pattern.slice(1);
  const [features, people] = await Promise.all([
    db.$queryRaw<PaletteResults["features"]>(Prisma.sql`
      SELECT f.id, f.title, f.stage
      FROM "Feature" f
      WHERE f."teamId" = ${teamId}::uuid AND f.title ILIKE ${pattern}
      ORDER BY (f.title ILIKE ${prefix}) DESC, f."updatedAt" DESC, f.id
      LIMIT ${PALETTE_FEATURES}`),
    // Raw SQL as above: Prisma's `contains` passes % and _ through as wildcards.
    db.$queryRaw<PaletteResults["people"]>(Prisma.sql`
      SELECT u.id, u.name, u.email, m.roles::text[] AS roles
      FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."teamId" = ${teamId}::uuid AND (u.name ILIKE ${pattern} OR u.email ILIKE ${pattern})
      ORDER BY u.name, m.id
      LIMIT ${PALETTE_PEOPLE}`),
  ]);
  return { features, people };
}
