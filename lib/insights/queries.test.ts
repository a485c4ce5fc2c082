import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startNextPhase } from "@/lib/features/commands";
import type { Role, Stage, Verdict } from "@/lib/generated/prisma/enums";
import { NEXT_PHASE_REASON_SQL_PATTERN } from "@/lib/insights/definitions";
import { getInsightsHistory, getInsightsNow, type InsightsHistory, type InsightsQuery } from "@/lib/insights/queries";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

// A hand-built history, written straight into the tables with the times we
// choose, and every figure worked out by hand below. Day n is 2025-01-01 plus
// n days, at noon UTC (d31 = Feb 1, d59 = Mar 1, d90 = Apr 1, d120 = May 1,
// d151 = Jun 1, d181 = Jul 1, d243 = Sep 1).
//
//   A  IDEA d0 → POC d10 → BUILD d40 → VALIDATION d70 → PRODUCTION d100
//   B  IDEA d5 → POC d15 → BUILD d35 → back to POC d50 → BUILD d60 → VALIDATION d80 → PRODUCTION d120
//   C  IDEA d20 → POC d30 → paused d45 → resumed d75 → retired d90
//   D  IDEA d0 → POC d20 → BUILD d30 → VALIDATION d50 → PRODUCTION d60 → phase 2: POC d150 → BUILD d170 (now)
//   E  IDEA d100 → POC d110 → BUILD d130 → paused d140 → retired while paused d160
//   F  IDEA d200 → retired d210
//   G  IDEA d250 (now)
//   H  IDEA 2024-12-01 → POC 2024-12-05 → BUILD 2024-12-10 → VALIDATION 2024-12-20 (now)
// "Now" is d260 (2025-09-18).

const DAY = 24 * 60 * 60 * 1000;
const d = (n: number) => new Date(Date.UTC(2025, 0, 1, 12) + n * DAY);
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const NOW = d(260);
const YEAR_2025 = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2026-01-01T00:00:00Z") };
const FEB_2025 = { from: new Date("2025-02-01T00:00:00Z"), to: new Date("2025-03-01T00:00:00Z") };
const H1_2024 = { from: new Date("2024-01-01T00:00:00Z"), to: new Date("2024-07-01T00:00:00Z") };

type Move = [from: Stage | null, to: Stage, when: Date, reason?: string];

let f: Fixture;
let other: Fixture;
const ids: Record<string, string> = {};

async function feature(
  team: Fixture,
  key: string,
  stage: Stage,
  moves: Move[],
  options: { phases?: number; currentPhase?: number; pausedFrom?: Stage } = {},
) {
  const phases = options.phases ?? 1;
  const created = await db.feature.create({
    data: {
      teamId: team.team.id,
      title: `Feature ${key}`,
      summary: "Hand-built history",
      stage,
      pausedFrom: options.pausedFrom ?? null,
      stageEnteredAt: moves.at(-1)![2],
      currentPhase: options.currentPhase ?? 1,
      createdAt: moves[0]![2],
      phases: { create: Array.from({ length: phases }, (_, i) => ({ position: i + 1, name: `Phase ${i + 1}` })) },
    },
    select: { id: true },
  });
  // One at a time: ids follow time, as the app writes them.
  for (const [fromStage, toStage, createdAt, reason] of moves) {
    await db.stageTransition.create({ data: { featureId: created.id, fromStage, toStage, createdAt, reason: reason ?? null } });
  }
  return created.id;
}

async function request(featureId: string, gate: Stage, role: Role, createdAt: Date, resolvedAt: Date | null) {
  await db.signoffRequest.create({ data: { featureId, gate, role, createdAt, resolvedAt } });
}

async function signoff(team: Fixture, featureId: string, gate: Stage, role: Role, createdAt: Date) {
  await db.gateSignoff.create({
    data: { featureId, gate, role, userId: team.members[role].id, basis: "test", createdAt },
  });
}

async function spec(featureId: string, number: number) {
  return (await db.specRevision.create({ data: { featureId, number, status: "APPROVED" }, select: { id: true } })).id;
}

