import { describe, expect, it } from "vitest";
import { addComment } from "@/lib/comments/commands";
import { createCriterion, setCriterionVerdict } from "@/lib/criteria/commands";
import { db } from "@/lib/db";
import { getMembership } from "@/lib/authz/membership";
import { createdFeature, newFeature } from "@/lib/features/test-fixtures";
import { requestSignoff, signGate } from "@/lib/gates/commands";
import { refreshFeatures } from "@/lib/gates/summary";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { dismissInboxItem, markInboxSeen, restoreInboxItem } from "@/lib/my-work/commands";
import { getInbox, type InboxKind } from "@/lib/my-work/inbox";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

// My work is an inbox computed from the facts: what each role finds there at
// each gate, items leaving when their cause is gone, done and snooze.

const ROLES: Role[] = ["LEAD", "PM", "DS", "DEV", "QA"];

/** The inbox of the fixture's member holding `role`, through their membership as a page reads it. */
async function inboxOf(f: Fixture, role: Role, now?: number) {
  const member = await getMembership(f.members[role].id, f.team.id);
  return getInbox(member!, now);
}

/** Every open item as "<feature title>/<kind>", sorted: what a table can compare. */
async function openItems(f: Fixture, role: Role, now?: number) {
  const inbox = await inboxOf(f, role, now);
  return inbox.groups.flatMap((g) => g.items.map((i) => `${g.feature.title}/${i.kind}`)).sort();
}

async function atStage(f: Fixture, title: string, stage: Stage) {
  const featureId = await newFeature(f);
  await db.feature.update({ where: { id: featureId }, data: { title, stage } });
  await db.$transaction((tx) => refreshFeatures(tx, f.team.id, [featureId]));
  return featureId;
}

const COMPLETE_SPEC = {
  problem: "Chargebacks cost 2% of revenue",
  customerContext: "Checkout; card payments in the EU",
  constraints: "Under 100 ms p95",
  criterionMetric: ["precision"],
  criterionTarget: [">= 0.90"],
  criterionHowMeasured: ["holdout"],
  criterionPhase: ["1"],
};

describe("the inbox per role, for a feature at each gate", () => {
  // One feature at each gate, nobody Responsible on any, complete approved
  // specs; the VALIDATION one has an untested acceptance criterion. What
  // waits follows the gate definitions: sign-offs by role, and requirements
  // by the roles that can make them true.
  const cases: [Role, string[]][] = [
    ["LEAD", ["BUILD/gate", "POC/gate", "VALIDATION/gate"]],
    ["PM", ["BUILD/gate", "IDEA/gate", "POC/gate", "VALIDATION/gate"]],
    ["DS", ["BUILD/gate", "IDEA/gate", "POC/gate", "VALIDATION/gate"]],
    ["DEV", ["BUILD/gate", "VALIDATION/gate"]],
    ["QA", ["VALIDATION/criteria", "VALIDATION/gate"]],
  ];

  it.each(cases)("%s finds %j", async (role, expected) => {
    const f = await createTeamWithRoles();
    for (const stage of ["IDEA", "POC", "BUILD"] as const) await atStage(f, stage, stage);
    const validation = await atStage(f, "VALIDATION", "VALIDATION");
    const criterion = await createCriterion.run(f.members.PM.id, {
      teamId: f.team.id,
      featureId: validation,
      given: "a checkout over 1,000 EUR",
      when: "it is scored",
      then: "the score is stored",
    });
    expect(criterion).toMatchObject({ ok: true });
    expect(await openItems(f, role)).toEqual(expected);
  });

  it("counts only features where the person is Responsible in the role, or nobody is", async () => {
    const f = await createTeamWithRoles();
    const build = await atStage(f, "BUILD", "BUILD");
    const otherDev = await db.user.create({ data: { email: `dev2-${build}@example.test`, name: "Dora Dev" } });
    await db.membership.create({ data: { teamId: f.team.id, userId: otherDev.id, roles: ["DEV"] } });
    await db.responsibility.create({ data: { featureId: build, userId: otherDev.id, role: "DEV", kind: "RESPONSIBLE" } });
    await db.$transaction((tx) => refreshFeatures(tx, f.team.id, [build]));
    expect(await openItems(f, "DEV")).toEqual([]);
    const dora = await getMembership(otherDev.id, f.team.id);
    expect((await getInbox(dora!)).groups.map((g) => g.feature.title)).toEqual(["BUILD"]);
  });
});

