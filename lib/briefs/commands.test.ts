import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BriefView } from "@/components/briefs/brief-view";
import { saveBrief } from "@/lib/briefs/commands";
import { missingForPoc } from "@/lib/briefs/completeness";
import { briefToModelCard } from "@/lib/briefs/export";
import { getBriefPage, getBriefRevision } from "@/lib/briefs/queries";
import { db } from "@/lib/db";
import { advanceFeature, createFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { signGate } from "@/lib/gates/commands";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import type { SuccessCriterion } from "@/lib/specs/schemas";
import { auditCount, createTeamWithRoles, ACTORS, actorId, type Actor, type Fixture } from "@/tests/fixtures";
import { expectHarmless, XSS_PAYLOADS } from "@/tests/xss";


const CRITERIA: SuccessCriterion[] = [
  { key: "sc-precision", metric: "precision at 1% review rate", target: ">= 0.90", howMeasured: "holdout", phase: "1" },
  { key: "sc-latency", metric: "p95 latency", target: "< 100 ms", howMeasured: "load test", phase: "1" },
];

const SECTIONS = {
  intendedUse: "Score **card** checkouts for fraud review",
  outOfScopeUses: "Credit decisions",
  data: "Training: Jan–Sep; evaluation: Oct–Dec. Deduplicated by order id.",
  metrics: "Precision at 1% review rate; threshold 0.83",
  dataSlices: "By country and device",
  failureModes: "Misses first-time fraud from new BINs",
  caveats: "Under-represents small merchants",
  monitoring: "PSI of top 10 features, daily; precision from chargebacks, weekly",
  improvements: "Graph features",
  futureEnhancements: "Real-time retraining",
};

const COMPLETE = {
  ...SECTIONS,
  resultKey: ["sc-precision", "sc-latency"],
  resultAchieved: ["0.93", "84 ms"],
  resultMet: ["yes", "yes"],
  resultNotes: ["on the Oct–Dec holdout", ""],
};

/** A feature with an approved spec (two success criteria), in `stage`. */
async function setup(stage: Stage = "POC", criteria: SuccessCriterion[] = CRITERIA) {
  const f = await createTeamWithRoles();
  const r = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Fraud score", summary: "Score checkouts" });
  if (!r.ok) throw new Error(r.error);
  const featureId = r.data.featureId;
  const spec = await db.specRevision.create({
    data: { featureId, number: 1, status: "APPROVED", problem: "p", customerContext: "c", constraints: "k", successCriteria: criteria },
  });
  await db.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: spec.id, stage } });
  return { f, featureId, ids: { teamId: f.team.id, featureId } };
}

async function save(f: Fixture, featureId: string, base: number, fields: Record<string, unknown> = COMPLETE, who: Role = "DS") {
  return saveBrief.run(f.members[who].id, { teamId: f.team.id, featureId, baseRevision: base, ...fields });
}

const nameOf = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name;

