import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { saveBrief } from "@/lib/briefs/commands";
import { createCriterion, passCriteria, retireCriterion, setCriterionVerdict } from "@/lib/criteria/commands";
import { db } from "@/lib/db";
import {
  advanceFeature,
  moveFeatureBack,
  pauseFeature,
  resumeFeature,
  updateFeature,
} from "@/lib/features/commands";
import { createdFeature } from "@/lib/features/test-fixtures";
import { setGateRequirement, signGate, withdrawSignoff } from "@/lib/gates/commands";
import { GATE_ITEM_KEYS } from "@/lib/gates/definitions";
import { factsSelect, loadActiveSignoffs, loadGateSettings } from "@/lib/gates/facts";
import { refreshStaleSummaries, summarize, SUMMARY_VERSION } from "@/lib/gates/summary";
import type { Role } from "@/lib/generated/prisma/enums";
import { saveReadinessItems, setReadinessBar, setReadinessItem } from "@/lib/readiness/commands";
import { ITEMS } from "@/lib/readiness/rubric";
import { assignResponsibility, removeResponsibility } from "@/lib/responsibilities/commands";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";
import { setMemberRoles } from "@/lib/teams/commands";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

// The stored summary (what the board shows) must always equal a fresh
// evaluation of the facts, whatever sequence of commands led there.

const SIGNING: Role[] = ["PM", "DS", "DEV", "QA"];
const KEYS = [...GATE_ITEM_KEYS];

