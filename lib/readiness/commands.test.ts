import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { advanceFeature, createFeature } from "@/lib/features/commands";
import { getFeature } from "@/lib/features/queries";
import { signGate } from "@/lib/gates/commands";
import { saveReadinessItems, setReadinessBar, setReadinessItem } from "@/lib/readiness/commands";
import { getReadiness } from "@/lib/readiness/queries";
import { ITEMS } from "@/lib/readiness/rubric";
import { auditCount, createTeamWithRoles, ACTORS, actorId, type Fixture } from "@/tests/fixtures";

const EVIDENCE = "https://ci.test/job/1";

async function setup() {
  const f = await createTeamWithRoles();
  const r = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Fraud score", summary: "Score checkouts" });
  if (!r.ok) throw new Error(r.error);
  return { f, featureId: r.data.featureId, ids: { teamId: f.team.id, featureId: r.data.featureId } };
}

/** One row of the grid's save, untouched but for `change`. */
function grid(code: string, change: Record<string, unknown> = {}) {
  return { code, version: 0, halves: 0, notApplicable: false, naReason: null, note: null, evidenceUrl: null, ownerId: null, ...change };
}

describe("saving the grid", () => {
  it("saves several items in one go, each versioned and audited, owners in bulk, and the score follows", async () => {
    const { f, featureId, ids } = await setup();
    const dev = f.members.DEV;
    const audits = await auditCount(f.team.id);
    const items = [
      grid("DATA-1", { halves: 2, evidenceUrl: EVIDENCE, ownerId: dev.id }),
      grid("MODEL-1", { halves: 1, note: "Reviewed by hand", evidenceUrl: EVIDENCE, ownerId: dev.id }),
      grid("INFRA-1", { halves: 2, evidenceUrl: EVIDENCE }),
      grid("MONITORING-1", { halves: 2, evidenceUrl: EVIDENCE }),
      grid("MONITORING-7", { notApplicable: true, naReason: "No served traffic yet", halves: 2 }),
      // Unchanged: nothing written, nothing audited.
      grid("DATA-2"),
    ];
    expect(await saveReadinessItems.run(dev.id, { ...ids, items: JSON.stringify(items) })).toMatchObject({ ok: true, data: { changed: 5 } });
    const r = (await getReadiness(f.team.id, featureId))!;
    expect(r.sections.map((s) => [s.key, s.sum, s.max])).toEqual([["DATA", 1, 7], ["MODEL", 0.5, 7], ["INFRA", 1, 7], ["MONITORING", 1, 6]]);
    expect(r.score).toBe(0.5);
    expect(r.weakest).toBe("Model development at ½ of 7");
    const byCode = new Map(r.items.map((i) => [i.code, i]));
    expect(byCode.get("MONITORING-7")).toMatchObject({ notApplicable: true, halves: 0, version: 1 });
    expect(byCode.get("DATA-2")).toMatchObject({ version: 0 });
    expect(byCode.get("MODEL-1")!.owner).toMatchObject({ id: dev.id });
    // Five score events and two owner events.
    expect(await auditCount(f.team.id)).toBe(audits + 7);
    const stored = await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { readinessScore: true } });
    expect(stored.readinessScore).toBe(0.5);

    // A second save from the same (now old) versions is refused whole, naming the items.
    const again = await saveReadinessItems.run(dev.id, {
      ...ids,
      items: JSON.stringify([grid("DATA-3", { halves: 2, evidenceUrl: EVIDENCE }), grid("DATA-1"), grid("MODEL-1")]),
    });
    expect(again).toMatchObject({ ok: false, code: "conflict", error: expect.stringContaining("DATA-1 and MODEL-1") });
    expect((await getReadiness(f.team.id, featureId))!.items.find((i) => i.code === "DATA-3")).toMatchObject({ version: 0 });
  });

  it("names each row's problem by its code, and refuses owners outside the team", async () => {
    const { f, ids } = await setup();
    const result = await saveReadinessItems.run(f.members.DS.id, {
      ...ids,
      items: JSON.stringify([
        grid("DATA-1", { halves: 1 }),
        grid("DATA-2", { halves: 2, evidenceUrl: "ftp://x" }),
        grid("DATA-3", { notApplicable: true }),
        grid("DATA-4", { note: "a\u0000b" }),
      ]),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: {
        "DATA-1.note": ["Done by hand: describe what was done."],
        "DATA-1.evidenceUrl": ["Done by hand: link the evidence."],
        "DATA-2.evidenceUrl": [expect.stringContaining("http(s)")],
        "DATA-3.naReason": ["Say why this test does not apply."],
      },
    });
    expect(await saveReadinessItems.run(f.members.DS.id, { ...ids, items: JSON.stringify([grid("DATA-1", { note: "a\u0000b" })]) })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await saveReadinessItems.run(f.members.DS.id, { ...ids, items: JSON.stringify([grid("DATA-1", { ownerId: f.outsider.id })]) })).toMatchObject({
      ok: false,
      fieldErrors: { "DATA-1.ownerId": ["Pick a member of this team."] },
    });
    for (const junk of ["", "[]", "{", JSON.stringify([grid("DATA-9")]), JSON.stringify([grid("DATA-1"), grid("DATA-1")])]) {
      expect(await saveReadinessItems.run(f.members.DS.id, { ...ids, items: junk }), junk).toMatchObject({ ok: false, code: "invalid" });
    }
  });
});

