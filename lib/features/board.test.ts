import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BOARD_COLUMN_SIZE, getBoard, listStageFeatures, parseStageCursor, STAGE_LIST_PAGE_SIZE } from "@/lib/features/board";
import { createdFeature } from "@/lib/features/test-fixtures";
import { signGate } from "@/lib/gates/commands";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

const DAY = 24 * 60 * 60 * 1000;

const create = (f: Fixture, title: string, summary = "Seeded for the board tests", phases = 1) =>
  createdFeature(f, {
    title,
    summary,
    phases: Array.from({ length: phases }, (_, i) => ({ name: `Phase ${i + 1}`, target: "precision >= 0.9" })),
  });

/** Many features at once, straight into a stage, entered `daysAgo` days ago (index order = age order). */
async function bulk(f: Fixture, stage: "IDEA" | "BUILD" | "PRODUCTION", count: number, startDaysAgo: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await create(f, `${stage} feature ${String(i).padStart(3, "0")}`));
  for (const [i, id] of ids.entries()) {
    await db.feature.update({
      where: { id },
      data: { stage, stageEnteredAt: new Date(Date.now() - (startDaysAgo - i) * DAY) },
    });
  }
  return ids;
}

describe("the board", () => {
  it("counts every stage and shows the oldest cards of each column, at most a column's size", async () => {
    const f = await createTeamWithRoles();
    const ideas = await bulk(f, "IDEA", BOARD_COLUMN_SIZE + 3, 100);
    const built = await bulk(f, "BUILD", 2, 10);
    const columns = await getBoard(f.team.id, {});
    expect(columns.map((c) => c.stage)).toEqual(["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION", "PAUSED", "RETIRED"]);
    const byStage = Object.fromEntries(columns.map((c) => [c.stage, c]));
    expect(byStage.IDEA!.count).toBe(BOARD_COLUMN_SIZE + 3);
    expect(byStage.IDEA!.cards.map((c) => c.id)).toEqual(ideas.slice(0, BOARD_COLUMN_SIZE));
    expect(byStage.BUILD!.cards.map((c) => c.id)).toEqual(built);
    expect(byStage.POC).toMatchObject({ count: 0, cards: [] });
    expect(byStage.IDEA!.cards[0]).toMatchObject({ daysInStage: 100, phaseName: "Phase 1", accountable: expect.any(String) });
  });

  it("shows another team nothing", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    await create(f, "Ours");
    const columns = await getBoard(other.team.id, {});
    expect(columns.every((c) => c.count === 0 && c.cards.length === 0)).toBe(true);
  });

  it("filters by text (wildcards literal), phase, person, stuck days and the role waited on", async () => {
    const f = await createTeamWithRoles();
    const fraud = await create(f, "Fraud score", "Scores 100% of checkouts");
    const churn = await create(f, "Churn model", "Weekly churn risk", 2);
    await db.feature.update({ where: { id: churn }, data: { currentPhase: 2, stageEnteredAt: new Date(Date.now() - 30 * DAY) } });
    await assignResponsibility.run(f.members.LEAD.id, {
      teamId: f.team.id,
      featureId: fraud,
      userId: f.members.DS.id,
      role: "DS",
      kind: "RESPONSIBLE",
    });
    // The PM and the DS both sign the churn model's IDEA gate: it waits on nobody's sign-off, only on its spec (PM).
    for (const role of ["PM", "DS"] as const) await signGate.run(f.members[role].id, { teamId: f.team.id, featureId: churn, role });

    const ids = async (filters: Parameters<typeof getBoard>[1]) =>
      (await getBoard(f.team.id, filters)).flatMap((c) => c.cards.map((card) => card.id)).sort();
    expect(await ids({ q: "fraud" })).toEqual([fraud]);
    expect(await ids({ q: "100%" })).toEqual([fraud]);
    expect(await ids({ q: "%" })).toEqual([fraud]);
    expect(await ids({ q: "0%%" })).toEqual([]);
    expect(await ids({ q: "_" })).toEqual([]);
    expect(await ids({ phase: 2 })).toEqual([churn]);
    expect(await ids({ person: f.members.DS.id })).toEqual([fraud]);
    expect(await ids({ stuckDays: 14 })).toEqual([churn]);
    expect(await ids({ waitingOn: "DS" })).toEqual([fraud]);
    expect(await ids({ waitingOn: "PM" })).toEqual([churn, fraud].sort());
    expect(await ids({ waitingOn: "QA" })).toEqual([]);
    const counted = await getBoard(f.team.id, { q: "churn" });
    expect(counted.find((c) => c.stage === "IDEA")!.count).toBe(1);
  });

  it("cards carry the stored gate summary", async () => {
    const f = await createTeamWithRoles();
    const id = await create(f, "Fraud score");
    const card = (await getBoard(f.team.id, {})).find((c) => c.stage === "IDEA")!.cards[0]!;
    // No approved spec, and neither the PM nor the DS has signed.
    expect(card).toMatchObject({ id, failedCriteria: 0 });
    expect(card.missing).toBeGreaterThanOrEqual(3);
    expect([...card.waitingOn].sort()).toEqual(["DS", "PM"]);
  });
});

describe("a stage's pages", () => {
  it("walk the whole stage in board order, disjoint, by cursor", async () => {
    const f = await createTeamWithRoles();
    const ids = await bulk(f, "PRODUCTION", STAGE_LIST_PAGE_SIZE + 7, 200);
    const first = await listStageFeatures(f.team.id, "PRODUCTION", {});
    expect(first.total).toBe(STAGE_LIST_PAGE_SIZE + 7);
    expect(first.cards.map((c) => c.id)).toEqual(ids.slice(0, STAGE_LIST_PAGE_SIZE));
    expect(first.nextCursor).toBeDefined();
    const second = await listStageFeatures(f.team.id, "PRODUCTION", {}, parseStageCursor(first.nextCursor));
    expect(second.cards.map((c) => c.id)).toEqual(ids.slice(STAGE_LIST_PAGE_SIZE));
    expect(second.nextCursor).toBeUndefined();
  });

  it("keep their place when features are added before the cursor", async () => {
    const f = await createTeamWithRoles();
    const ids = await bulk(f, "PRODUCTION", STAGE_LIST_PAGE_SIZE + 2, 200);
    const first = await listStageFeatures(f.team.id, "PRODUCTION", {});
    // An older feature arrives: it sorts first, and the next page neither repeats nor skips.
    await bulk(f, "PRODUCTION", 1, 500);
    const second = await listStageFeatures(f.team.id, "PRODUCTION", {}, parseStageCursor(first.nextCursor));
    expect(second.cards.map((c) => c.id)).toEqual(ids.slice(STAGE_LIST_PAGE_SIZE));
  });

  it("treat a malformed cursor as the first page", () => {
    for (const bad of [undefined, "", "x", "12.not-a-uuid", "99999999999999999999.0190f0f0-0000-7000-8000-000000000000", ["a", "b"], "1.2.3"]) {
      expect(parseStageCursor(bad)).toBeUndefined();
    }
    expect(parseStageCursor("1700000000000.0190f0f0-0000-7000-8000-000000000000")).toEqual({
      enteredAt: new Date(1700000000000),
      id: "0190f0f0-0000-7000-8000-000000000000",
    });
  });
});