describe("items leave when their cause is gone", () => {
  it("a sign-off request and the gate item go once the person signs", async () => {
    const f = await createTeamWithRoles();
    const featureId = await newFeature(f);
    const asked = await requestSignoff.run(f.members.PM.id, { teamId: f.team.id, featureId, role: "DS" });
    expect(asked).toMatchObject({ ok: true });
    const before = await inboxOf(f, "DS");
    const items = before.groups.flatMap((g) => g.items);
    expect(items.map((i) => i.kind).sort()).toEqual(["gate", "request"]);
    const request = items.find((i) => i.kind === "request")!;
    expect(request.text).toMatch(/asked for your data scientist sign-off/);
    expect(request.action.href).toBe(`/teams/${f.team.id}/features/${featureId}#gate-heading`);
    expect(before.open).toBe(2);

    expect(await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId, role: "DS" })).toMatchObject({ ok: true });
    expect(await openItems(f, "DS")).toEqual([]);
  });

  it("a spec review goes to the reviewer, changes requested come back to the PM, and a new revision answers them", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f, { title: "Spec flow" });
    const ref = { teamId: f.team.id, featureId };
    expect(await saveSpec.run(f.members.PM.id, { ...ref, baseRevision: 0, ...COMPLETE_SPEC })).toMatchObject({ ok: true });
    expect(await requestSpecReview.run(f.members.PM.id, { ...ref, revision: 1 })).toMatchObject({ ok: true });
    expect(await openItems(f, "LEAD")).toContain("Spec flow/review");

    const review = await reviewSpec.run(f.members.LEAD.id, {
      ...ref,
      revision: 1,
      decision: "CHANGES_REQUESTED",
      comment: "Name the holdout window",
    });
    expect(review).toMatchObject({ ok: true });
    expect(await openItems(f, "LEAD")).not.toContain("Spec flow/review");
    const changes = (await inboxOf(f, "PM")).groups.flatMap((g) => g.items).find((i) => i.kind === "changes");
    expect(changes).toMatchObject({ action: { href: `/teams/${f.team.id}/features/${featureId}/spec` } });
    expect(changes!.detail).toContain("Name the holdout window");
    // Others holding PM-like permissions but not its author see nothing.
    expect(await openItems(f, "DS")).not.toContain("Spec flow/changes");

    expect(await saveSpec.run(f.members.PM.id, { ...ref, baseRevision: 1, ...COMPLETE_SPEC, constraints: "Under 80 ms" })).toMatchObject({
      ok: true,
    });
    expect(await openItems(f, "PM")).not.toContain("Spec flow/changes");
  });

  it("QA's criteria item counts untested, failed and to re-verify, and leaves when all have passed against the approved spec", async () => {
    const f = await createTeamWithRoles();
    const featureId = await atStage(f, "Checked", "VALIDATION");
    const ids: string[] = [];
    for (const then of ["the score is stored", "the review queue gets it"]) {
      const r = await createCriterion.run(f.members.PM.id, { teamId: f.team.id, featureId, given: "a checkout", when: "scored", then });
      if (!r.ok) throw new Error(r.error);
      ids.push(r.data.criterionId);
    }
    const verdict = (criterionId: string, verdict: string, note?: string) =>
      setCriterionVerdict.run(f.members.QA.id, { teamId: f.team.id, featureId, criterionId, verdict, ...(note ? { note } : {}) });
    const criteriaItem = async () =>
      (await inboxOf(f, "QA")).groups.flatMap((g) => g.items).find((i) => i.kind === "criteria");

    expect(await criteriaItem()).toMatchObject({ text: "2 acceptance criteria to test", detail: "2 untested" });
    expect(await verdict(ids[0]!, "FAILED", "Stored twice")).toMatchObject({ ok: true });
    expect(await criteriaItem()).toMatchObject({ text: "2 acceptance criteria to test", detail: "1 untested, 1 failed" });
    expect(await verdict(ids[0]!, "PASSED")).toMatchObject({ ok: true });
    expect(await verdict(ids[1]!, "PASSED")).toMatchObject({ ok: true });
    expect(await criteriaItem()).toBeUndefined();

    // A newer approved spec: both passed verdicts need re-verifying.
    const spec = await db.specRevision.create({
      data: { featureId, number: 2, status: "APPROVED", problem: "p", customerContext: "c", constraints: "k", successCriteria: [] },
    });
    await db.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: spec.id } });
    expect(await criteriaItem()).toMatchObject({ text: "2 acceptance criteria to test", detail: "2 to re-verify" });
  });

  it("a mention leaves once seen", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f, { title: "Mentioned" });
    const comment = await addComment.run(f.members.PM.id, {
      teamId: f.team.id,
      featureId,
      body: `Can you check the latency budget, @${f.members.DEV.email}?`,
    });
    expect(comment).toMatchObject({ ok: true });
    expect(await openItems(f, "DEV")).toEqual(["Mentioned/mention"]);
    await db.mention.updateMany({ where: { userId: f.members.DEV.id }, data: { seenAt: new Date() } });
    expect(await openItems(f, "DEV")).toEqual([]);
  });

  it("a person who loses the role, or leaves the team, finds none of the role's items", async () => {
    const f = await createTeamWithRoles();
    await atStage(f, "VALIDATION", "VALIDATION");
    expect(await openItems(f, "QA")).toEqual(["VALIDATION/gate"]);
    await db.membership.update({ where: { id: f.members.QA.membershipId }, data: { roles: ["DEV"] } });
    // Now a developer: the VALIDATION gate waits on them as one, not as QA.
    const items = (await inboxOf(f, "QA")).groups.flatMap((g) => g.items);
    expect(items.map((i) => i.text)).toEqual(["The Validation → Production gate waits on you as developer"]);
    // Gone from the team: no membership, so no inbox to compute (pages and the count answer 404).
    await db.membership.delete({ where: { id: f.members.QA.membershipId } });
    expect(await getMembership(f.members.QA.id, f.team.id)).toBeNull();
  });

  it("never shows another team's features", async () => {
    const f = await createTeamWithRoles();
    const g = await createTeamWithRoles();
    await atStage(f, "IDEA", "IDEA");
    await atStage(f, "VALIDATION", "VALIDATION");
    for (const role of ROLES) {
      expect(await inboxOf(g, role)).toMatchObject({ open: 0, groups: [] });
      // Even a member of both teams sees only the team asked about.
      await db.membership.create({ data: { teamId: g.team.id, userId: f.members[role].id, roles: ROLES } });
      const inG = await getMembership(f.members[role].id, g.team.id);
      expect(await getInbox(inG!)).toMatchObject({ open: 0, groups: [] });
    }
  });
});