describe("scoring items", () => {
  it("asks for a note and evidence for ½ and a link for 1; N/A needs a reason", async () => {
    const { f, ids } = await setup();
    const dev = f.members.DEV.id;
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-1", version: 0, halves: "1" })).toMatchObject({
      ok: false,
      fieldErrors: { note: [expect.stringContaining("describe")], evidenceUrl: [expect.stringContaining("link")] },
    });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-1", version: 0, halves: "2" })).toMatchObject({
      ok: false,
      fieldErrors: { evidenceUrl: ["Automated: link the job, test or monitor."] },
    });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-1", version: 0, halves: "2", evidenceUrl: "ftp://x" })).toMatchObject({
      ok: false,
      fieldErrors: { evidenceUrl: [expect.stringContaining("http(s)")] },
    });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-1", version: 0, halves: "0", notApplicable: "on" })).toMatchObject({
      ok: false,
      fieldErrors: { naReason: ["Say why this test does not apply."] },
    });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-9", version: 0, halves: "0" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-1", version: 0, halves: "1", note: "Reviewed schema", evidenceUrl: EVIDENCE })).toMatchObject({ ok: true });
    expect(await setReadinessItem.run(dev, { ...ids, code: "DATA-2", version: 0, halves: "2", evidenceUrl: EVIDENCE })).toMatchObject({ ok: true });
    const r = (await getReadiness(f.team.id, ids.featureId))!;
    expect(r.sections[0]).toMatchObject({ key: "DATA", sum: 1.5, max: 7 });
    expect(r.score).toBe(0);
    expect(r.items).toHaveLength(28);
  });

  it("refuses a save based on an older version, and an owner outside the team", async () => {
    const { f, ids } = await setup();
    const ds = f.members.DS.id;
    await setReadinessItem.run(ds, { ...ids, code: "MODEL-1", version: 0, halves: "2", evidenceUrl: EVIDENCE });
    expect(await setReadinessItem.run(ds, { ...ids, code: "MODEL-1", version: 0, halves: "0" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await setReadinessItem.run(ds, { ...ids, code: "MODEL-2", version: 0, halves: "0", ownerId: f.outsider.id })).toMatchObject({
      ok: false,
      fieldErrors: { ownerId: ["Pick a member of this team."] },
    });
  });
});

