import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFeature, advanceFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import {
  createCriterion,
  moveCriterion,
  passCriteria,
  removeCriterion,
  retireCriterion,
  setCriterionVerdict,
  updateCriterion,
} from "@/lib/criteria/commands";
import { listCriteria, listQaQueue } from "@/lib/criteria/queries";
import { auditCount, createTeamWithRoles, ACTORS, actorId, type Actor, type Fixture } from "@/tests/fixtures";


async function approveSpec(featureId: string, number: number) {
  const spec = await db.specRevision.create({
    data: {
      featureId,
      number,
      status: "APPROVED",
      problem: "p",
      customerContext: "c",
      constraints: "k",
      successCriteria: [{ key: "sc1", metric: "precision", target: ">= 0.9", howMeasured: "holdout", phase: "1" }],
    },
  });
  await db.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: spec.id } });
}

async function setup(stage: "IDEA" | "BUILD" | "VALIDATION" = "IDEA") {
  const f = await createTeamWithRoles();
  const r = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Fraud score", summary: "Score checkouts" });
  if (!r.ok) throw new Error(r.error);
  const featureId = r.data.featureId;
  await approveSpec(featureId, 1);
  if (stage !== "IDEA") await db.feature.update({ where: { id: featureId }, data: { stage } });
  // Only the criteria requirements, so the gates here test them alone.
  const others = [
    "BUILD.dev_responsible",
    "BUILD.signoff.DEV",
    "BUILD.monitoring_owners",
    "BUILD.monitoring_plan",
    "VALIDATION.qa_responsible",
    "VALIDATION.signoff.QA",
    "VALIDATION.signoff.PM",
    "VALIDATION.readiness_bar",
  ];
  await db.teamGateSetting.createMany({ data: others.map((key) => ({ teamId: f.team.id, key, enabled: false })) });
  return { f, featureId, ids: { teamId: f.team.id, featureId } };
}

async function add(f: Fixture, featureId: string, text: string) {
  const r = await createCriterion.run(f.members.PM.id, { teamId: f.team.id, featureId, text });
  if (!r.ok) throw new Error(r.error);
  return r.data.criterionId;
}

describe("writing criteria", () => {
  it("records the spec revision, orders them, and edits with history before any verdict", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "Scores arrive within 100 ms");
    const gwt = await createCriterion.run(f.members.PM.id, {
      ...ids,
      given: "a known fraudster's card",
      when: "they check out",
      then: "the order is held",
      successCriterionKeys: "sc1",
    });
    expect(gwt).toMatchObject({ ok: true });
    let list = (await listCriteria(f.team.id, featureId))!;
    expect(list.criteria.map((c) => [c.position, c.specRevisionNumber])).toEqual([[1, 1], [2, 1]]);
    expect(list.criteria[1]!.successCriterionKeys).toEqual(["sc1"]);

    await moveCriterion.run(f.members.PM.id, { ...ids, criterionId: a, direction: "down" });
    list = (await listCriteria(f.team.id, featureId))!;
    expect(list.criteria.map((c) => c.id).at(-1)).toBe(a);

    expect(await updateCriterion.run(f.members.PM.id, { ...ids, criterionId: a, version: 1, text: "Within 80 ms" })).toMatchObject({ ok: true });
    expect(await updateCriterion.run(f.members.PM.id, { ...ids, criterionId: a, version: 1, text: "Stale" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const edits = await db.auditEvent.findMany({ where: { featureId, action: "criterion.edited" } });
    expect(edits.map((e) => [e.before, e.after])).toEqual([[{ text: "Scores arrive within 100 ms" }, { text: "Within 80 ms" }]]);
  });

  it("gives field messages for half a Given / When / Then or both forms at once", async () => {
    const { f, ids } = await setup();
    expect(await createCriterion.run(f.members.PM.id, { ...ids, given: "x" })).toMatchObject({
      ok: false,
      fieldErrors: { when: ["Say when."], then: ["Say what then happens."] },
    });
    expect(await createCriterion.run(f.members.PM.id, { ...ids, given: "x", when: "y", then: "z", text: "t" })).toMatchObject({
      ok: false,
      fieldErrors: { text: [expect.stringContaining("not both")] },
    });
    expect(await createCriterion.run(f.members.PM.id, { ...ids })).toMatchObject({ ok: false, fieldErrors: { text: [expect.any(String)] } });
  });

  it("links at most the 50 success criteria a spec can hold, each by a short key", async () => {
    const { f, ids } = await setup();
    const keys = Array.from({ length: 51 }, (_, i) => `sc${i}`);
    expect(await createCriterion.run(f.members.PM.id, { ...ids, text: "t", successCriterionKeys: keys })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { successCriterionKeys: ["Link at most 50 success criteria."] },
    });
    expect(await createCriterion.run(f.members.PM.id, { ...ids, text: "t", successCriterionKeys: ["k".repeat(65)] })).toMatchObject({
      ok: false,
      fieldErrors: { successCriterionKeys: ["Unknown success criterion: reload the page."] },
    });
    expect(await db.acceptanceCriterion.count({ where: { featureId: ids.featureId } })).toBe(0);
  });

  it("can only be retired, not edited or removed, once judged; history stays", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "Works");
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED" });
    expect(await updateCriterion.run(f.members.PM.id, { ...ids, criterionId: a, version: 1, text: "x" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await removeCriterion.run(f.members.PM.id, { ...ids, criterionId: a })).toMatchObject({ ok: false, code: "conflict" });
    expect(await retireCriterion.run(f.members.PM.id, { ...ids, criterionId: a, reason: "Superseded" })).toMatchObject({ ok: true });
    const [c] = (await listCriteria(f.team.id, featureId))!.criteria;
    expect(c).toMatchObject({ retiredReason: "Superseded", verdicts: [expect.objectContaining({ verdict: "PASSED" })] });
    const b = await add(f, featureId, "Unjudged");
    expect(await removeCriterion.run(f.members.PM.id, { ...ids, criterionId: b })).toMatchObject({ ok: true });
  });
});

