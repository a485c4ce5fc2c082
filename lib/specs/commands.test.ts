import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { SpecView } from "@/components/specs/spec-view";
import { db } from "@/lib/db";
import { advanceFeature, createFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { signGate } from "@/lib/gates/commands";
import type { Role } from "@/lib/generated/prisma/enums";
import { missingFromSpec } from "@/lib/specs/completeness";
import { diffSpecs } from "@/lib/specs/diff";
import { mergeSpecs, type SpecDraft } from "@/lib/specs/merge";
import { specToMarkdown } from "@/lib/specs/export";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";
import { getRevision, listRevisions } from "@/lib/specs/queries";
import { auditCount, createTeamWithRoles, ACTORS, actorId, type Fixture } from "@/tests/fixtures";
import { expectHarmless, XSS_PAYLOADS } from "@/tests/xss";


const COMPLETE = {
  problem: "Chargebacks cost **2%** of revenue",
  customerContext: "Checkout; card payments in the EU",
  constraints: "Under 100 ms p95; no new PII",
  criterionMetric: ["precision at 1% review rate"],
  criterionTarget: [">= 0.90"],
  criterionHowMeasured: ["holdout of last 3 months"],
  criterionPhase: ["1"],
};

async function feature(f: Fixture) {
  const r = await createFeature.run(f.members.PM.id, {
    teamId: f.team.id,
    title: "Fraud score",
    summary: "Score checkouts",
    phaseName: "Phase 1",
    phaseTargets: "precision >= 0.9",
  });
  if (!r.ok) throw new Error(r.error);
  return r.data.featureId;
}

async function save(f: Fixture, featureId: string, base: number, fields: Record<string, unknown> = COMPLETE, who: Role = "PM") {
  return saveSpec.run(f.members[who].id, { teamId: f.team.id, featureId, baseRevision: base, ...fields });
}

describe("saving a spec", () => {
  it("makes a revision per save, with author, and keeps criterion keys across revisions", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    expect(await save(f, featureId, 0)).toMatchObject({ ok: true, data: { revision: 1 } });
    const first = (await getRevision(f.team.id, featureId, 1))!;
    expect(first).toMatchObject({ problem: COMPLETE.problem, author: { name: expect.any(String) }, status: "DRAFT" });
    const key = first.successCriteria[0]!.key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    const second = await save(f, featureId, 1, {
      ...COMPLETE,
      criterionKey: [key, ""],
      criterionMetric: ["precision at 1% review rate", "recall"],
      criterionTarget: [">= 0.92", ">= 0.5"],
      criterionHowMeasured: ["holdout", "holdout"],
      criterionPhase: ["1", "2"],
    });
    expect(second).toMatchObject({ ok: true, data: { revision: 2 } });
    const rev2 = (await getRevision(f.team.id, featureId, 2))!;
    expect(rev2.successCriteria.map((c) => c.key)[0]).toBe(key);
    expect(rev2.successCriteria[1]!.key).not.toBe(key);
    expect((await listRevisions(f.team.id, featureId)).rows.map((r) => r.number)).toEqual([2, 1]);
  });

  it("refuses a save based on an older revision and keeps the newer text", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    await save(f, featureId, 0);
    await save(f, featureId, 1, { ...COMPLETE, problem: "Lead's wording" }, "LEAD");
    const late = await save(f, featureId, 1, { ...COMPLETE, problem: "PM's wording" });
    expect(late).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringContaining("saved revision 2 while you were editing"),
      values: { problem: "PM's wording" },
    });
    expect((await getRevision(f.team.id, featureId, 2))!.problem).toBe("Lead's wording");
    expect(await getRevision(f.team.id, featureId, 3)).toBeNull();
  });

  it("a refused stale save, merged by section and re-based on the latest revision, keeps both people's edits", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const fields = (d: SpecDraft) => ({
      problem: d.problem,
      customerContext: d.customerContext,
      constraints: d.constraints,
      phases: d.phases,
      outOfScope: d.outOfScope,
      openQuestions: d.openQuestions,
      criterionKey: d.successCriteria.map((c) => c.key),
      criterionMetric: d.successCriteria.map((c) => c.metric),
      criterionTarget: d.successCriteria.map((c) => c.target),
      criterionHowMeasured: d.successCriteria.map((c) => c.howMeasured),
      criterionPhase: d.successCriteria.map((c) => c.phase),
    });
    await save(f, featureId, 0);
    const base = (await getRevision(f.team.id, featureId, 1))!;
    await save(f, featureId, 1, fields({ ...base, outOfScope: "Perishable goods" }), "LEAD");
    const mine = { ...base, openQuestions: "Seasonal items?\r\nBundles?" };
    expect(await save(f, featureId, 1, fields(mine))).toMatchObject({ ok: false, code: "conflict" });

    const theirs = (await getRevision(f.team.id, featureId, 2))!;
    const merge = mergeSpecs(base, mine, theirs);
    expect(merge.conflicts).toEqual([]);
    // The server still takes a save only on the latest revision: the merge goes on revision 2.
    expect(await save(f, featureId, 1, fields(merge.merged))).toMatchObject({ ok: false, code: "conflict" });
    expect(await save(f, featureId, 2, fields(merge.merged))).toMatchObject({ ok: true, data: { revision: 3 } });
    expect(await getRevision(f.team.id, featureId, 3)).toMatchObject({
      outOfScope: "Perishable goods",
      openQuestions: "Seasonal items?\nBundles?",
      problem: COMPLETE.problem,
      successCriteria: base.successCriteria,
    });
  });

  it("lets exactly one of two simultaneous saves on the same base through", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const [a, b] = await Promise.all([
      save(f, featureId, 0, { ...COMPLETE, problem: "A" }),
      save(f, featureId, 0, { ...COMPLETE, problem: "B" }, "LEAD"),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((await listRevisions(f.team.id, featureId)).total).toBe(1);
  });

  it("gives field messages and writes nothing for bad input", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const before = await auditCount(f.team.id);
    const tooLong = await save(f, featureId, 0, { ...COMPLETE, problem: "x".repeat(20_001) });
    expect(tooLong).toMatchObject({ ok: false, code: "invalid", fieldErrors: { problem: [expect.stringContaining("under 20,000")] } });
    const noMetric = await save(f, featureId, 0, { criterionMetric: [""], criterionTarget: [">= 1"] });
    expect(noMetric).toMatchObject({ ok: false, code: "invalid", fieldErrors: { successCriteria: ["Row 1: name the metric."] } });
    expect(await auditCount(f.team.id)).toBe(before);
  });

  it("holds at most 50 success criteria: a 51st is refused with a field message", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const rows = (n: number) => ({
      ...COMPLETE,
      criterionKey: Array.from({ length: n }, () => ""),
      criterionMetric: Array.from({ length: n }, (_, i) => `metric ${i + 1}`),
      criterionTarget: Array.from({ length: n }, () => ">= 0.9"),
      criterionHowMeasured: Array.from({ length: n }, () => "holdout"),
      criterionPhase: Array.from({ length: n }, () => "1"),
    });
    expect(await save(f, featureId, 0, rows(51))).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { criterionMetric: ["A spec holds at most 50 success criteria."] },
    });
    expect(await db.specRevision.count({ where: { featureId } })).toBe(0);
    expect(await save(f, featureId, 0, rows(50))).toMatchObject({ ok: true });
  });
});

