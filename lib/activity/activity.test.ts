import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ACTIVITY_GROUPS, auditSentence } from "@/lib/activity/sentences";
import { addComment } from "@/lib/comments/commands";
import { createCriterion, setCriterionVerdict } from "@/lib/criteria/commands";
import { createFeature } from "@/lib/features/commands";
import { listFeatureActivity } from "@/lib/features/queries";
import { saveReadinessItems } from "@/lib/readiness/commands";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { listAuditEvents } from "@/lib/teams/queries";
import { createTeamWithRoles } from "@/tests/fixtures";

// Real commands, then the audit log and the activity timeline as people read
// them: sentences, filtered by kind and by person, paged.

async function story() {
  const f = await createTeamWithRoles();
  const names = Object.fromEntries(
    (await db.user.findMany({ where: { id: { in: Object.values(f.members).map((m) => m.id) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const name = (role: keyof typeof f.members) => names[f.members[role].id]!;
  const r = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title: "Churn model", summary: "Who will leave" });
  if (!r.ok) throw new Error(r.error);
  const featureId = r.data.featureId;
  const ids = { teamId: f.team.id, featureId };
  const ok = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true });
  ok(await assignResponsibility.run(f.members.PM.id, { ...ids, userId: f.members.DEV.id, role: "DEV", kind: "ACCOUNTABLE" }));
  const c = await createCriterion.run(f.members.PM.id, { ...ids, text: "Handles nulls" });
  if (!c.ok) throw new Error(c.error);
  ok(await setCriterionVerdict.run(f.members.QA.id, { ...ids, criterionId: c.data.criterionId, verdict: "FAILED", note: "Crashes on a null country" }));
  ok(await saveReadinessItems.run(f.members.DEV.id, { ...ids, items: JSON.stringify([{ code: "DATA-1", version: 0, halves: 2, notApplicable: false, naReason: null, note: null, evidenceUrl: "https://ci.test/1", ownerId: f.members.DEV.id }]) }));
  ok(await addComment.run(f.members.QA.id, { ...ids, body: "Retest after the fix" }));
  return { f, featureId, name };
}

describe("the audit log in words", () => {
  it("says who did what to which feature, for events the commands really wrote", async () => {
    const { f, name } = await story();
    const { events, features, names } = await listAuditEvents(f.team.id);
    const sentences = events.map((e) =>
      auditSentence({ action: e.action, before: e.before, after: e.after, actor: e.actor?.name ?? null, feature: e.featureId ? features.get(e.featureId)! : null }, names),
    );
    expect(sentences).toEqual([
      `${name("QA")} commented on Churn model: “Retest after the fix”`,
      `${name("DEV")} made ${name("DEV")} the owner of DATA-1 on Churn model`,
      `${name("DEV")} set DATA-1 to 1 (automated) on Churn model`,
      `${name("QA")} marked “Handles nulls” failed on Churn model: “Crashes on a null country”`,
      `${name("PM")} wrote the criterion “Handles nulls” on Churn model`,
      `${name("PM")} made ${name("DEV")} Accountable on Churn model, in place of ${name("PM")}`,
      `${name("PM")} created Churn model`,
    ]);
  });
});

describe("the activity timeline's filters", () => {
  it("keep only the chosen kind and person, and page within them", async () => {
    const { f, featureId } = await story();
    const kinds = (events: { action: string }[]) => events.map((e) => e.action);
    const group = (key: string) => ACTIVITY_GROUPS.find((g) => g.key === key)!.kinds;
    const all = await listFeatureActivity(f.team.id, featureId);
    expect(all.events).toHaveLength(7);

    expect(kinds((await listFeatureActivity(f.team.id, featureId, undefined, 50, { actions: group("criteria") })).events)).toEqual([
      "criterion.verdict_set",
      "criterion.created",
    ]);
    expect(kinds((await listFeatureActivity(f.team.id, featureId, undefined, 50, { actions: group("people") })).events)).toEqual(["responsibility.assigned"]);
    expect(kinds((await listFeatureActivity(f.team.id, featureId, undefined, 50, { actorId: f.members.DEV.id })).events)).toEqual([
      "readiness.owner_changed",
      "readiness.item_set",
    ]);
    // Both at once: QA's criteria events only.
    expect(
      kinds((await listFeatureActivity(f.team.id, featureId, undefined, 50, { actions: group("criteria"), actorId: f.members.QA.id })).events),
    ).toEqual(["criterion.verdict_set"]);
    expect((await listFeatureActivity(f.team.id, featureId, undefined, 50, { actions: group("signoffs") })).events).toEqual([]);

    // Pages of one, filtered: each page the next matching event, never another kind.
    const seen: string[] = [];
    let before: bigint | undefined;
    do {
      const page = await listFeatureActivity(f.team.id, featureId, before, 1, { actions: [...group("readiness"), ...group("comments")] });
      seen.push(...kinds(page.events));
      before = page.nextCursor;
    } while (before);
    expect(seen).toEqual(["comment.added", "readiness.owner_changed", "readiness.item_set"]);

    // Another team's feature id: nothing, whatever the filter.
    const other = await createTeamWithRoles();
    expect((await listFeatureActivity(other.team.id, featureId)).events).toEqual([]);
  });
});
