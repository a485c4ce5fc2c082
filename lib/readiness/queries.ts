import "server-only";
import { db } from "@/lib/db";
import { ITEMS, readinessScore } from "@/lib/readiness/rubric";

/** The feature's checklist (all 28 items, saved or not), its score and the team's bar. */
export async function getReadiness(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      title: true,
      team: { select: { readinessBar: true } },
      readinessItems: {
        select: {
          code: true,
          halves: true,
          notApplicable: true,
          naReason: true,
          note: true,
          evidenceUrl: true,
          version: true,
          updatedAt: true,
          owner: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!feature) return null;
  const saved = new Map(feature.readinessItems.map((i) => [i.code, i]));
  const items = ITEMS.map((item) => {
    const s = saved.get(item.code);
    return {
      ...item,
      halves: s?.halves ?? 0,
      notApplicable: s?.notApplicable ?? false,
      naReason: s?.naReason ?? null,
      note: s?.note ?? null,
      evidenceUrl: s?.evidenceUrl ?? null,
      owner: s?.owner ?? null,
      version: s?.version ?? 0,
    };
  });
  return { title: feature.title, bar: feature.team.readinessBar, items, ...readinessScore(items) };
}
