import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { recordAudit } from "@/lib/audit";
import { saveBriefSchema } from "@/lib/briefs/schemas";
import { ActionError } from "@/lib/errors";
import { lockFeature } from "@/lib/features/lock";
import { refreshFeatures } from "@/lib/gates/summary";

const briefPaths = ({ teamId, featureId }: { teamId: string; featureId: string }) => [
  `/teams/${teamId}/features/${featureId}`,
  `/teams/${teamId}/features/${featureId}/brief`,
  `/teams/${teamId}`,
];

export const saveBrief = defineCommand({
  name: "saveBrief",
  schema: saveBriefSchema,
  message: "Model brief saved.",
  async handler({ tx, userId }, { teamId, featureId, baseRevision, pocResults, ...sections }) {
    // Saves of one feature run one at a time, so two on one base cannot both land.
    await lockFeature(tx, teamId, featureId);
    const latest = await tx.briefRevision.findFirst({
      where: { featureId },
      orderBy: { number: "desc" },
      select: { number: true, author: { select: { name: true } } },
    });
    const latestNumber = latest?.number ?? 0;
    if (latestNumber !== baseRevision) {
      throw new ActionError(
        "conflict",
        `${latest?.author?.name ?? "Someone"} saved revision ${latestNumber} of the model brief while you were editing, so your save was not applied. ` +
          "Your text is kept below; compare it with theirs, then save again.",
      );
    }
    const revision = await tx.briefRevision.create({
      data: { featureId, number: latestNumber + 1, authorId: userId, pocResults, ...sections },
      select: { id: true, number: true },
    });
    // Sign-offs that vouched for the earlier brief (PoC results, monitoring) no longer hold.
    await refreshFeatures(tx, teamId, [featureId]);
    await recordAudit(tx, {
      teamId,
      featureId,
      actorId: userId,
      action: "brief.saved",
      targetType: "brief_revision",
      targetId: revision.id,
      before: latest ? { revision: latestNumber } : null,
      after: { revision: revision.number },
    });
    return { teamId, featureId, revision: revision.number };
  },
  revalidate: briefPaths,
});
