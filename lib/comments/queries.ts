import "server-only";
import { z } from "zod";
import { commentExcerpt } from "@/lib/comments/mentions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const COMMENT_PAGE_SIZE = 20;

const uuid = z.uuid();

/**
 * A page of a feature's comments: the newest 50 (or the 50 before `before`),
 * oldest first for reading. Ids are uuid v7, so ordering by id is ordering by
 * time and the id of the first comment shown is the cursor for earlier ones.
 */
export async function listComments(teamId: string, featureId: string, { before }: { before?: string } = {}) {
  const { where, ...page } = commentsPage(before);
  const rows = await db.comment.findMany({ where: { ...where, featureId, feature: { teamId } }, ...page });
  return shapeComments(rows);
}

/** The page's query arguments; select them under a feature, or from comments. */
export function commentsPage(before?: string) {
  // A malformed cursor (hand-edited URL) shows the latest page.
  const cursor = before && uuid.safeParse(before).success ? before : undefined;
  return {
    where: cursor ? { id: { lt: cursor } } : {},
    select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: COMMENT_PAGE_SIZE + 1,
  } satisfies Prisma.Feature$commentsArgs;
}

type CommentRow = Prisma.CommentGetPayload<ReturnType<typeof commentsPage>>;

export function shapeComments(rows: CommentRow[]) {
  const hasEarlier = rows.length > COMMENT_PAGE_SIZE;
  const comments = rows
    .slice(0, COMMENT_PAGE_SIZE)
    .reverse()
    .map((row) => ({ id: row.id, body: row.body, createdAt: row.createdAt, authorName: row.author?.name ?? null }));
  return { comments, hasEarlier };
}

/** The user opened the feature: its mentions of them leave My work. */
export async function markMentionsSeen(userId: string, featureId: string) {
  const { count } = await db.mention.updateMany({
    where: { userId, featureId, seenAt: null },
    data: { seenAt: new Date() },
  });
  return count;
}

/** Mentions of the user in this team's features not yet seen, newest first, for My work. */
export async function listUnseenMentions(userId: string, teamId: string, take = 20) {
  const rows = await db.mention.findMany({
    // Membership in the WHERE too: someone who left the team sees none.
    where: { userId, seenAt: null, feature: { teamId, team: { memberships: { some: { userId } } } } },
    select: {
      id: true,
      feature: { select: { id: true, title: true, stage: true } },
      comment: { select: { body: true, createdAt: true, author: { select: { name: true } } } },
    },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((row) => ({
    mentionId: row.id,
    featureId: row.feature.id,
    featureTitle: row.feature.title,
    featureStage: row.feature.stage,
    excerpt: commentExcerpt(row.comment.body),
    authorName: row.comment.author?.name ?? null,
    createdAt: row.comment.createdAt,
  }));
}
