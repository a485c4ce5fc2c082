import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { addCommentSchema } from "@/lib/comments/schemas";
import { commentExcerpt, extractMentionEmails } from "@/lib/comments/mentions";
import { ActionError } from "@/lib/errors";
import { notifyMentioned } from "@/lib/notifications/record";

const featurePath = (teamId: string, featureId: string) => `/teams/${teamId}/features/${featureId}`;

export const addComment = defineCommand({
  name: "addComment",
  schema: addCommentSchema,
  message: "Comment added.",
  async handler({ tx, userId }, { teamId, featureId, body }) {
    // Team in the WHERE: another team's feature matches nothing.
    const feature = await tx.feature.findFirst({ where: { id: featureId, teamId }, select: { id: true } });
    if (!feature) throw new ActionError("not_found", "That feature no longer exists.");

    const comment = await tx.comment.create({
      data: { featureId, authorId: userId, body },
      select: { id: true },
    });

    // Only members of this team can be mentioned: an outsider's email in the
    // body stays plain text and tells the author nothing about who exists.
    const emails = extractMentionEmails(body);
    const mentioned = emails.length
      ? await tx.membership.findMany({
          where: { teamId, userId: { not: userId! }, user: { email: { in: emails } } },
          select: { userId: true, user: { select: { name: true } } },
          orderBy: { user: { name: "asc" } },
        })
      : [];
    if (mentioned.length) {
      await tx.mention.createMany({
        data: mentioned.map((member) => ({ commentId: comment.id, featureId, userId: member.userId })),
      });
    }

    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "comment.added",
      targetType: "comment",
      targetId: comment.id,
      after: { excerpt: commentExcerpt(body), mentioned: mentioned.map((member) => member.user.name) },
    });
    await notifyMentioned(tx, {
      teamId,
      featureId,
      commentId: comment.id,
      excerpt: commentExcerpt(body),
      mentioned: mentioned.map((member) => member.userId),
      actorId: userId,
    });
    return { teamId, featureId, commentId: comment.id };
  },
  revalidate: ({ teamId, featureId }) => [featurePath(teamId, featureId)],
});