async function criterion(featureId: string, position: number, verdicts: [Verdict, Date, string | null][], retired = false) {
  const last = verdicts.at(-1);
  const c = await db.acceptanceCriterion.create({
    data: {
      featureId,
      position,
      text: `Criterion ${position}`,
      successCriterionKeys: [],
      verdict: last?.[0] ?? "UNTESTED",
      verdictAt: last?.[1] ?? null,
      verdictSpecRevisionId: last?.[2] ?? null,
      retiredAt: retired ? d(200) : null,
    },
    select: { id: true },
  });
  for (const [verdict, createdAt, specRevisionId] of verdicts) {
    await db.criterionVerdict.create({ data: { criterionId: c.id, verdict, createdAt, specRevisionId } });
  }
}

async function readiness(featureId: string, items: [code: string, halves: number, notApplicable?: boolean][]) {
  await db.readinessItem.createMany({
    data: items.map(([code, halves, notApplicable]) => ({ featureId, code, halves, notApplicable: !!notApplicable })),
  });
}

beforeAll(async () => {
  f = await createTeamWithRoles();
  ids.A = await feature(f, "A", "PRODUCTION", [
    [null, "IDEA", d(0)],
    ["IDEA", "POC", d(10)],
    ["POC", "BUILD", d(40)],
    ["BUILD", "VALIDATION", d(70)],
    ["VALIDATION", "PRODUCTION", d(100)],
  ]);
  ids.B = await feature(f, "B", "PRODUCTION", [
    [null, "IDEA", d(5)],
    ["IDEA", "POC", d(15)],
    ["POC", "BUILD", d(35)],
    ["BUILD", "POC", d(50), "PoC results did not hold"],
    ["POC", "BUILD", d(60)],
    ["BUILD", "VALIDATION", d(80)],
    ["VALIDATION", "PRODUCTION", d(120)],
  ]);
  ids.C = await feature(f, "C", "RETIRED", [
    [null, "IDEA", d(20)],
    ["IDEA", "POC", d(30)],
    ["POC", "PAUSED", d(45), "Waiting for labelled data"],
    ["PAUSED", "POC", d(75)],
    ["POC", "RETIRED", d(90), "Business case withdrawn"],
  ]);
  ids.D = await feature(
    f,
    "D",
    "BUILD",
    [
      [null, "IDEA", d(0)],
      ["IDEA", "POC", d(20)],
      ["POC", "BUILD", d(30)],
      ["BUILD", "VALIDATION", d(50)],
      ["VALIDATION", "PRODUCTION", d(60)],
      ["PRODUCTION", "POC", d(150), "Phase 2 started: Online test"],
      ["POC", "BUILD", d(170)],
    ],
    { phases: 2, currentPhase: 2 },
  );
  ids.E = await feature(f, "E", "RETIRED", [
    [null, "IDEA", d(100)],
    ["IDEA", "POC", d(110)],
    ["POC", "BUILD", d(130)],
    ["BUILD", "PAUSED", d(140), "Waiting for labelled data"],
    // Same reason as C's retirement, typed differently: grouped with it.
    ["PAUSED", "RETIRED", d(160), "  business  case WITHDRAWN "],
  ]);
  ids.F = await feature(f, "F", "RETIRED", [
    [null, "IDEA", d(200)],
    ["IDEA", "RETIRED", d(210), "Not worth it"],
  ]);
  ids.G = await feature(f, "G", "IDEA", [[null, "IDEA", d(250)]]);
  ids.H = await feature(f, "H", "VALIDATION", [
    [null, "IDEA", at("2024-12-01")],
    ["IDEA", "POC", at("2024-12-05")],
    ["POC", "BUILD", at("2024-12-10")],
    ["BUILD", "VALIDATION", at("2024-12-20")],
  ]);

  // Sign-off requests and sign-offs.
  await request(ids.A!, "IDEA", "DS", d(2), d(5));
  await signoff(f, ids.A!, "IDEA", "DS", d(5)); // 3 days
  await signoff(f, ids.A!, "IDEA", "PM", d(6)); // never asked for: not a latency
  await request(ids.A!, "VALIDATION", "QA", d(75), d(80));
  await signoff(f, ids.A!, "VALIDATION", "QA", d(80)); // 5 days
  await request(ids.B!, "IDEA", "DS", d(6), d(7));
  await signoff(f, ids.B!, "IDEA", "DS", d(7)); // 1 day
  await request(ids.B!, "VALIDATION", "QA", d(85), d(95));
  await signoff(f, ids.B!, "VALIDATION", "QA", d(95)); // 10 days
  await request(ids.C!, "POC", "DS", d(32), d(45)); // closed by the pause: no answer
  await signoff(f, ids.E!, "BUILD", "DEV", d(133)); // before the request: no answer
  await request(ids.E!, "BUILD", "DEV", d(135), d(140));
  await request(ids.D!, "BUILD", "DEV", d(175), null); // open, phase 2: 85 days at d260

  // Acceptance criteria and verdicts.
  const a1 = await spec(ids.A!, 1);
  const a2 = await spec(ids.A!, 2);
  await db.feature.update({ where: { id: ids.A! }, data: { approvedSpecRevisionId: a2 } });
  await criterion(ids.A!, 1, [
    ["FAILED", d(72), a1],
    ["PASSED", d(78), a1],
    ["PASSED", d(90), a2], // re-verified after the spec changed
  ]);
  await criterion(ids.A!, 2, [
    ["PASSED", d(73), a1],
    ["PASSED", d(91), a2], // re-verified
  ]);
  const b1 = await spec(ids.B!, 1);
  await db.feature.update({ where: { id: ids.B! }, data: { approvedSpecRevisionId: b1 } });
  await criterion(ids.B!, 1, [
    ["UNTESTED", d(81), b1], // not a verdict for these figures
    ["BLOCKED", d(82), b1],
    ["PASSED", d(100), b1], // a retest, same spec: not a re-verification
  ]);
  await criterion(ids.B!, 2, [["PASSED", d(83), b1]]);
  await criterion(ids.B!, 3, [["PASSED", d(84), b1]], true);
  const dSpec1 = await spec(ids.D!, 1);
  const dSpec2 = await spec(ids.D!, 2);
  await db.feature.update({ where: { id: ids.D! }, data: { approvedSpecRevisionId: dSpec2 } });
  await criterion(ids.D!, 1, [["PASSED", d(55), dSpec1]]); // waiting for re-verification now
  await criterion(ids.G!, 1, []); // never judged

  // ML Test Score items.
  await readiness(ids.A!, [
    ["DATA-1", 2], ["DATA-2", 2],
    ["MODEL-1", 2], ["MODEL-2", 2], ["MODEL-3", 1],
    ["INFRA-1", 2], ["INFRA-2", 2],
    ["MONITORING-1", 2], ["MONITORING-2", 2], ["MONITORING-3", 2],
  ]); // sections 2, 2.5, 2, 3: score 2
  await readiness(ids.B!, [
    ["DATA-1", 1], ["DATA-2", 2, true],
    ["MODEL-1", 2],
    ["INFRA-1", 2], ["INFRA-2", 2],
    ["MONITORING-1", 2],
  ]); // sections 0.5 (the not-applicable item adds nothing), 1, 2, 1: score 0.5
  // H has no items: 0 everywhere.

  // Another team's history, which must not show up anywhere above.
  other = await createTeamWithRoles();
  const x = await feature(other, "X", "PRODUCTION", [
    [null, "IDEA", d(1)],
    ["IDEA", "POC", d(2)],
    ["POC", "BUILD", d(3)],
    ["BUILD", "PAUSED", d(4), "Waiting for labelled data"],
    ["PAUSED", "BUILD", d(5)],
    ["BUILD", "VALIDATION", d(6)],
    ["VALIDATION", "PRODUCTION", d(7)],
  ]);
  await request(x, "VALIDATION", "QA", d(6), null);
  await readiness(x, [["DATA-1", 2]]);
});

