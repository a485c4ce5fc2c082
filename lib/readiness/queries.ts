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
          id: true,
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
  // Each item's history: its audit events (who, when, score or owner before and after).
  const events = await db.auditEvent.findMany({
    where: { teamId, featureId, action: { in: ["readiness.item_set", "readiness.owner_changed"] } },
    select: { id: true, action: true, targetId: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: 500,
  });
  const historyOf = (itemId: string | undefined) => (itemId ? events.filter((e) => e.targetId === itemId) : []);
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
      history: historyOf(s?.id),
    };
  });
  return { title: feature.title, bar: feature.team.readinessBar, items, ...readinessScore(items) };
}