describe("done and snooze", () => {
  async function gateItem(f: Fixture) {
    const inbox = await inboxOf(f, "PM");
    return inbox.groups.flatMap((g) => g.items).find((i) => i.kind === ("gate" satisfies InboxKind))!;
  }

  it("done hides the item until its cause changes; snooze hides it until the time passes", async () => {
    const f = await createTeamWithRoles();
    const featureId = await atStage(f, "IDEA", "IDEA");
    const item = await gateItem(f);
    const ref = { teamId: f.team.id, key: item.key };

    expect(await dismissInboxItem.run(f.members.PM.id, ref)).toMatchObject({ ok: true });
    expect(await inboxOf(f, "PM")).toMatchObject({ open: 0, groups: [], snoozed: [] });
    // Someone else's inbox is their own.
    expect(await openItems(f, "DS")).toEqual(["IDEA/gate"]);

    // The feature comes back to the gate: a new cause, a new item.
    await db.feature.update({ where: { id: featureId }, data: { stageEnteredAt: new Date(Date.now() - 1000) } });
    expect(await openItems(f, "PM")).toEqual(["IDEA/gate"]);

    const again = await gateItem(f);
    const snoozed = await dismissInboxItem.run(f.members.PM.id, { ...ref, key: again.key, snooze: "tomorrow" });
    expect(snoozed).toMatchObject({ ok: true });
    const asleep = await inboxOf(f, "PM");
    expect(asleep.open).toBe(0);
    expect(asleep.snoozed.flatMap((g) => g.items).map((i) => i.key)).toEqual([again.key]);
    // A day and a minute later it is back.
    expect(await openItems(f, "PM", Date.now() + 24 * 3_600_000 + 60_000)).toEqual(["IDEA/gate"]);

    expect(await restoreInboxItem.run(f.members.PM.id, { ...ref, key: again.key })).toMatchObject({ ok: true });
    expect((await inboxOf(f, "PM")).open).toBe(1);
  });

  it("counts items as new until My work has shown them; a new cause is new again", async () => {
    const f = await createTeamWithRoles();
    const featureId = await atStage(f, "IDEA", "IDEA");
    await atStage(f, "POC", "POC");
    const before = await inboxOf(f, "PM");
    expect(before).toMatchObject({ open: 2, unread: 2 });
    const keys = before.groups.flatMap((g) => g.items.map((i) => i.key));
    expect(await markInboxSeen.run(f.members.PM.id, { teamId: f.team.id, key: keys })).toMatchObject({ ok: true });
    const after = await inboxOf(f, "PM");
    expect(after).toMatchObject({ open: 2, unread: 0 });
    expect(after.groups.flatMap((g) => g.items).every((i) => !i.unread)).toBe(true);
    // Seen by the PM, still new to the data scientist.
    expect(await inboxOf(f, "DS")).toMatchObject({ unread: 2 });

    // The IDEA feature reaches its gate again: a new item, new again.
    await db.feature.update({ where: { id: featureId }, data: { stageEnteredAt: new Date(Date.now() - 1000) } });
    expect(await inboxOf(f, "PM")).toMatchObject({ open: 2, unread: 1 });
  });

  it("refuses outsiders, another team's feature and malformed keys, changing nothing", async () => {
    const f = await createTeamWithRoles();
    const g = await createTeamWithRoles();
    const featureId = await atStage(f, "IDEA", "IDEA");
    const foreign = await atStage(g, "IDEA", "IDEA");
    const item = await gateItem(f);
    const ref = { teamId: f.team.id, key: item.key };

    expect(await dismissInboxItem.run(f.outsider.id, ref)).toMatchObject({ ok: false, code: "not_found" });
    expect(await dismissInboxItem.run(null, ref)).toMatchObject({ ok: false, code: "unauthenticated" });
    // A key naming another team's feature, sent with this team.
    const foreignKey = item.key.replace(featureId, foreign);
    for (const command of [dismissInboxItem, restoreInboxItem, markInboxSeen]) {
      expect(await command.run(f.members.PM.id, { ...ref, key: foreignKey })).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await markInboxSeen.run(f.members.PM.id, { ...ref, key: [item.key, foreignKey] })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await dismissInboxItem.run(f.members.PM.id, { ...ref, key: "gate:'; drop table" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { key: ["That item is not in your inbox."] },
    });
    expect(await dismissInboxItem.run(f.members.PM.id, { ...ref, snooze: "forever" })).toMatchObject({
      ok: false,
      fieldErrors: { snooze: ["Choose how long to snooze it."] },
    });
    expect(await db.inboxMark.count({ where: { featureId: { in: [featureId, foreign] } } })).toBe(0);
  });
});