describe("gates", () => {
  it("BUILD → VALIDATION needs an owner for each monitoring test", async () => {
    const { f, featureId, ids } = await setup();
    await db.feature.update({ where: { id: featureId }, data: { stage: "BUILD" } });
    const line = async () => (await getFeature(f.team.id, featureId))!.gate!.requirements.find((r) => r.key === "BUILD.monitoring_owners")!;
    expect(await line()).toMatchObject({ met: false, detail: "7 of 7 monitoring tests have no owner." });
    for (const item of ITEMS.filter((i) => i.section === "MONITORING")) {
      const fields = item.number === 7 ? { notApplicable: "on", naReason: "No served predictions yet" } : { ownerId: f.members.DEV.id };
      expect(await setReadinessItem.run(f.members.DEV.id, { ...ids, code: item.code, version: 0, halves: "0", ...fields })).toMatchObject({ ok: true });
    }
    expect(await line()).toMatchObject({ met: true });
  });

  it("VALIDATION → PRODUCTION needs the score at the team's bar, which the lead sets", async () => {
    const { f, featureId, ids } = await setup();
    await db.feature.update({ where: { id: featureId }, data: { stage: "VALIDATION" } });
    const others = ["VALIDATION.criteria_passed", "VALIDATION.qa_responsible", "VALIDATION.signoff.QA", "VALIDATION.signoff.PM"];
    await db.teamGateSetting.createMany({ data: others.map((key) => ({ teamId: f.team.id, key, enabled: false })) });
    const line = async () => (await getFeature(f.team.id, featureId))!.gate!.requirements.find((r) => r.key === "VALIDATION.readiness_bar")!;
    expect(await line()).toMatchObject({ met: false, detail: "Score 0 of 1 needed; weakest: all four sections tie at 0 of 7." });
    // One automated test in every section: score 1.
    for (const section of ["DATA", "MODEL", "INFRA", "MONITORING"]) {
      await setReadinessItem.run(f.members.DS.id, { ...ids, code: `${section}-1`, version: 0, halves: "2", evidenceUrl: EVIDENCE });
    }
    expect(await line()).toMatchObject({ met: true });
    expect(await setReadinessBar.run(f.members.LEAD.id, { teamId: f.team.id, bar: "1.5" })).toMatchObject({ ok: true });
    expect(await line()).toMatchObject({ met: false });
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false });
    await setReadinessBar.run(f.members.LEAD.id, { teamId: f.team.id, bar: "1" });
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: true, data: { stage: "PRODUCTION" } });
    const events = await db.auditEvent.findMany({ where: { teamId: f.team.id, action: "gate.readiness_bar_changed" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ bar: 1 }, { bar: 1.5 }],
      [{ bar: 1.5 }, { bar: 1 }],
    ]);
  });

  it("a new bar voids the validation sign-offs given under the old one", async () => {
    const { f, featureId, ids } = await setup();
    await db.feature.update({ where: { id: featureId }, data: { stage: "VALIDATION" } });
    const others = ["VALIDATION.criteria_passed", "VALIDATION.qa_responsible", "VALIDATION.signoff.PM"];
    await db.teamGateSetting.createMany({ data: others.map((key) => ({ teamId: f.team.id, key, enabled: false })) });
    for (const section of ["DATA", "MODEL", "INFRA", "MONITORING"]) {
      await setReadinessItem.run(f.members.DS.id, { ...ids, code: `${section}-1`, version: 0, halves: "2", evidenceUrl: EVIDENCE });
    }
    expect(await signGate.run(f.members.QA.id, { ...ids, role: "QA" })).toMatchObject({ ok: true });
    expect((await getFeature(f.team.id, featureId))!.gate!.ready).toBe(true);
    // QA signed against a bar of 1; the lead lowers it: still met, but not what was signed.
    expect(await setReadinessBar.run(f.members.LEAD.id, { teamId: f.team.id, bar: "0.5" })).toMatchObject({ ok: true });
    expect(await db.gateSignoff.findFirstOrThrow({ where: { featureId } })).toMatchObject({ revokedAt: expect.any(Date) });
    const gate = (await getFeature(f.team.id, featureId))!.gate!;
    expect(gate.ready).toBe(false);
    expect(gate.signoffs.every((s) => s.given.length === 0)).toBe(true);
    expect(await advanceFeature.run(f.members.PM.id, { ...ids, version: 1 })).toMatchObject({ ok: false });
  });

  it("refuses a bar outside 0–7 or not in half points", async () => {
    const { f } = await setup();
    expect(await setReadinessBar.run(f.members.LEAD.id, { teamId: f.team.id, bar: "8" })).toMatchObject({ ok: false, fieldErrors: { bar: [expect.any(String)] } });
    expect(await setReadinessBar.run(f.members.LEAD.id, { teamId: f.team.id, bar: "1.2" })).toMatchObject({ ok: false, fieldErrors: { bar: [expect.stringContaining("half")] } });
  });
});