describe("saving a model brief", () => {
  it("makes a revision per save, with author, results by criterion key, and an audit event", async () => {
    const { f, featureId } = await setup();
    expect(await save(f, featureId, 0)).toMatchObject({ ok: true, data: { revision: 1 } });
    const first = (await getBriefRevision(f.team.id, featureId, 1))!;
    expect(first).toMatchObject({ ...SECTIONS, author: { name: await nameOf(f.members.DS.id) } });
    expect(first.pocResults).toEqual([
      { criterionKey: "sc-precision", achieved: "0.93", met: true, notes: "on the Oct–Dec holdout" },
      { criterionKey: "sc-latency", achieved: "84 ms", met: true, notes: "" },
    ]);

    // The lead saves on top; an untouched row is not stored, "no" is a decision.
    const second = await save(
      f,
      featureId,
      1,
      { ...COMPLETE, failureModes: "Also: coupon abuse", resultAchieved: ["0.88", ""], resultMet: ["no", ""], resultNotes: ["", ""] },
      "LEAD",
    );
    expect(second).toMatchObject({ ok: true, data: { revision: 2 } });
    const rev2 = (await getBriefRevision(f.team.id, featureId, 2))!;
    expect(rev2.pocResults).toEqual([{ criterionKey: "sc-precision", achieved: "0.88", met: false, notes: "" }]);
    expect(rev2.failureModes).toBe("Also: coupon abuse");
    expect((await getBriefRevision(f.team.id, featureId, 1))!.failureModes).toBe(SECTIONS.failureModes);

    const page = (await getBriefPage(f.team.id, featureId))!;
    expect(page).toMatchObject({ title: "Fraud score", approvedSpecNumber: 1, latest: { number: 2 } });
    expect(page.criteria!.map((c) => c.key)).toEqual(["sc-precision", "sc-latency"]);

    const events = await db.auditEvent.findMany({ where: { teamId: f.team.id, action: "brief.saved" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.featureId, e.actorId, e.before, e.after])).toEqual([
      [featureId, f.members.DS.id, null, { revision: 1 }],
      [featureId, f.members.LEAD.id, { revision: 1 }, { revision: 2 }],
    ]);
  });

  it("refuses a save based on an older revision, naming who saved which revision, and keeps the typed text", async () => {
    const { f, featureId } = await setup();
    await save(f, featureId, 0);
    await save(f, featureId, 1, { ...COMPLETE, monitoring: "Lead's plan" }, "LEAD");
    const late = await save(f, featureId, 1, { ...COMPLETE, monitoring: "DS's plan", resultAchieved: ["0.95", "70 ms"] });
    expect(late).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringContaining(`${await nameOf(f.members.LEAD.id)} saved revision 2 of the model brief while you were editing`),
      values: { monitoring: "DS's plan", resultAchieved: ["0.95", "70 ms"], resultKey: ["sc-precision", "sc-latency"] },
    });
    expect((await getBriefRevision(f.team.id, featureId, 2))!.monitoring).toBe("Lead's plan");
    expect(await getBriefRevision(f.team.id, featureId, 3)).toBeNull();
    // Saved on top of the newer revision, it lands.
    expect(await save(f, featureId, 2, { ...COMPLETE, monitoring: "DS's plan" })).toMatchObject({ ok: true, data: { revision: 3 } });
  });

  it("lets exactly one of two simultaneous saves on the same base through", async () => {
    const { f, featureId } = await setup();
    const [a, b] = await Promise.all([
      save(f, featureId, 0, { ...COMPLETE, intendedUse: "A" }),
      save(f, featureId, 0, { ...COMPLETE, intendedUse: "B" }, "LEAD"),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: "conflict" });
    expect(await db.briefRevision.count({ where: { featureId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { featureId, action: "brief.saved" } })).toBe(1);
  });

  it("takes at most one PoC result per success criterion a spec can hold (50)", async () => {
    const { f, featureId } = await setup();
    const many = Array.from({ length: 51 }, (_, i) => `sc-${i}`);
    expect(await save(f, featureId, 0, { ...SECTIONS, resultKey: many, resultAchieved: many.map(() => "0.9") })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { resultKey: ["At most 50 PoC results, one per success criterion."] },
    });
    expect(await db.briefRevision.count({ where: { featureId } })).toBe(0);
  });

  it("gives field messages and writes nothing for bad input", async () => {
    const { f, featureId } = await setup();
    const before = await auditCount(f.team.id);
    expect(await save(f, featureId, 0, { ...COMPLETE, failureModes: "x".repeat(20_001) })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { failureModes: [expect.stringContaining("under 20,000")] },
    });
    expect(await save(f, featureId, 0, { ...COMPLETE, resultMet: ["yes", "maybe"] })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { resultMet: ["Pick met, not met, or leave it open."] },
    });
    expect(await save(f, featureId, 0, { ...COMPLETE, resultAchieved: ["0.93", "x".repeat(201)] })).toMatchObject({
      ok: false,
      fieldErrors: { resultAchieved: ["Use at most 200 characters."] },
    });
    expect(await save(f, featureId, 0, { ...COMPLETE, resultKey: ["sc-precision", "sc-precision"] })).toMatchObject({
      ok: false,
      fieldErrors: { pocResults: ["Two PoC results name the same success criterion."] },
    });
    expect(await save(f, featureId, 0, { ...COMPLETE, unexpected: "field" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await save(f, featureId, 0, { ...COMPLETE, baseRevision: "-1" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await auditCount(f.team.id)).toBe(before);
    expect(await db.briefRevision.count({ where: { featureId } })).toBe(0);
  });

  it("cannot reach another team's feature, even for a member of the team named", async () => {
    const { f } = await setup();
    const other = await setup();
    const result = await saveBrief.run(f.members.DS.id, { ...COMPLETE, teamId: f.team.id, featureId: other.featureId, baseRevision: 0 });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.briefRevision.count({ where: { featureId: other.featureId } })).toBe(0);
    expect(await getBriefPage(f.team.id, other.featureId)).toBeNull();
  });
});