describe("permission matrix of the spec commands", () => {
  const cases = [
    { name: "saveSpec", allowed: ["LEAD", "PM"], prepare: async () => {}, run: (f: Fixture, id: string, a: string | null) => saveSpec.run(a, { teamId: f.team.id, featureId: id, baseRevision: 0, ...COMPLETE }) },
    {
      name: "requestSpecReview",
      allowed: ["LEAD", "PM"],
      prepare: async (f: Fixture, id: string) => void (await save(f, id, 0)),
      run: (f: Fixture, id: string, a: string | null) => requestSpecReview.run(a, { teamId: f.team.id, featureId: id, revision: 1 }),
    },
    {
      // The PM wrote revision 1: the lead may approve it, the PM (its author) may not.
      name: "reviewSpec (approve)",
      allowed: ["LEAD"],
      prepare: async (f: Fixture, id: string) => {
        await save(f, id, 0);
        await requestSpecReview.run(f.members.PM.id, { teamId: f.team.id, featureId: id, revision: 1 });
      },
      run: (f: Fixture, id: string, a: string | null) =>
        reviewSpec.run(a, { teamId: f.team.id, featureId: id, revision: 1, decision: "APPROVED" }),
    },
  ];
  for (const c of cases) {
    for (const actor of ACTORS) {
      const allowed = c.allowed.includes(actor);
      it(`${c.name} by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
        const f = await createTeamWithRoles();
        const featureId = await feature(f);
        await c.prepare(f, featureId);
        const [events, revisions] = [await auditCount(f.team.id), await db.specRevision.findMany({ where: { featureId }, select: { status: true } })];
        const result = await c.run(f, featureId, actorId(f, actor));
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          return;
        }
        const code = actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
        expect(result).toMatchObject({ ok: false, code });
        expect(await auditCount(f.team.id)).toBe(events);
        expect(await db.specRevision.findMany({ where: { featureId }, select: { status: true } })).toEqual(revisions);
      });
    }
  }
});

describe("asking for review", () => {
  it.each([
    [
      "an empty spec",
      { problem: "", customerContext: "", constraints: "" },
      {
        problem: ["Write the problem."],
        customerContext: ["Write the customer and context."],
        constraints: ["Write the constraints."],
        successCriteria: [expect.stringContaining("measurable target")],
      },
    ],
    [
      "a spec without customer context and a measurable target",
      { ...COMPLETE, customerContext: "  ", criterionTarget: ["high"] },
      { customerContext: ["Write the customer and context."], successCriteria: [expect.stringContaining("measurable target")] },
    ],
    ["a spec without constraints", { ...COMPLETE, constraints: "" }, { constraints: ["Write the constraints."] }],
  ])("refuses %s, naming each missing section, and changes nothing", async (_name, fields, fieldErrors) => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    expect(await save(f, featureId, 0, fields)).toMatchObject({ ok: true });
    const before = await auditCount(f.team.id);
    const result = await requestSpecReview.run(f.members.PM.id, { teamId: f.team.id, featureId, revision: 1 });
    expect(result).toMatchObject({ ok: false, code: "invalid", error: expect.stringContaining("cannot go to review yet") });
    expect(!result.ok && result.fieldErrors).toEqual(fieldErrors);
    expect((await getRevision(f.team.id, featureId, 1))!.status).toBe("DRAFT");
    expect(await auditCount(f.team.id)).toBe(before);
  });

  it("sends a complete spec, and refuses a request for a revision that is no longer the latest", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const ids = { teamId: f.team.id, featureId };
    await save(f, featureId, 0);
    await save(f, featureId, 1, { ...COMPLETE, constraints: "Under 80 ms p95" });
    expect(await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 1 })).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringContaining("Only the latest revision"),
    });
    expect(await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 2 })).toMatchObject({ ok: true });
    expect((await getRevision(f.team.id, featureId, 2))!.status).toBe("IN_REVIEW");
  });
});

describe("review and the IDEA gate", () => {
  it("needs an approved, complete spec; approving a new revision voids sign-offs", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const ids = { teamId: f.team.id, featureId };
    const gateLine = async () =>
      (await getFeature(f.team.id, featureId))!.gate!.requirements.find((r) => r.key === "IDEA.spec_complete")!;
    expect(await gateLine()).toMatchObject({ met: false, detail: "Missing: an approved spec." });

    // An incomplete revision cannot go to review; one approved before that
    // rule (put in review here directly) still shows in the gate as missing.
    await save(f, featureId, 0, { problem: "Fraud", criterionMetric: ["precision"], criterionTarget: ["high"] });
    expect(await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 1 })).toMatchObject({ ok: false, code: "invalid" });
    await db.specRevision.update({ where: { featureId_number: { featureId, number: 1 } }, data: { status: "IN_REVIEW" } });
    expect(await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 1, decision: "CHANGES_REQUESTED" })).toMatchObject({
      ok: false,
      fieldErrors: { comment: ["Say what should change."] },
    });
    await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 1, decision: "APPROVED" });
    expect(await gateLine()).toMatchObject({
      met: false,
      detail: "Missing: customer and context, constraints, a success criterion with a measurable target.",
    });

    // A complete revision, reviewed: changes requested, then fixed and approved.
    await save(f, featureId, 1);
    await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 2 });
    await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 2, decision: "CHANGES_REQUESTED", comment: "Name the holdout" });
    expect((await getRevision(f.team.id, featureId, 2))!.status).toBe("CHANGES_REQUESTED");
    await save(f, featureId, 2, { ...COMPLETE, criterionHowMeasured: ["holdout: Jan–Mar"] });
    await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 3 });
    await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 3, decision: "APPROVED" });
    expect(await gateLine()).toMatchObject({ met: true });

    // Sign-offs vouch for revision 3; approving revision 4 voids them.
    await signGate.run(f.members.PM.id, { ...ids, role: "PM" });
    await signGate.run(f.members.DS.id, { ...ids, role: "DS" });
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);
    await save(f, featureId, 3, { ...COMPLETE, constraints: "Under 80 ms p95" });
    await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 4 });
    await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 4, decision: "APPROVED" });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.ready).toBe(false);
    expect(gate.signoffs.every((s) => s.given.length === 0)).toBe(true);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false });
  });

  it("reviews only a revision that waits for review, and only the latest goes to review", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const ids = { teamId: f.team.id, featureId };
    await save(f, featureId, 0);
    expect(await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 1, decision: "APPROVED" })).toMatchObject({
      ok: false,
      error: "Revision 1 is not waiting for review.",
    });
    await save(f, featureId, 1);
    expect(await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 1 })).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("only the latest revision is reviewed", () => {
  it("a new save supersedes the review request of the one before: it leaves review and My work", async () => {
    const { getMyWork } = await import("@/lib/my-work/queries");
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const ids = { teamId: f.team.id, featureId };
    await save(f, featureId, 0);
    await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 1 });
    expect((await getMyWork(f.team.id, f.members.LEAD.id, ["LEAD"])).specReviews.items).toHaveLength(1);
    await save(f, featureId, 1, { ...COMPLETE, constraints: "Under 80 ms p95" });
    expect((await getRevision(f.team.id, featureId, 1))!.status).toBe("SUPERSEDED");
    expect((await getMyWork(f.team.id, f.members.LEAD.id, ["LEAD"])).specReviews.items).toEqual([]);
    const saved = await db.auditEvent.findFirstOrThrow({ where: { featureId, action: "spec.saved" }, orderBy: { id: "desc" } });
    expect(saved.after).toEqual({ revision: 2, superseded: [1] });
    // A reviewer on a stale page cannot approve it.
    expect(await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 1, decision: "APPROVED" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await db.feature.findUniqueOrThrow({ where: { id: featureId } })).toMatchObject({ approvedSpecRevisionId: null });
  });

  it("refuses to approve a revision in review once a newer one exists, so the approved spec never moves backwards", async () => {
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    const ids = { teamId: f.team.id, featureId };
    await save(f, featureId, 0);
    await save(f, featureId, 1, { ...COMPLETE, constraints: "Under 80 ms p95" });
    await requestSpecReview.run(f.members.PM.id, { ...ids, revision: 2 });
    expect(await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 2, decision: "APPROVED" })).toMatchObject({ ok: true });
    // Revision 1 still marked in review (as rows written before this rule may be).
    await db.specRevision.update({ where: { featureId_number: { featureId, number: 1 } }, data: { status: "IN_REVIEW" } });
    const stale = await reviewSpec.run(f.members.LEAD.id, { ...ids, revision: 1, decision: "APPROVED" });
    expect(stale).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("latest") });
    expect((await getFeature(f.team.id, featureId))!.approvedSpecRevision).toMatchObject({ number: 2 });
  });
});

describe("completeness rule", () => {
  it.each([
    [null, ["an approved spec"]],
    [{ problem: "p", customerContext: "c", constraints: "k", successCriteria: [] }, ["a success criterion with a measurable target"]],
    [
      { problem: " ", customerContext: "c", constraints: "k", successCriteria: [{ key: "a", metric: "auc", target: "≥ 0.8", howMeasured: "", phase: "" }] },
      ["the problem"],
    ],
    [{ problem: "p", customerContext: "c", constraints: "k", successCriteria: [{ key: "a", metric: "auc", target: "≥ 0.8", howMeasured: "", phase: "" }] }, []],
  ])("%j misses %j", (spec, missing) => {
    expect(missingFromSpec(spec)).toEqual(missing);
  });
});

describe("diff and export", () => {
  it("shows changes section by section", () => {
    const a = { problem: "Fraud costs money", customerContext: "c", constraints: "k", phases: "", outOfScope: "", openQuestions: "", successCriteria: [] };
    const b = { ...a, problem: "Fraud costs a lot of money", successCriteria: [{ key: "1", metric: "auc", target: "0.8", howMeasured: "", phase: "" }] };
    const sections = diffSpecs(a, b);
    expect(sections.filter((s) => s.changed).map((s) => s.key)).toEqual(["problem", "successCriteria"]);
    const problem = sections.find((s) => s.key === "problem")!;
    expect(problem.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["a lot of"]);
  });

  it("exports a revision as Markdown with a criteria table", () => {
    const md = specToMarkdown("Fraud score", {
      number: 3,
      status: "APPROVED",
      problem: "Chargebacks",
      customerContext: "Checkout",
      constraints: "",
      phases: "",
      outOfScope: "",
      openQuestions: "",
      successCriteria: [{ key: "1", metric: "precision | top", target: ">= 0.9", howMeasured: "holdout", phase: "1" }],
    });
    expect(md).toContain("# Fraud score");
    expect(md).toContain("_Spec revision 3 (approved)_");
    expect(md).toContain("| precision \\| top | >= 0.9 | holdout | 1 |");
    expect(md).toContain("## Constraints\n\n_Not written._");
  });
});

describe("spec rendering", () => {
  it("never lets a payload in any section become executable markup", () => {
    for (const payload of XSS_PAYLOADS) {
      const html = renderToStaticMarkup(
        createElement(SpecView, {
          revision: {
            problem: payload,
            customerContext: payload,
            constraints: payload,
            phases: payload,
            outOfScope: payload,
            openQuestions: payload,
            successCriteria: [{ key: "k", metric: payload, target: payload, howMeasured: payload, phase: payload }],
          },
        }),
      );
      expectHarmless(html);
    }
  });

  it("marks the changes since the approved revision in place, and a payload stays harmless there too", () => {
    const before = { problem: "Fraud costs money", customerContext: "c", constraints: "k", phases: "- one", outOfScope: "", openQuestions: "", successCriteria: [] };
    const after = { ...before, problem: "Fraud costs a lot of money", phases: "- one\n- two", successCriteria: [{ key: "n", metric: "auc", target: "0.8", howMeasured: "", phase: "" }] };
    const html = renderToStaticMarkup(createElement(SpecView, { revision: after, since: { number: 2, revision: before } }));
    expect(html).toContain("Changes since approved revision 2");
    expect(html).toMatch(/<ins[^>]*><span class="sr-only">\[inserted: <\/span>a lot of ?<span class="sr-only">\]<\/span><\/ins>/);
    // A new list item stays a list item, marked as inserted.
    expect(html).toMatch(/<li><ins[^>]*><span class="sr-only">\[inserted: <\/span>two/);
    expect(html).toContain("Changed: Problem, Success criteria, Phases.");
    for (const payload of XSS_PAYLOADS) {
      const changed = { ...after, problem: payload, openQuestions: `${payload} \uE000<b>forged</b>\uE001` };
      expectHarmless(renderToStaticMarkup(createElement(SpecView, { revision: changed, since: { number: 2, revision: before } })));
    }
  });
});

describe("My work", () => {
  it("lists a spec in review for the other reviewers, not for its author or other roles", async () => {
    const { getMyWork } = await import("@/lib/my-work/queries");
    const f = await createTeamWithRoles();
    const featureId = await feature(f);
    await save(f, featureId, 0);
    await requestSpecReview.run(f.members.PM.id, { teamId: f.team.id, featureId, revision: 1 });
    expect((await getMyWork(f.team.id, f.members.LEAD.id, ["LEAD"])).specReviews.items).toEqual([
      expect.objectContaining({ number: 1, feature: { id: featureId, title: "Fraud score", stage: "IDEA" } }),
    ]);
    expect((await getMyWork(f.team.id, f.members.PM.id, ["PM"])).specReviews.items).toEqual([]);
    expect((await getMyWork(f.team.id, f.members.QA.id, ["QA"])).specReviews.items).toEqual([]);
    await reviewSpec.run(f.members.LEAD.id, { teamId: f.team.id, featureId, revision: 1, decision: "APPROVED" });
    expect((await getMyWork(f.team.id, f.members.LEAD.id, ["LEAD"])).specReviews.items).toEqual([]);
  });
});