describe("permission matrix of the readiness commands", () => {
  const cases = [
    {
      name: "setReadinessItem",
      allowed: ["LEAD", "DS", "DEV"],
      run: (f: Fixture, featureId: string, a: string | null) =>
        setReadinessItem.run(a, { teamId: f.team.id, featureId, code: "INFRA-1", version: 0, halves: "2", evidenceUrl: EVIDENCE }),
    },
    {
      name: "saveReadinessItems",
      allowed: ["LEAD", "DS", "DEV"],
      run: (f: Fixture, featureId: string, a: string | null) =>
        saveReadinessItems.run(a, { teamId: f.team.id, featureId, items: JSON.stringify([grid("INFRA-1", { halves: 2, evidenceUrl: EVIDENCE })]) }),
    },
    { name: "setReadinessBar", allowed: ["LEAD"], run: (f: Fixture, _id: string, a: string | null) => setReadinessBar.run(a, { teamId: f.team.id, bar: "2" }) },
  ];
  for (const c of cases) {
    for (const actor of ACTORS) {
      const allowed = c.allowed.includes(actor);
      it(`${c.name} by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
        const { f, featureId } = await setup();
        const snapshot = async () => [
          await auditCount(f.team.id),
          await db.readinessItem.count({ where: { featureId } }),
          (await db.team.findUniqueOrThrow({ where: { id: f.team.id } })).readinessBar,
        ];
        const before = await snapshot();
        const result = await c.run(f, featureId, actorId(f, actor));
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

describe("item history", () => {
  it("keeps every change of an item with who and the score", async () => {
    const { f, featureId, ids } = await setup();
    await setReadinessItem.run(f.members.DEV.id, { ...ids, code: "INFRA-7", version: 0, halves: "1", note: "Drill", evidenceUrl: EVIDENCE });
    await setReadinessItem.run(f.members.DS.id, { ...ids, code: "INFRA-7", version: 1, halves: "2", evidenceUrl: EVIDENCE });
    const item = (await getReadiness(f.team.id, featureId))!.items.find((i) => i.code === "INFRA-7")!;
    expect(item.history.map((e) => [e.actor?.name, e.after])).toEqual([
      [expect.stringContaining("ds"), { code: "INFRA-7", score: 1, notApplicable: false }],
      [expect.stringContaining("dev"), { code: "INFRA-7", score: 0.5, notApplicable: false }],
    ]);
  });
});

describe("owner changes", () => {
  it("are logged as owner changes, not as a score; a save that changes both logs both", async () => {
    const { f, featureId, ids } = await setup();
    const dev = f.members.DEV;
    const scored = { ...ids, code: "INFRA-7", halves: "1", note: "Drill", evidenceUrl: EVIDENCE };
    await setReadinessItem.run(dev.id, { ...scored, version: 0 });
    expect(await setReadinessItem.run(f.members.DS.id, { ...scored, version: 1, ownerId: dev.id })).toMatchObject({ ok: true });
    await setReadinessItem.run(f.members.DS.id, { ...scored, version: 2, halves: "2", ownerId: f.members.DS.id });
    const events = await db.auditEvent.findMany({ where: { featureId }, orderBy: { id: "asc" }, select: { action: true, before: true, after: true } });
    const readiness = events.filter((e) => e.action.startsWith("readiness."));
    expect(readiness.map((e) => e.action)).toEqual([
      "readiness.item_set",
      "readiness.owner_changed",
      "readiness.item_set",
      "readiness.owner_changed",
    ]);
    expect(readiness[1]).toMatchObject({
      before: { code: "INFRA-7", ownerId: null, owner: null },
      after: { code: "INFRA-7", ownerId: dev.id, owner: expect.stringContaining("dev") },
    });
    const item = (await getReadiness(f.team.id, featureId))!.items.find((i) => i.code === "INFRA-7")!;
    expect(item.history.map((e) => e.action)).toEqual([
      "readiness.owner_changed",
      "readiness.item_set",
      "readiness.owner_changed",
      "readiness.item_set",
    ]);
  });
});