describe("permission matrix of saveBrief", () => {
  const allowedRoles: Actor[] = ["LEAD", "DS"];
  for (const actor of ACTORS) {
    const allowed = allowedRoles.includes(actor);
    it(`saveBrief by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
      const { f, featureId } = await setup();
      await save(f, featureId, 0);
      const [events, revisions] = [
        await auditCount(f.team.id),
        await db.briefRevision.findMany({ where: { featureId }, select: { id: true, number: true } }),
      ];
      const result = await saveBrief.run(actorId(f, actor), { teamId: f.team.id, featureId, baseRevision: 1, ...COMPLETE, monitoring: "changed" });
      if (allowed) {
        expect(result).toMatchObject({ ok: true, data: { revision: 2 } });
        return;
      }
      const code = actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
      expect(result).toMatchObject({ ok: false, code });
      if (code === "forbidden") expect(result).toMatchObject({ error: "Only a team lead or data scientist can do this." });
      expect(await auditCount(f.team.id)).toBe(events);
      expect(await db.briefRevision.findMany({ where: { featureId }, select: { id: true, number: true } })).toEqual(revisions);
    });
  }
});

describe("the POC → BUILD gate", () => {
  const line = async (teamId: string, featureId: string) =>
    (await getFeature(teamId, featureId))!.gate!.requirements.find((r) => r.key === "POC.brief_results")!;

  it("needs a PoC result (achieved, met or not) for every success criterion, and failure modes", async () => {
    const { f, featureId } = await setup();
    expect(await line(f.team.id, featureId)).toMatchObject({
      met: false,
      actors: ["DS"],
      detail: "Missing: a PoC result (achieved value, met or not) for “precision at 1% review rate”, “p95 latency”; failure modes.",
    });
    // One result without a met decision, and no failure modes yet.
    await save(f, featureId, 0, { ...COMPLETE, failureModes: " ", resultMet: ["yes", ""] });
    expect(await line(f.team.id, featureId)).toMatchObject({
      met: false,
      detail: "Missing: a PoC result (achieved value, met or not) for “p95 latency”; failure modes.",
    });
    // A decision without an achieved value does not count either.
    await save(f, featureId, 1, { ...COMPLETE, resultAchieved: ["0.93", ""] });
    expect(await line(f.team.id, featureId)).toMatchObject({
      met: false,
      detail: "Missing: a PoC result (achieved value, met or not) for “p95 latency”.",
    });
    // "Not met" is a result too: the go decision is the PM's sign-off.
    await save(f, featureId, 2, { ...COMPLETE, resultMet: ["yes", "no"] });
    expect(await line(f.team.id, featureId)).toMatchObject({ met: true });
  });

  it("reads the approved spec's criteria: a new criterion reopens it", async () => {
    const { f, featureId } = await setup();
    await save(f, featureId, 0);
    expect(await line(f.team.id, featureId)).toMatchObject({ met: true });
    const spec2 = await db.specRevision.create({
      data: {
        featureId,
        number: 2,
        status: "APPROVED",
        successCriteria: [...CRITERIA, { key: "sc-recall", metric: "recall", target: ">= 0.5", howMeasured: "", phase: "1" }],
      },
    });
    await db.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: spec2.id } });
    expect(await line(f.team.id, featureId)).toMatchObject({
      met: false,
      detail: "Missing: a PoC result (achieved value, met or not) for “recall”.",
    });
  });

  it("voids the DS and PM sign-offs when a new brief revision is saved, then lets the feature through", async () => {
    const { f, featureId, ids } = await setup();
    await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.DS.id, role: "DS", kind: "RESPONSIBLE" });
    await save(f, featureId, 0);
    await signGate.run(f.members.DS.id, { ...ids, role: "DS" });
    await signGate.run(f.members.PM.id, { ...ids, role: "PM" });
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);

    await save(f, featureId, 1, { ...COMPLETE, resultAchieved: ["0.91", "84 ms"] });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.ready).toBe(false);
    expect(gate.signoffs.every((s) => s.given.length === 0)).toBe(true);
    expect(await db.gateSignoff.count({ where: { featureId, gate: "POC", revokedAt: { not: null } } })).toBe(2);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false, code: "conflict" });

    await signGate.run(f.members.DS.id, { ...ids, role: "DS" });
    await signGate.run(f.members.PM.id, { ...ids, role: "PM" });
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: true, data: { stage: "BUILD" } });
  });

  it("is refused while results are missing, naming the requirement", async () => {
    const { f, featureId, ids } = await setup();
    await db.teamGateSetting.createMany({
      data: ["POC.ds_responsible", "POC.signoff.DS", "POC.signoff.PM"].map((key) => ({ teamId: f.team.id, key, enabled: false })),
    });
    const refused = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(refused.ok || refused.error).toContain("The model brief records PoC results for every success criterion, and failure modes");
    await save(f, featureId, 0);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: true, data: { stage: "BUILD" } });
  });
});

describe("the BUILD → VALIDATION gate", () => {
  const line = async (teamId: string, featureId: string) =>
    (await getFeature(teamId, featureId))!.gate!.requirements.find((r) => r.key === "BUILD.monitoring_plan")!;

  it("needs the brief's monitoring plan; changing the plan voids the developer's sign-off, other sections do not", async () => {
    const { f, featureId, ids } = await setup("BUILD");
    expect(await line(f.team.id, featureId)).toMatchObject({
      met: false,
      actors: ["DS"],
      detail: "Write the monitoring section of the model brief.",
    });
    await save(f, featureId, 0, { ...COMPLETE, monitoring: "  \n " });
    expect(await line(f.team.id, featureId)).toMatchObject({ met: false });
    await save(f, featureId, 1);
    expect(await line(f.team.id, featureId)).toMatchObject({ met: true });

    expect(await signGate.run(f.members.DEV.id, { ...ids, role: "DEV" })).toMatchObject({ ok: true });
    await save(f, featureId, 2, { ...COMPLETE, improvements: "Better graph features" });
    expect(await db.gateSignoff.count({ where: { featureId, gate: "BUILD", revokedAt: null } })).toBe(1);
    await save(f, featureId, 3, { ...COMPLETE, monitoring: "PSI daily, alert at 0.2" });
    expect(await db.gateSignoff.count({ where: { featureId, gate: "BUILD", revokedAt: null } })).toBe(0);
  });
});

describe("completeness rule", () => {
  const complete = { pocResults: [{ criterionKey: "a", achieved: "0.8", met: true, notes: "" }], failureModes: "f", monitoring: "" };
  const one = [{ key: "a", metric: "auc", target: ">= 0.8", howMeasured: "", phase: "" }];
  it.each([
    [null, null, ["an approved spec to report PoC results against", "failure modes"]],
    [complete, [], ["success criteria in the approved spec to report PoC results against"]],
    [null, one, ["a PoC result (achieved value, met or not) for “auc”", "failure modes"]],
    [{ ...complete, pocResults: [{ criterionKey: "b", achieved: "0.8", met: true, notes: "" }] }, one, ["a PoC result (achieved value, met or not) for “auc”"]],
    [complete, one, []],
  ])("%j against %j misses %j", (brief, criteria, missing) => {
    expect(missingForPoc(brief, criteria)).toEqual(missing);
  });
});

describe("model card export", () => {
  const revision = {
    ...SECTIONS,
    caveats: "",
    number: 4,
    createdAt: new Date("2026-11-20T10:00:00Z"),
    author: { name: "Dana Data" },
    pocResults: [{ criterionKey: "sc-precision", achieved: "0.93", met: true, notes: "holdout | Oct–Dec\nsecond line" }],
  };

  it("follows the Model Cards sections, with the PoC results against the spec's targets", () => {
    const md = briefToModelCard("Fraud score", revision, CRITERIA);
    expect(md.startsWith("# Model card: Fraud score\n")).toBe(true);
    expect(md).toContain("- Feature: Fraud score\n- Model brief revision: 4\n- Author: Dana Data\n- Date: 2026-11-20");
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Model details",
      "## Intended use",
      "## Out-of-scope uses",
      "## Data",
      "## Metrics",
      "## Quantitative analyses",
      "## Data slices",
      "## Failure modes",
      "## Ethical considerations and caveats",
      "## Monitoring",
      "## Improvements",
      "## Future enhancements",
    ]);
    expect(md).toContain("## Intended use\n\nScore **card** checkouts for fraud review\n");
    expect(md).toContain("| Criterion | Target | Achieved | Met | Notes |");
    expect(md).toContain("| precision at 1% review rate | >= 0.90 | 0.93 | Met | holdout \\| Oct–Dec second line |");
    expect(md).toContain("| p95 latency | < 100 ms | — | Not decided |  |");
    expect(md).toContain("## Ethical considerations and caveats\n\n_Not written._");
    expect(md).toContain(`## Monitoring\n\n${SECTIONS.monitoring}`);
  });

  it("says when there is no brief or no approved spec", () => {
    expect(briefToModelCard("Fraud score", null, CRITERIA)).toBe("# Model card: Fraud score\n\n_No model brief written yet._\n");
    expect(briefToModelCard("Fraud score", revision, null)).toContain("## Quantitative analyses\n\nPoC results against the success criteria of the approved spec.\n\n_No spec approved yet._");
  });
});

describe("brief rendering", () => {
  it("never lets a payload in any section, criterion or result become executable markup", () => {
    for (const payload of XSS_PAYLOADS) {
      const sections = Object.fromEntries(Object.keys(SECTIONS).map((key) => [key, payload])) as typeof SECTIONS;
      const html = renderToStaticMarkup(
        createElement(BriefView, {
          revision: { ...sections, pocResults: [{ criterionKey: "k", achieved: payload, met: true, notes: payload }] },
          criteria: [{ key: "k", metric: payload, target: payload, howMeasured: payload, phase: payload }],
        }),
      );
      expectHarmless(html);
    }
  });
});
