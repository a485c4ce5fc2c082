import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  advanceFeature,
  createFeature,
  moveFeatureBack,
  pauseFeature,
  resumeFeature,
  retireFeature,
  startNextPhase,
  updateFeature,
} from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { newFeature, permissionMatrix, signIdea, version } from "@/lib/features/test-fixtures";
import { setGateRequirement, signGate } from "@/lib/gates/commands";
import type { Role } from "@/lib/generated/prisma/enums";
import { getMyWork } from "@/lib/my-work/queries";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

describe("createFeature", () => {
  it("starts in IDEA with the creating PM Accountable, phases and history", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const feature = await getFeature(f.team.id, featureId);
    expect(feature).toMatchObject({ stage: "IDEA", currentPhase: 1 });
    expect(feature!.phases.map((p) => p.name)).toEqual(["Rules + GBM", "Deep model"]);
    expect(feature!.responsibilities).toEqual([
      expect.objectContaining({ kind: "ACCOUNTABLE", role: "PM", user: expect.objectContaining({ id: f.members.PM.id }) }),
    ]);
    expect(feature!.transitions).toEqual([expect.objectContaining({ fromStage: null, toStage: "IDEA" })]);
  });

  it("gives field messages for a blank title and summary", async () => {
    const f = await createTeamWithRoles();
    const result = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: " ", summary: "" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Give the feature a title."], summary: ["Write a one-line summary."] },
    });
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
  });
});

describe("permission matrix of the feature commands", () => {
  permissionMatrix([
    {
      name: "createFeature",
      allowed: ["LEAD", "PM"],
      run: (f, _id, a) => createFeature.run(a, { teamId: f.team.id, title: "T", summary: "S" }),
    },
    {
      name: "updateFeature",
      allowed: ["LEAD", "PM"],
      run: (f, id, a) =>
        updateFeature.run(a, {
          teamId: f.team.id,
          featureId: id,
          title: "Renamed",
          summary: "New summary",
          baseTitle: "Fraud score on checkout",
          baseSummary: "Score each checkout for fraud risk",
        }),
    },
    {
      name: "advanceFeature",
      allowed: ["LEAD", "PM"],
      prepare: (f, id) => signIdea(f, id),
      run: async (f, id, a) => advanceFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
    {
      name: "moveFeatureBack",
      allowed: ["LEAD", "PM"],
      prepare: async (f, id) => {
        await signIdea(f, id);
        await advanceFeature.run(f.members.PM.id, { teamId: f.team.id, featureId: id, version: await version(id) });
      },
      run: async (f, id, a) =>
        moveFeatureBack.run(a, { teamId: f.team.id, featureId: id, version: await version(id), toStage: "IDEA", reason: "Rethink" }),
    },
    {
      name: "pauseFeature",
      allowed: ["LEAD", "PM"],
      run: async (f, id, a) => pauseFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id), reason: "Budget" }),
    },
    {
      name: "resumeFeature",
      allowed: ["LEAD", "PM"],
      prepare: async (f, id) => {
        await pauseFeature.run(f.members.PM.id, { teamId: f.team.id, featureId: id, version: 1, reason: "Budget" });
      },
      run: async (f, id, a) => resumeFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
    {
      name: "retireFeature",
      allowed: ["LEAD", "PM"],
      run: async (f, id, a) => retireFeature.run(a, { teamId: f.team.id, featureId: id, version: await version(id), reason: "No data" }),
    },
    {
      name: "startNextPhase",
      allowed: ["LEAD", "PM"],
      prepare: async (_f, id) => {
        await db.feature.update({ where: { id }, data: { stage: "PRODUCTION" } });
      },
      run: async (f, id, a) => startNextPhase.run(a, { teamId: f.team.id, featureId: id, version: await version(id) }),
    },
  ]);
});