describe("verdicts", () => {
  it("keeps every verdict with who and when; a non-pass needs a note; evidence must be a web link", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "Works");
    expect(await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "FAILED" })).toMatchObject({
      ok: false,
      fieldErrors: { note: ["Say what failed or what blocks it."] },
    });
    expect(
      await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED", evidenceUrl: "javascript:alert(1)" }),
    ).toMatchObject({ ok: false, fieldErrors: { evidenceUrl: [expect.stringContaining("http(s)")] } });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "FAILED", note: "Timeout at 300 ms", evidenceUrl: "https://ci.test/1" });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED", evidenceUrl: "https://ci.test/2" });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "UNTESTED" });
    const [c] = (await listCriteria(f.team.id, featureId))!.criteria;
    expect(c!.verdict).toBe("UNTESTED");
    expect(c!.verdicts.map((v) => [v.verdict, v.note, v.evidenceUrl, v.user?.name])).toEqual([
      ["UNTESTED", null, null, expect.any(String)],
      ["PASSED", null, "https://ci.test/2", expect.any(String)],
      ["FAILED", "Timeout at 300 ms", "https://ci.test/1", expect.any(String)],
    ]);
  });

  it("keeps both of two simultaneous verdicts in the history", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "Works");
    const qa2 = await db.user.create({ data: { name: "Second QA", email: `qa2-${a}@test.liftoff`, passwordHash: "x" } });
    await db.membership.create({ data: { teamId: f.team.id, userId: qa2.id, roles: ["QA"] } });
    const results = await Promise.all([
      setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED" }),
      setCriterionVerdict.run(qa2.id, { ...ids, criterionId: a, verdict: "FAILED", note: "Flaky" }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const [c] = (await listCriteria(f.team.id, featureId))!.criteria;
    expect(c!.verdicts).toHaveLength(2);
    // The criterion shows whichever was recorded last.
    expect(c!.verdict).toBe(c!.verdicts[0]!.verdict);
  });

  it("flags re-verify when the approved spec changes after a verdict, until QA judges again", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "Works");
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED" });
    expect((await listCriteria(f.team.id, featureId))!.criteria[0]!.reverify).toBe(false);
    await approveSpec(featureId, 2);
    expect((await listCriteria(f.team.id, featureId))!.criteria[0]!.reverify).toBe(true);
    expect((await listQaQueue(f.team.id)).groups.flatMap((g) => g.criteria.map((c) => [c.id, c.reverify]))).toEqual([[a, true]]);
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED" });
    expect((await listCriteria(f.team.id, featureId))!.criteria[0]!.reverify).toBe(false);
    expect((await listQaQueue(f.team.id)).groups).toEqual([]);
  });
});