type Op =
  | { kind: "sign"; role: Role }
  | { kind: "withdraw"; pick: number }
  | { kind: "assign"; role: Role }
  | { kind: "unassign"; pick: number }
  | { kind: "spec"; complete: boolean; approve: boolean }
  | { kind: "criterion" }
  | { kind: "verdict"; pick: number; verdict: "PASSED" | "FAILED" | "BLOCKED" | "UNTESTED" }
  | { kind: "retire"; pick: number }
  | { kind: "passAll" }
  | { kind: "grid"; halves: 0 | 2; owned: boolean }
  | { kind: "readiness"; item: number; halves: 0 | 2; owned: boolean }
  | { kind: "bar"; halves: number }
  | { kind: "brief"; monitoring: boolean }
  | { kind: "advance" }
  | { kind: "back" }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "setting"; key: number; enabled: boolean }
  | { kind: "summary" }
  | { kind: "roles"; role: Role; holds: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("sign" as const), role: fc.constantFrom(...SIGNING) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("assign" as const), role: fc.constantFrom(...SIGNING) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unassign" as const), pick: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("spec" as const), complete: fc.boolean(), approve: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("criterion" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("verdict" as const),
      pick: fc.nat(5),
      verdict: fc.constantFrom("PASSED" as const, "FAILED" as const, "BLOCKED" as const, "UNTESTED" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("retire" as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "passAll" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("grid" as const), halves: fc.constantFrom(0 as const, 2 as const), owned: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("readiness" as const),
      item: fc.nat(ITEMS.length - 1),
      halves: fc.constantFrom(0 as const, 2 as const),
      owned: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bar" as const), halves: fc.nat(14) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("brief" as const), monitoring: fc.boolean() }) },
  { weight: 3, arbitrary: fc.constant({ kind: "advance" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "back" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "pause" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "resume" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("setting" as const), key: fc.nat(KEYS.length - 1), enabled: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "summary" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("roles" as const), role: fc.constantFrom(...SIGNING), holds: fc.boolean() }),
  },
);

async function apply(f: Fixture, featureId: string, o: Op) {
  const teamId = f.team.id;
  const ids = { teamId, featureId };
  const feature = await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { version: true, stage: true } });
  switch (o.kind) {
    case "sign":
      return signGate.run(f.members[o.role].id, { ...ids, role: o.role });
    case "withdraw": {
      const active = await db.gateSignoff.findMany({ where: { featureId, revokedAt: null }, orderBy: { id: "asc" } });
      const s = active[o.pick % Math.max(active.length, 1)];
      return s ? withdrawSignoff.run(s.userId, { ...ids, signoffId: s.id }) : null;
    }
    case "assign":
      return assignResponsibility.run(f.members.LEAD.id, { ...ids, userId: f.members[o.role].id, role: o.role, kind: "RESPONSIBLE" });
    case "unassign": {
      const held = await db.responsibility.findMany({ where: { featureId, kind: { not: "ACCOUNTABLE" } }, orderBy: { id: "asc" } });
      const r = held[o.pick % Math.max(held.length, 1)];
      return r ? removeResponsibility.run(f.members.LEAD.id, { ...ids, responsibilityId: r.id }) : null;
    }
    case "spec": {
      const latest = await db.specRevision.findFirst({ where: { featureId }, orderBy: { number: "desc" }, select: { number: true } });
      const saved = await saveSpec.run(f.members.PM.id, {
        ...ids,
        baseRevision: latest?.number ?? 0,
        problem: "Chargebacks cost 2% of revenue",
        customerContext: o.complete ? "Checkout" : "",
        constraints: "Under 100 ms",
        criterionMetric: ["precision"],
        criterionTarget: [">= 0.9"],
        criterionHowMeasured: ["holdout"],
      });
      if (!saved.ok || !o.approve) return saved;
      const revision = (latest?.number ?? 0) + 1;
      await requestSpecReview.run(f.members.PM.id, { ...ids, revision });
      return reviewSpec.run(f.members.LEAD.id, { ...ids, revision, decision: "APPROVED" });
    }
    case "criterion":
      return createCriterion.run(f.members.PM.id, { ...ids, text: "Scores arrive within 100 ms" });
    case "verdict":
    case "retire": {
      const criteria = await db.acceptanceCriterion.findMany({ where: { featureId, retiredAt: null }, orderBy: { id: "asc" } });
      const c = criteria[o.pick % Math.max(criteria.length, 1)];
      if (!c) return null;
      return o.kind === "verdict"
        ? setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: c.id, verdict: o.verdict, note: "Seen on run 42" })
        : retireCriterion.run(f.members.PM.id, { ...ids, criterionId: c.id, reason: "Replaced" });
    }
    case "passAll": {
      // QA passes every active criterion at once (the queue's bulk pass).
      const criteria = await db.acceptanceCriterion.findMany({ where: { featureId, retiredAt: null }, select: { id: true } });
      if (!criteria.length) return null;
      return passCriteria.run(f.members.QA.id, { teamId, criterionIds: criteria.map((c) => c.id), note: "RC 3" });
    }
    case "grid": {
      // The grid's one Save: every monitoring test at once.
      const codes = ITEMS.filter((i) => i.section === "MONITORING").map((i) => i.code);
      const saved = await db.readinessItem.findMany({ where: { featureId, code: { in: codes } }, select: { code: true, version: true } });
      const items = codes.map((code) => ({
        code,
        version: saved.find((r) => r.code === code)?.version ?? 0,
        halves: o.halves,
        notApplicable: false,
        naReason: null,
        note: null,
        evidenceUrl: o.halves ? "https://ci.example.com/job/2" : null,
        ownerId: o.owned ? f.members.DEV.id : null,
      }));
      return saveReadinessItems.run(f.members.DEV.id, { ...ids, items: JSON.stringify(items) });
    }
    case "readiness": {
      const code = ITEMS[o.item]!.code;
      const item = await db.readinessItem.findUnique({ where: { featureId_code: { featureId, code } }, select: { version: true } });
      return setReadinessItem.run(f.members.DEV.id, {
        ...ids,
        code,
        version: item?.version ?? 0,
        halves: String(o.halves),
        evidenceUrl: o.halves ? "https://ci.example.com/job/1" : "",
        ownerId: o.owned ? f.members.DEV.id : "",
      });
    }
    case "bar":
      return setReadinessBar.run(f.members.LEAD.id, { teamId, bar: o.halves / 2 });
    case "brief": {
      const latest = await db.briefRevision.findFirst({ where: { featureId }, orderBy: { number: "desc" }, select: { number: true } });
      const spec = await db.feature.findUniqueOrThrow({
        where: { id: featureId },
        select: { approvedSpecRevision: { select: { successCriteria: true } } },
      });
      const keys = ((spec.approvedSpecRevision?.successCriteria ?? []) as { key: string }[]).map((c) => c.key);
      return saveBrief.run(f.members.DS.id, {
        ...ids,
        baseRevision: latest?.number ?? 0,
        resultKey: keys,
        resultAchieved: keys.map(() => "0.93"),
        resultMet: keys.map(() => "yes"),
        failureModes: "Cold-start merchants",
        monitoring: o.monitoring ? "Daily precision on labelled chargebacks; alert below 0.85." : "",
      });
    }
    case "advance":
      return advanceFeature.run(f.members.PM.id, { ...ids, version: feature.version });
    case "back":
      return moveFeatureBack.run(f.members.PM.id, { ...ids, version: feature.version, toStage: "IDEA", reason: "Rethink" });
    case "pause":
      return pauseFeature.run(f.members.PM.id, { ...ids, version: feature.version, reason: "On hold" });
    case "resume":
      return resumeFeature.run(f.members.PM.id, { ...ids, version: feature.version });
    case "setting":
      return setGateRequirement.run(f.members.LEAD.id, { teamId, key: KEYS[o.key]!, enabled: o.enabled });
    case "summary": {
      const current = await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { title: true, summary: true } });
      return updateFeature.run(f.members.PM.id, {
        ...ids,
        title: current.title,
        summary: current.summary ? "" : "Score each checkout for fraud risk",
        baseTitle: current.title,
        baseSummary: current.summary,
      });
    }
    case "roles": {
      const m = await db.membership.findUniqueOrThrow({
        where: { id: f.members[o.role].membershipId },
        select: { roles: true, version: true },
      });
      return setMemberRoles.run(f.members.LEAD.id, {
        teamId,
        membershipId: f.members[o.role].membershipId,
        version: m.version,
        roles: o.holds ? [o.role] : [],
      });
    }
  }
}