describe("gates", () => {
  it("refuses to move until every requirement and sign-off is in, naming what is missing", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f, false);
    const ids = { teamId: f.team.id, featureId };
    const early = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(early).toMatchObject({ ok: false, code: "conflict" });
    expect(early.ok || early.error).toContain("A phase with target metrics is planned");
    expect(early.ok || early.error).toContain("Product manager sign-off");
    expect(early.ok || early.error).toContain("Data scientist sign-off");

    await signIdea(f, featureId);
    const stillMissing = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(stillMissing.ok || stillMissing.error).toContain("target metrics");

    // The lead switches that requirement off for the team: the gate opens.
    await setGateRequirement.run(f.members.LEAD.id, { teamId: f.team.id, key: "IDEA.phase_targets", enabled: "false" });
    const moved = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(moved).toMatchObject({ ok: true, data: { stage: "POC", version: 2 } });
  });

  it("moves exactly once when two people move the same feature at the same moment", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await signIdea(f, featureId);
    const input = { teamId: f.team.id, featureId, version: 1 };
    const [a, b] = await Promise.all([advanceFeature.run(f.members.PM.id, input), advanceFeature.run(f.members.LEAD.id, input)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ code: "conflict" });
    expect(loser.ok || loser.error).toContain("Proof of concept");
    expect(await db.stageTransition.count({ where: { featureId } })).toBe(2);
    expect(await db.feature.findUniqueOrThrow({ where: { id: featureId } })).toMatchObject({ stage: "POC", version: 2 });
  });

  it("needs a reason to move back, pause or retire, and keeps the history", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "IDEA", reason: " " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining("Say why")] },
    });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "BUILD", reason: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { toStage: [expect.stringContaining("earlier stage")] },
    });
    expect(await moveFeatureBack.run(f.members.PM.id, { ...ids, version: 2, toStage: "IDEA", reason: "Data too thin" })).toMatchObject({ ok: true });
    // Back at IDEA, the earlier IDEA sign-offs no longer count.
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(false);
    await pauseFeature.run(f.members.PM.id, { ...ids, version: 3, reason: "Waiting for labels" });
    await resumeFeature.run(f.members.PM.id, { ...ids, version: 4 });
    await retireFeature.run(f.members.LEAD.id, { ...ids, version: 5, reason: "Vendor solves it" });
    const transitions = await db.stageTransition.findMany({ where: { featureId }, orderBy: { id: "asc" } });
    expect(transitions.map((t) => [t.fromStage, t.toStage, t.reason])).toEqual([
      [null, "IDEA", null],
      ["IDEA", "POC", null],
      ["POC", "IDEA", "Data too thin"],
      ["IDEA", "PAUSED", "Waiting for labels"],
      ["PAUSED", "IDEA", null],
      ["IDEA", "RETIRED", "Vendor solves it"],
    ]);
  });
});

describe("My work", () => {
  it("list features I own that are stuck", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    await db.feature.update({ where: { id: featureId }, data: { stageEnteredAt: new Date(Date.now() - 30 * 86_400_000) } });
    const work = await getMyWork(f.team.id, f.members.PM.id, ["PM"]);
    expect(work.stuck.items).toEqual([expect.objectContaining({ id: featureId, daysInStage: 30 })]);
  });
});

describe("phases", () => {
  async function toProduction(f: Fixture, featureId: string) {
    const ids = { teamId: f.team.id, featureId };
    await signIdea(f, featureId);
    await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    for (const [stageRole, signers, v] of [
      ["DS", ["DS", "PM"], 2],
      ["DEV", ["DEV"], 3],
      ["QA", ["QA", "PM"], 4],
    ] as [Role, Role[], number][]) {
      await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members[stageRole].id, role: stageRole, kind: "RESPONSIBLE" });
      for (const role of signers) {
        expect(await signGate.run(f.members[role].id, { ...ids, role })).toMatchObject({ ok: true });
      }
      expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: v })).toMatchObject({ ok: true });
    }
  }

  it("after production, the next phase sends the feature back through POC", async () => {
    const f = await createTeamWithRoles();
    // Criteria, readiness and the model brief have their own tests (lib/criteria, lib/readiness, lib/briefs); off here.
    await db.teamGateSetting.createMany({
      data: [
        "BUILD.criteria_exist",
        "VALIDATION.criteria_passed",
        "BUILD.monitoring_owners",
        "VALIDATION.readiness_bar",
        "POC.brief_results",
        "BUILD.monitoring_plan",
      ].map((key) => ({ teamId: f.team.id, key, enabled: false })),
    });
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({
      ok: false,
      error: expect.stringContaining("once the current one is in production"),
    });
    await toProduction(f, featureId);
    expect(await startNextPhase.run(f.members.QA.id, { ...ids, version: 5 })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 5 })).toMatchObject({ ok: true, data: { stage: "POC" } });
    const feature = (await getFeature(f.team.id, featureId))!;
    expect(feature.currentPhase).toBe(2);
    expect(feature.transitions.at(-1)).toMatchObject({ fromStage: "PRODUCTION", toStage: "POC", reason: "Phase 2 started: Deep model" });
    const phases = await db.featurePhase.findMany({ where: { featureId }, orderBy: { position: "asc" } });
    expect(phases[0]!.completedAt).not.toBeNull();
    expect(phases[1]!.startedAt).not.toBeNull();
    // No third phase is planned.
    await toProductionFromPoc(f, featureId);
    expect(await startNextPhase.run(f.members.PM.id, { ...ids, version: 9 })).toMatchObject({
      ok: false,
      error: "No later phase is planned for this feature.",
    });
  });

  async function toProductionFromPoc(f: Fixture, featureId: string) {
    const ids = { teamId: f.team.id, featureId };
    // Responsibilities carry over; every gate is signed afresh.
    for (const [signers, v] of [
      [["DS", "PM"], 6],
      [["DEV"], 7],
      [["QA", "PM"], 8],
    ] as [Role[], number][]) {
      for (const role of signers) {
        expect(await signGate.run(f.members[role].id, { ...ids, role })).toMatchObject({ ok: true });
      }
      expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: v })).toMatchObject({ ok: true });
    }
  }
});

