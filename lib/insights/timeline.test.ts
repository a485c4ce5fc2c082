import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { timelineChart } from "@/components/insights/feature-timeline";
import { getFeatureTimeline } from "@/lib/insights/timeline";
import { createTeamWithRoles } from "@/tests/fixtures";

const day = (n: number) => new Date(Date.UTC(2025, 0, 1, 12) + n * 24 * 60 * 60 * 1000);

describe("a feature's timeline", () => {
  it("lists its stays in order with their ends and phases, its sign-offs and verdicts; nothing for another team", async () => {
    const f = await createTeamWithRoles();
    const feature = await db.feature.create({
      data: { teamId: f.team.id, title: "Timeline", summary: "s", stage: "POC", currentPhase: 2 },
      select: { id: true },
    });
    const moves: [string | null, string, number, string?][] = [
      [null, "IDEA", 0],
      ["IDEA", "POC", 5],
      ["POC", "BUILD", 20],
      ["BUILD", "PAUSED", 25, "Vendor contract"],
      ["PAUSED", "BUILD", 30],
      ["BUILD", "VALIDATION", 40],
      ["VALIDATION", "PRODUCTION", 50],
      ["PRODUCTION", "POC", 80, "Phase 2 started: Online test"],
    ];
    for (const [fromStage, toStage, n, reason] of moves) {
      await db.stageTransition.create({
        data: { featureId: feature.id, fromStage: fromStage as never, toStage: toStage as never, createdAt: day(n), reason },
      });
    }
    await db.gateSignoff.create({
      data: { featureId: feature.id, gate: "IDEA", role: "PM", userId: f.members.PM.id, basis: "b", createdAt: day(3) },
    });
    const c = await db.acceptanceCriterion.create({ data: { featureId: feature.id, position: 1, text: "t", successCriterionKeys: [] } });
    await db.criterionVerdict.create({ data: { criterionId: c.id, verdict: "FAILED", createdAt: day(42) } });
    await db.criterionVerdict.create({ data: { criterionId: c.id, verdict: "PASSED", createdAt: day(45) } });

    const t = await getFeatureTimeline(f.team.id, feature.id);
    expect(t.stays.map((s) => [s.stage, s.from.toISOString(), s.until?.toISOString() ?? null, s.phase])).toEqual([
      ["IDEA", day(0).toISOString(), day(5).toISOString(), 1],
      ["POC", day(5).toISOString(), day(20).toISOString(), 1],
      ["BUILD", day(20).toISOString(), day(25).toISOString(), 1],
      ["PAUSED", day(25).toISOString(), day(30).toISOString(), 1],
      ["BUILD", day(30).toISOString(), day(40).toISOString(), 1],
      ["VALIDATION", day(40).toISOString(), day(50).toISOString(), 1],
      ["PRODUCTION", day(50).toISOString(), day(80).toISOString(), 1],
      ["POC", day(80).toISOString(), null, 2],
    ]);
    expect(t.signoffs).toEqual([{ gate: "IDEA", role: "PM", at: day(3) }]);
    expect(t.verdicts.map((v) => [v.verdict, v.criterion])).toEqual([
      ["FAILED", 1],
      ["PASSED", 1],
    ]);

    const svg = timelineChart(t, day(90))!;
    expect(svg).toMatch(/^<svg[^>]*role="img"/);
    expect(svg).not.toMatch(/<script|<style|\sstyle=/);
    expect(svg).toContain('fill="var(--stage-PAUSED)"');
    expect(svg).toContain('fill="var(--verdict-FAILED)"');

    const stranger = await createTeamWithRoles();
    expect(await getFeatureTimeline(stranger.team.id, feature.id)).toMatchObject({ stays: [], signoffs: [], verdicts: [] });
  });
});