/** Stored summaries next to a fresh evaluation, for every feature of the team. */
async function compare(teamId: string) {
  const [rows, settings] = await Promise.all([
    db.feature.findMany({
      where: { teamId },
      select: {
        id: true,
        stage: true,
        gateReady: true,
        gateMissing: true,
        gateWaitingOn: true,
        failedCriteria: true,
        readinessScore: true,
        summaryVersion: true,
        ...factsSelect,
      },
    }),
    loadGateSettings(db, teamId),
  ]);
  const signoffs = await loadActiveSignoffs(db, teamId, rows);
  return rows.map((row) => {
    const fresh = summarize(row, settings, signoffs.get(row.id) ?? []);
    return {
      stored: {
        gateReady: row.gateReady,
        gateMissing: row.gateMissing,
        gateWaitingOn: [...row.gateWaitingOn].sort(),
        failedCriteria: row.failedCriteria,
        readinessScore: row.readinessScore,
        summaryVersion: row.summaryVersion,
      },
      fresh: { ...fresh, gateWaitingOn: [...fresh.gateWaitingOn].sort(), summaryVersion: SUMMARY_VERSION },
    };
  });
}


describe("stored feature summaries", () => {
  it("equal a fresh evaluation after any history of commands", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), op), { minLength: 5, maxLength: 30 }), async (history) => {
        const f = await createTeamWithRoles();
        const features = [await createdFeature(f, { title: "Fraud score" }), await createdFeature(f, { title: "Churn model" })];
        for (const [second, o] of history) {
          await apply(f, features[second ? 1 : 0]!, o);
          for (const { stored, fresh } of await compare(f.team.id)) expect(stored).toEqual(fresh);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("reach the gate's end: a feature walked to PRODUCTION has every summary right on the way", async () => {
    // A directed history, so the later gates are certainly covered (random
    // histories rarely pass them all).
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f, { title: "Fraud score" });
    const walk: Op[] = [
      { kind: "spec", complete: true, approve: true },
      { kind: "sign", role: "PM" },
      { kind: "sign", role: "DS" },
      { kind: "advance" },
      { kind: "assign", role: "DS" },
      { kind: "brief", monitoring: true },
      { kind: "sign", role: "DS" },
      { kind: "sign", role: "PM" },
      { kind: "advance" },
      { kind: "assign", role: "DEV" },
      { kind: "criterion" },
      ...ITEMS.filter((i) => i.section === "MONITORING").map((_, n) => ({
        kind: "readiness" as const,
        item: ITEMS.findIndex((i) => i.section === "MONITORING") + n,
        halves: 2 as const,
        owned: true,
      })),
      { kind: "sign", role: "DEV" },
      { kind: "advance" },
      { kind: "verdict", pick: 0, verdict: "FAILED" },
      { kind: "bar", halves: 0 },
      { kind: "assign", role: "QA" },
      { kind: "verdict", pick: 0, verdict: "PASSED" },
      { kind: "sign", role: "QA" },
      { kind: "sign", role: "PM" },
      { kind: "advance" },
    ];
    const stages: string[] = [];
    for (const o of walk) {
      const result = await apply(f, featureId, o);
      expect(result, `${JSON.stringify(o)}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      for (const { stored, fresh } of await compare(f.team.id)) expect(stored).toEqual(fresh);
      stages.push((await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { stage: true } })).stage);
    }
    expect(stages.at(-1)).toBe("PRODUCTION");
    const failing = await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { failedCriteria: true } });
    expect(failing.failedCriteria).toBe(0);
  });

  it("are recomputed for rows written without them (bulk imports, older rules)", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f, { title: "Fraud score" });
    await db.feature.update({
      where: { id: featureId },
      data: { summaryVersion: 0, gateMissing: 0, gateWaitingOn: [], gateReady: true },
    });
    expect(await refreshStaleSummaries(db)).toBeGreaterThanOrEqual(1);
    const [{ stored, fresh }] = (await compare(f.team.id)) as [Awaited<ReturnType<typeof compare>>[number]];
    expect(stored).toEqual(fresh);
    expect(stored.gateReady).toBe(false);
    expect(stored.gateWaitingOn).toContain("PM");
  });
});