describe("editing a feature", () => {
  it("saves title and summary, refuses a stale edit, voids IDEA sign-offs, and is for PMs and leads", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const ids = { teamId: f.team.id, featureId };
    const base = { baseTitle: "Fraud score on checkout", baseSummary: "Score each checkout for fraud risk" };
    await signIdea(f, featureId);
    expect(await updateFeature.run(f.members.DS.id, { ...ids, ...base, title: "X", summary: "Y" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateFeature.run(f.outsider.id, { ...ids, ...base, title: "X", summary: "Y" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateFeature.run(f.members.PM.id, { ...ids, ...base, title: " ", summary: "Y" })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Give the feature a title."] },
    });
    expect(await updateFeature.run(f.members.PM.id, { ...ids, ...base, title: "Fraud score v2", summary: "Score checkouts" })).toMatchObject({ ok: true });
    // Signed against the old summary: void now.
    expect((await getFeature(f.team.id, featureId))!.gate!.signoffs.every((s) => s.given.length === 0)).toBe(true);
    // An editor that opened before that save is refused, and nothing changes.
    expect(await updateFeature.run(f.members.LEAD.id, { ...ids, ...base, title: "Lead's title", summary: "S" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await db.feature.findUniqueOrThrow({ where: { id: featureId } })).toMatchObject({ title: "Fraud score v2", summary: "Score checkouts" });
  });
});

describe("bounds on phases and their targets", () => {
  const create = (f: Fixture, phaseName: string[], phaseTargets: string[]) =>
    createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Bounded", summary: "Has limits", phaseName, phaseTargets });

  it("plans at most 20 phases: a 21st is refused with a field message and nothing is written", async () => {
    const f = await createTeamWithRoles();
    const names = Array.from({ length: 21 }, (_, i) => `Phase ${i + 1}`);
    const refused = await create(f, names, names.map(() => "precision >= 0.9"));
    expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { phaseName: ["Plan at most 20 phases."] } });
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
    expect(await create(f, names.slice(0, 20), names.slice(0, 20).map(() => "recall >= 0.5"))).toMatchObject({ ok: true });
  });

  it("asks for a measurable target: a metric, a comparison and a number", async () => {
    const f = await createTeamWithRoles();
    const refused = await create(f, ["Baseline", "Better"], ["precision >= 0.9", "lowish"]);
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { phaseTargets: [expect.stringMatching(/^Phase 2: .*metric, a comparison and a number/)] },
      values: { phaseTargets: ["precision >= 0.9", "lowish"] },
    });
    for (const vague of ["0.9", "< 200 ms", "better than before", "fast"]) {
      expect(await create(f, ["One"], [vague]), vague).toMatchObject({ ok: false, fieldErrors: { phaseTargets: [expect.any(String)] } });
    }
    expect(await db.feature.count({ where: { teamId: f.team.id } })).toBe(0);
    for (const measurable of [
      "precision >= 0.9",
      "p95 latency < 200 ms",
      "precision ≥ 0.9 at 1% review rate",
      "recall at least 0.7 in the top 10%",
      "stock-outs -30%",
    ]) {
      expect(await create(f, ["One"], [measurable]), measurable).toMatchObject({ ok: true });
    }
    // A phase may be planned without targets yet.
    expect(await create(f, ["Later"], [""])).toMatchObject({ ok: true });
  });
});