const history = (range: { from: Date; to: Date }, phase: number | null = null) =>
  getInsightsHistory({ teamId: f.team.id, ...range, phase, now: NOW });
const now = (phase: number | null = null) => getInsightsNow({ teamId: f.team.id, phase, now: NOW });

const funnelOf = (h: InsightsHistory) =>
  h.funnel.map((r) => ({ reached: r.reached, passed: r.passed, retired: r.retired }));
const stageTime = (h: InsightsHistory, stage: string) => h.stageTimes.find((s) => s.stage === stage);
const close = (value: number | null | undefined, expected: number) => expect(value).toBeCloseTo(expected, 6);

describe("the funnel", () => {
  it("counts 2025's trips: moves back, pauses and retirements do not undo reaching a stage", async () => {
    const h = await history(YEAR_2025);
    // Trips started in 2025: A, B, C, D (phase 1), D (phase 2, from POC), E, F, G. H started in 2024.
    expect(funnelOf(h)).toEqual([
      { reached: 7, passed: 5, retired: 1 }, // IDEA: all but D's phase 2; F retired there; G still open
      { reached: 6, passed: 5, retired: 1 }, // POC: A, B, C, D1, D2, E; C retired there
      { reached: 5, passed: 3, retired: 1 }, // BUILD: A, B, D1, D2, E; E retired (while paused); D2 open
      { reached: 3, passed: 3, retired: 0 }, // VALIDATION: A, B, D1
      { reached: 3, passed: 0, retired: 0 }, // PRODUCTION
    ]);
    // POC → PRODUCTION: 3 of 6; decided are those 3 and the 2 retired after POC (C, E).
    expect(h.pocToProduction).toEqual({ entered: 6, production: 3, retired: 2 });
  });

  it("follows only the chosen phase: phase 2 starts at POC", async () => {
    const h = await history(YEAR_2025, 2);
    expect(funnelOf(h)).toEqual([
      { reached: 0, passed: 0, retired: 0 },
      { reached: 1, passed: 1, retired: 0 },
      { reached: 1, passed: 0, retired: 0 },
      { reached: 0, passed: 0, retired: 0 },
      { reached: 0, passed: 0, retired: 0 },
    ]);
    const phase1 = await history(YEAR_2025, 1);
    expect(phase1.funnel[1]).toMatchObject({ reached: 5, passed: 4, retired: 1 });
  });

  it("is empty for a range in which no trip started", async () => {
    for (const h of [await history(FEB_2025), await history(H1_2024)]) {
      expect(h.funnel.every((r) => r.reached === 0 && r.passed === 0 && r.retired === 0)).toBe(true);
      expect(h.pocToProduction).toEqual({ entered: 0, production: 0, retired: 0 });
    }
  });
});