describe("the QA queue", () => {
  it("names each criterion by its number on the feature, not by its place in the queue", async () => {
    const { f, featureId, ids } = await setup();
    const [a, b, c, d] = [await add(f, featureId, "A"), await add(f, featureId, "B"), await add(f, featureId, "C"), await add(f, featureId, "D")];
    await retireCriterion.run(f.members.PM.id, { ...ids, criterionId: a, reason: "Out of scope" });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: b, verdict: "PASSED" });
    // On the feature page, with A retired: B is criterion 1, C is 2, D is 3.
    const { groups } = await listQaQueue(f.team.id);
    expect(groups.flatMap((g) => g.criteria.map((row) => [row.id, row.number, row.reverify]))).toEqual([
      [c, 2, false],
      [d, 3, false],
    ]);
    // B needs re-verifying once another spec revision is approved: it joins the queue as criterion 1.
    await approveSpec(featureId, 2);
    expect((await listQaQueue(f.team.id)).groups.flatMap((g) => g.criteria.map((row) => [row.id, row.number, row.reverify]))).toEqual([
      [b, 1, true],
      [c, 2, false],
      [d, 3, false],
    ]);
  });
});

describe("passing several criteria at once", () => {
  it("records each verdict with the one note and link, audits each, and refreshes every feature's gate", async () => {
    const { f, featureId, ids } = await setup("VALIDATION");
    const other = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Churn model", summary: "s" });
    if (!other.ok) throw new Error(other.error);
    const otherId = other.data.featureId;
    const [a, b] = [await add(f, featureId, "A"), await add(f, featureId, "B")];
    const c = await add(f, otherId, "C");
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: b, verdict: "FAILED", note: "Broke" });
    const audits = await auditCount(f.team.id);
    const gate = async () => (await getFeature(f.team.id, featureId))!.gate!.requirements.find((r) => r.key === "VALIDATION.criteria_passed")!;
    expect(await gate()).toMatchObject({ met: false });
    const stored = () => db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { gateReady: true, failedCriteria: true } });
    expect(await stored()).toEqual({ gateReady: false, failedCriteria: 1 });

    const result = await passCriteria.run(f.members.QA.id, {
      teamId: f.team.id,
      criterionIds: [a, b, c, a],
      note: "Release candidate 3",
      evidenceUrl: "https://ci.test/run/9",
    });
    expect(result).toMatchObject({ ok: true, data: { count: 3 } });
    const verdicts = await db.criterionVerdict.findMany({
      where: { criterionId: { in: [a, b, c] }, verdict: "PASSED" },
      select: { criterionId: true, note: true, evidenceUrl: true, userId: true },
    });
    expect(verdicts.map((v) => v.criterionId).sort()).toEqual([a, b, c].sort());
    expect(verdicts.every((v) => v.note === "Release candidate 3" && v.evidenceUrl === "https://ci.test/run/9" && v.userId === f.members.QA.id)).toBe(true);
    // B keeps its earlier failure in its history.
    expect(await db.criterionVerdict.count({ where: { criterionId: b } })).toBe(2);
    expect(await auditCount(f.team.id)).toBe(audits + 3);
    const events = await db.auditEvent.findMany({ where: { teamId: f.team.id, action: "criterion.verdict_set", targetId: { in: [a, b, c] } }, select: { featureId: true, targetId: true, after: true } });
    expect(events.find((e) => e.targetId === c)).toMatchObject({ featureId: otherId, after: { verdict: "PASSED", note: "Release candidate 3", text: "C" } });
    // The stored gate summary, not only the computed one, sees every criterion passed.
    expect(await gate()).toMatchObject({ met: true });
    expect(await stored()).toEqual({ gateReady: true, failedCriteria: 0 });
    expect((await listQaQueue(f.team.id)).groups).toEqual([]);
  });

  it("refuses the whole batch when one criterion is another team's or retired, writing nothing", async () => {
    const { f, featureId, ids } = await setup();
    const a = await add(f, featureId, "A");
    const r = await add(f, featureId, "R");
    await retireCriterion.run(f.members.PM.id, { ...ids, criterionId: r, reason: "Dropped" });
    const other = await setup();
    const foreign = await add(other.f, other.featureId, "Theirs");
    const snapshot = async () => [await auditCount(f.team.id), await db.criterionVerdict.count({ where: { criterionId: { in: [a, r, foreign] } } })];
    const before = await snapshot();
    expect(await passCriteria.run(f.members.QA.id, { teamId: f.team.id, criterionIds: [a, foreign] })).toMatchObject({ ok: false, code: "not_found" });
    expect(await passCriteria.run(f.members.QA.id, { teamId: f.team.id, criterionIds: [a, r] })).toMatchObject({ ok: false, code: "conflict" });
    expect(await passCriteria.run(f.members.QA.id, { teamId: f.team.id, criterionIds: [] })).toMatchObject({
      ok: false,
      fieldErrors: { criterionIds: ["Select the criteria that passed."] },
    });
    expect(await passCriteria.run(f.members.QA.id, { teamId: f.team.id, criterionIds: [a], evidenceUrl: "ftp://x" })).toMatchObject({
      ok: false,
      fieldErrors: { evidenceUrl: [expect.stringContaining("http(s)")] },
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("gates", () => {
  it("BUILD → VALIDATION needs at least one active criterion", async () => {
    const { f, featureId, ids } = await setup("BUILD");
    const line = async () => (await getFeature(f.team.id, featureId))!.gate!.requirements.find((r) => r.key === "BUILD.criteria_exist")!;
    expect(await line()).toMatchObject({ met: false });
    await add(f, featureId, "Works");
    expect(await line()).toMatchObject({ met: true });
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: true, data: { stage: "VALIDATION" } });
  });

  it("VALIDATION → PRODUCTION needs every active criterion passed against the approved spec", async () => {
    const { f, featureId, ids } = await setup("VALIDATION");
    const [a, b, c] = [await add(f, featureId, "A"), await add(f, featureId, "B"), await add(f, featureId, "C")];
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: a, verdict: "PASSED" });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: b, verdict: "PASSED" });
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: c, verdict: "FAILED", note: "Wrong total" });
    const refused = await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("Every acceptance criterion passed") });
    // A retired criterion does not count; a new spec revision sends all back to QA.
    await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: c, verdict: "PASSED" });
    await approveSpec(featureId, 2);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false });
    for (const id of [a, b]) await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: id, verdict: "PASSED" });
    await retireCriterion.run(f.members.PM.id, { ...ids, criterionId: c, reason: "Out of scope now" });
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: true, data: { stage: "PRODUCTION" } });
  });
});

describe("permission matrix of the criteria commands", () => {
  const cases: {
    name: string;
    allowed: Actor[];
    run: (f: Fixture, featureId: string, criterionId: string, actor: string | null) => Promise<{ ok: boolean }>;
    judged?: boolean;
  }[] = [
    { name: "createCriterion", allowed: ["LEAD", "PM"], run: (f, id, _c, a) => createCriterion.run(a, { teamId: f.team.id, featureId: id, text: "New" }) },
    { name: "updateCriterion", allowed: ["LEAD", "PM"], run: (f, id, c, a) => updateCriterion.run(a, { teamId: f.team.id, featureId: id, criterionId: c, version: 1, text: "Edit" }) },
    { name: "removeCriterion", allowed: ["LEAD", "PM"], run: (f, id, c, a) => removeCriterion.run(a, { teamId: f.team.id, featureId: id, criterionId: c }) },
    { name: "retireCriterion", allowed: ["LEAD", "PM"], run: (f, id, c, a) => retireCriterion.run(a, { teamId: f.team.id, featureId: id, criterionId: c, reason: "Gone" }) },
    { name: "moveCriterion", allowed: ["LEAD", "PM"], run: (f, id, c, a) => moveCriterion.run(a, { teamId: f.team.id, featureId: id, criterionId: c, direction: "up" }) },
    { name: "setCriterionVerdict", allowed: ["QA"], run: (f, id, c, a) => setCriterionVerdict.run(a, { teamId: f.team.id, featureId: id, criterionId: c, verdict: "PASSED" }) },
    { name: "passCriteria", allowed: ["QA"], run: (f, _id, c, a) => passCriteria.run(a, { teamId: f.team.id, criterionIds: [c], note: "All green" }) },
  ];
  for (const c of cases) {
    for (const actor of ACTORS) {
      const allowed = c.allowed.includes(actor);
      it(`${c.name} by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
        const { f, featureId } = await setup();
        await add(f, featureId, "First");
        const criterionId = await add(f, featureId, "Second");
        const snapshot = async () => [
          await auditCount(f.team.id),
          await db.acceptanceCriterion.findMany({ where: { featureId }, orderBy: { id: "asc" } }),
          await db.criterionVerdict.count({ where: { criterion: { featureId } } }),
        ];
        const before = await snapshot();
        const result = await c.run(f, featureId, criterionId, actorId(f, actor));
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          return;
        }
        const code = actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
        expect(result).toMatchObject({ ok: false, code });
        expect(await snapshot()).toEqual(before);
      });
    }
  }
});