describe("time in each stage", () => {
  it("counts every stay that ended in the range, each stay of a feature sent back separately", async () => {
    const h = await history(YEAR_2025);
    // IDEA: A 10, B 10, C 10, D 20, E 10, F 10 (G still there). p90 at 0.9 × 5 = 4.5 → 10 + ½ × 10.
    expect(stageTime(h, "IDEA")).toMatchObject({ stays: 6 });
    close(stageTime(h, "IDEA")?.median, 10);
    close(stageTime(h, "IDEA")?.p90, 15);
    // POC: A 30, B 20 and 10, C 15 and 15, D 10 (phase 1) and 20 (phase 2), E 20.
    // Sorted 10 10 15 15 20 20 20 30: median (15 + 20) / 2; p90 at 6.3 → 20 + 0.3 × 10.
    expect(stageTime(h, "POC")).toMatchObject({ stays: 8 });
    close(stageTime(h, "POC")?.median, 17.5);
    close(stageTime(h, "POC")?.p90, 23);
    // BUILD: A 30, B 15 and 20, D 20, E 10 (D's phase-2 stay goes on). Sorted 10 15 20 20 30.
    expect(stageTime(h, "BUILD")).toMatchObject({ stays: 5 });
    close(stageTime(h, "BUILD")?.median, 20);
    close(stageTime(h, "BUILD")?.p90, 26);
    // VALIDATION: A 30, B 40, D 10 (H's stay goes on).
    expect(stageTime(h, "VALIDATION")).toMatchObject({ stays: 3 });
    close(stageTime(h, "VALIDATION")?.median, 30);
    close(stageTime(h, "VALIDATION")?.p90, 38);
    // PAUSED: C 30, E 20.
    expect(stageTime(h, "PAUSED")).toMatchObject({ stays: 2 });
    close(stageTime(h, "PAUSED")?.median, 25);
    close(stageTime(h, "PAUSED")?.p90, 29);
  });

  it("trends by the month each stay ended", async () => {
    const h = await history(YEAR_2025);
    const cell = (month: string, stage: string) => h.stageTrend.find((t) => t.month === month && t.stage === stage);
    expect(cell("2025-01", "IDEA")).toMatchObject({ stays: 4, median: 10 }); // A, B, C, D
    expect(cell("2025-02", "POC")).toMatchObject({ stays: 3, median: 20 }); // B 20 (Feb 5), A 30 (Feb 10), C 15 (Feb 15)
    expect(cell("2025-03", "POC")).toMatchObject({ stays: 1, median: 10 }); // B's second POC stay
    expect(cell("2025-06", "POC")).toMatchObject({ stays: 1, median: 20 }); // D's phase 2
    expect(cell("2025-02", "IDEA")).toBeUndefined();
    expect(h.months).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`));
  });

  it("takes only the stays ending inside a short range, and only the chosen phase's", async () => {
    const feb = await history(FEB_2025);
    // POC stays ending in February: B 20 (Feb 5), A 30 (Feb 10), C 15 (Feb 15); BUILD: B 15, D 20 (Feb 20).
    expect(stageTime(feb, "POC")).toMatchObject({ stays: 3, median: 20 });
    expect(stageTime(feb, "BUILD")).toMatchObject({ stays: 2 });
    close(stageTime(feb, "BUILD")?.median, 17.5);
    close(stageTime(feb, "BUILD")?.p90, 19.5);
    expect(stageTime(feb, "IDEA")).toBeUndefined();
    expect(feb.months).toEqual(["2025-02"]);

    const phase2 = await history(YEAR_2025, 2);
    expect(phase2.stageTimes).toEqual([{ stage: "POC", stays: 1, median: 20, p90: 20 }]);

    const empty = await history(H1_2024);
    expect(empty.stageTimes).toEqual([]);
    expect(empty.stageTrend).toEqual([]);
    expect(empty.months).toEqual([]);
  });
});

describe("lead time and throughput", () => {
  it("measures POC → PRODUCTION for trips reaching production in the range", async () => {
    const h = await history(YEAR_2025);
    // A 100 − 10 = 90, B 120 − 15 = 105 (the move back included), D 60 − 20 = 40.
    expect(h.leadTime.n).toBe(3);
    close(h.leadTime.median, 90);
    close(h.leadTime.p90, 102); // 90 + 0.8 × 15
    close(h.leadTime.mean, 235 / 3);
    // In months of 30.4375 days: 1.31, 2.96, 3.45.
    expect(h.leadTimeBins).toEqual([
      { bin: 1, n: 1 },
      { bin: 2, n: 1 },
      { bin: 3, n: 1 },
    ]);
    // D reached production on Mar 2, A on Apr 11, B on May 1.
    expect(h.throughput.filter((t) => t.n > 0)).toEqual([
      { month: "2025-03", n: 1 },
      { month: "2025-04", n: 1 },
      { month: "2025-05", n: 1 },
    ]);
    expect(h.throughput).toHaveLength(12);
  });

  it("is empty when nothing reached production in the range or phase", async () => {
    for (const h of [await history(FEB_2025), await history(YEAR_2025, 2), await history(H1_2024)]) {
      expect(h.leadTime).toEqual({ n: 0, median: null, p90: null, mean: null });
      expect(h.leadTimeBins).toEqual([]);
      expect(h.throughput.every((t) => t.n === 0)).toBe(true);
    }
  });
});

describe("where features stop", () => {
  it("counts pauses, retirements and moves back by the stage the feature was in, not the next phase", async () => {
    const h = await history(YEAR_2025);
    const byStage = Object.fromEntries(h.stopsByStage.map((s) => [`${s.stage} ${s.kind}`, s.n]));
    expect(byStage).toEqual({
      "IDEA retired": 1, // F
      "POC paused": 1, // C
      "POC retired": 1, // C
      "BUILD moved_back": 1, // B
      "BUILD paused": 1, // E
      "BUILD retired": 1, // E, retired while paused from BUILD
    });
    expect(h.stopsTotal).toBe(6);
  });

  it("groups reasons whose text matches ignoring case and spacing", async () => {
    const h = await history(YEAR_2025);
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
    const reasons = Object.fromEntries(h.stopsByReason.map((r) => [norm(r.reason), r]));
    expect(Object.keys(reasons).sort()).toEqual([
      "business case withdrawn",
      "not worth it",
      "poc results did not hold",
      "waiting for labelled data",
    ]);
    expect(reasons["business case withdrawn"]).toMatchObject({ n: 2, retired: 2, paused: 0, movedBack: 0 });
    expect(reasons["waiting for labelled data"]).toMatchObject({ n: 2, paused: 2 });
    expect(reasons["poc results did not hold"]).toMatchObject({ n: 1, movedBack: 1 });
    expect(h.stopsByReason[0]!.n).toBe(2);
  });

  it("takes only the range's moves and the chosen phase's", async () => {
    const feb = await history(FEB_2025);
    expect(feb.stopsByStage.map((s) => `${s.stage} ${s.kind}`).sort()).toEqual(["BUILD moved_back", "POC paused"]);
    const phase2 = await history(YEAR_2025, 2);
    expect(phase2.stopsByStage).toEqual([]);
    expect(phase2.stopsTotal).toBe(0);
  });
});

describe("sign-off latency", () => {
  it("measures request → first sign-off per role; closed-by-a-move and earlier sign-offs are not answers", async () => {
    const h = await history(YEAR_2025);
    const role = (r: string) => h.signoffLatency.find((x) => x.role === r);
    expect(role("DS")).toMatchObject({ answered: 2, open: 0, oldestOpen: null }); // 3 and 1 days
    close(role("DS")?.median, 2);
    close(role("DS")?.p90, 2.8);
    expect(role("QA")).toMatchObject({ answered: 2, open: 0 }); // 5 and 10 days
    close(role("QA")?.median, 7.5);
    close(role("QA")?.p90, 9.5);
    expect(role("DEV")).toMatchObject({ answered: 0, median: null, open: 1 }); // D's, phase 2
    close(role("DEV")?.oldestOpen, 85);
    expect(role("PM")).toBeUndefined(); // signed, never asked
  });

  it("follows the range (answers) and the phase (answers and open requests)", async () => {
    const feb = await history(FEB_2025);
    expect(feb.signoffLatency).toEqual([{ role: "DEV", answered: 0, median: null, p90: null, open: 1, oldestOpen: 85 }]);
    const phase1 = await history(YEAR_2025, 1);
    expect(phase1.signoffLatency.map((r) => [r.role, r.answered, r.open])).toEqual([
      ["DS", 2, 0],
      ["QA", 2, 0],
    ]);
  });
});

describe("QA", () => {
  it("first-pass rate over first verdicts, re-verify rate over all verdicts in the range", async () => {
    const h = await history(YEAR_2025);
    // First verdicts: A1 failed, A2 passed, B1 blocked (its "untested" does not count), B2, B3 (retired since), D1 passed.
    // Verdicts: A1 ×3, A2 ×2, B1 ×2, B2, B3, D1 = 10; re-verifications: A1's and A2's after spec revision 2.
    expect(h.qa).toEqual({
      firstVerdicts: 6,
      firstPassed: 4,
      firstFailed: 1,
      firstBlocked: 1,
      verdicts: 10,
      reverifications: 2,
    });
    // February: only D1's first verdict (Feb 25).
    expect((await history(FEB_2025)).qa).toMatchObject({ firstVerdicts: 1, firstPassed: 1, verdicts: 1, reverifications: 0 });
    // Every verdict was given in a phase-1 trip.
    expect((await history(YEAR_2025, 1)).qa).toMatchObject({ firstVerdicts: 6, verdicts: 10 });
    expect((await history(YEAR_2025, 2)).qa).toMatchObject({ firstVerdicts: 0, verdicts: 0, reverifications: 0 });
    expect((await history(H1_2024)).qa.verdicts).toBe(0);
  });
});

describe("today's picture", () => {
  it("lists the gates waiting longest, with their open requests", async () => {
    const n = await now();
    expect(n.waiting.map((w) => [w.title, w.stage, Math.round(w.days), w.requests.map((r) => [r.role, Math.round(r.days)])])).toEqual([
      ["Feature H", "VALIDATION", 272, []], // since 2024-12-20
      ["Feature D", "BUILD", 90, [["DEV", 85]]],
      ["Feature G", "IDEA", 10, []],
    ]);
    expect((await now(2)).waiting.map((w) => w.title)).toEqual(["Feature D"]);
  });

  it("bands the ML Test Score of features in validation and production and names the weakest section", async () => {
    const n = await now();
    expect(n.readinessBands).toEqual([
      { stage: "VALIDATION", band: 0, n: 1 }, // H: nothing scored
      { stage: "PRODUCTION", band: 1, n: 1 }, // B: 0.5
      { stage: "PRODUCTION", band: 2, n: 1 }, // A: 2
    ]);
    expect(n.readiness.features).toBe(3);
    const mean = Object.fromEntries(n.readiness.sections.map((s) => [s.key, s.mean]));
    close(mean.DATA, 2.5 / 3);
    close(mean.MODEL, 3.5 / 3);
    close(mean.INFRA, 4 / 3);
    close(mean.MONITORING, 4 / 3);
    expect(Object.fromEntries(n.readiness.sections.map((s) => [s.key, s.weakestIn]))).toEqual({
      DATA: 3, // A (tied with INFRA), B, H
      MODEL: 1,
      INFRA: 2,
      MONITORING: 1,
    });
    expect(n.readiness.weakest).toBe("DATA");
    expect(n.reverifyNow).toBe(1); // D1
    expect(n.maxPhase).toBe(2);
  });

  it("is empty for a phase no feature is in", async () => {
    const n = await now(3);
    expect(n.waiting).toEqual([]);
    expect(n.readinessBands).toEqual([]);
    expect(n.readiness).toMatchObject({ features: 0, weakest: null });
    expect(n.reverifyNow).toBe(0);
    expect((await now(2)).reverifyNow).toBe(1);
    expect((await now(1)).reverifyNow).toBe(0);
  });
});

describe("the next-phase move", () => {
  it("is recognised in the reason startNextPhase writes", async () => {
    const team = await createTeamWithRoles();
    const feature = await db.feature.create({
      data: {
        teamId: team.team.id,
        title: "Two phases",
        summary: "Ships twice",
        stage: "PRODUCTION",
        phases: { create: [{ position: 1, name: "Offline" }, { position: 2, name: "Online test" }] },
      },
      select: { id: true },
    });
    await db.stageTransition.create({ data: { featureId: feature.id, toStage: "IDEA", createdAt: new Date(Date.now() - 10 * DAY) } });
    await db.stageTransition.create({
      data: { featureId: feature.id, fromStage: "IDEA", toStage: "PRODUCTION", createdAt: new Date(Date.now() - 5 * DAY) },
    });
    const result = await startNextPhase.run(team.members.PM.id, { teamId: team.team.id, featureId: feature.id, version: "1" });
    expect(result.ok).toBe(true);
    const move = await db.stageTransition.findFirstOrThrow({ where: { featureId: feature.id, toStage: "POC" } });
    expect(move.reason).toMatch(new RegExp(NEXT_PHASE_REASON_SQL_PATTERN));
    const q: InsightsQuery = {
      teamId: team.team.id,
      from: new Date(Date.now() - 30 * DAY),
      to: new Date(Date.now() + DAY),
      phase: 2,
    };
    const h = await getInsightsHistory(q);
    expect(h.funnel[1]).toMatchObject({ reached: 1 }); // phase 2 entered POC
    expect(h.stopsTotal).toBe(0); // not a move back
  });
});
