import { describe, expect, it } from "vitest";
import { addComment } from "@/lib/comments/commands";
import { setCriterionVerdict } from "@/lib/criteria/commands";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createdFeature, newFeature } from "@/lib/features/test-fixtures";
import { requestSignoff, signGate } from "@/lib/gates/commands";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { decryptBody } from "@/lib/mail/outbox";
import { saveNotificationPreferences, unsubscribe } from "@/lib/notifications/commands";
import { KIND_INFO, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { nextDigestAt } from "@/lib/notifications/record";
import { purgeNotifications, recordStuckFeatures, sendDigest, sendFeatureBatch } from "@/lib/notifications/send";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "@/lib/notifications/token";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";
import { removeMember, setMemberRoles } from "@/lib/teams/commands";
import { createTeamWithRoles, createUser, type Fixture } from "@/tests/fixtures";

// Notification mail end to end inside the app: commands record events in
// their transaction, the worker's task functions (called here directly
// instead of waiting for their jobs) turn them into outbox messages, read
// back decrypted. No SMTP: lib/mail/outbox.test.ts covers delivery.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function ok<T>(result: { ok: true; data: T } | { ok: false; error: string; code: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.error}`);
  return result.data;
}

async function mails(email: string) {
  const rows = await db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" }, select: { subject: true, body: true, kind: true } });
  return rows.map((row) => ({ kind: row.kind, subject: row.subject, ...decryptBody(row.body!) }));
}

const notifications = (userId: string) =>
  db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { kind: true, featureId: true, sentAt: true, sentVia: true, droppedAt: true } });

const jobs = (key: string) =>
  db.$queryRaw<{ task: string; run_at: Date }[]>`
    SELECT t.identifier AS task, j.run_at FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.key = ${key}`;

async function prefer(userId: string, kind: NotificationKind, delivery: "IMMEDIATE" | "DIGEST" | "OFF") {
  await db.notificationPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, delivery },
    update: { delivery },
  });
}

const askDev = (f: Fixture, featureId: string, by: "PM" | "LEAD" = "PM") =>
  requestSignoff.run(f.members[by].id, { teamId: f.team.id, featureId, role: "DEV" });

/** A feature at the BUILD gate (asks for a developer's sign-off), created by the PM (Accountable). */
async function buildFeature(f: Fixture, title = "Fraud score on checkout") {
  const featureId = await createdFeature(f, { title });
  await db.feature.update({ where: { id: featureId }, data: { stage: "BUILD" } });
  return featureId;
}

const mention = (f: Fixture, featureId: string, who: { email: string }, text = "please look") =>
  addComment.run(f.members.PM.id, { teamId: f.team.id, featureId, body: `@${who.email} ${text}` });

describe("preferences", () => {
  it("default: a sign-off request mails the developer on its own after the batching window, with a link to the gate", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));

    const [job] = await jobs(`notify:${f.members.DEV.id}:${featureId}`);
    expect(job?.task).toBe("notify_immediate");
    expect(await sendFeatureBatch(db, { userId: f.members.DEV.id, featureId })).toEqual({ sent: 1 });

    const [mail, ...rest] = await mails(f.members.DEV.email);
    expect(rest).toEqual([]);
    expect(mail!.subject).toMatch(/asked for your developer sign-off on the Build gate of "Fraud score on checkout"/);
    expect(mail!.text.split("\n")).toContain(`  ${env.NEXTAUTH_URL.replace(/\/$/, "")}/teams/${f.team.id}/features/${featureId}#gate-heading`);
    expect(await notifications(f.members.DEV.id)).toEqual([expect.objectContaining({ kind: "SIGNOFF_REQUESTED", sentVia: "IMMEDIATE" })]);
  });

  it("off: nothing is recorded and nothing is mailed", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    await prefer(f.members.DEV.id, "SIGNOFF_REQUESTED", "OFF");
    ok(await askDev(f, featureId));

    expect(await notifications(f.members.DEV.id)).toEqual([]);
    expect(await jobs(`notify:${f.members.DEV.id}:${featureId}`)).toEqual([]);
    expect(await sendFeatureBatch(db, { userId: f.members.DEV.id, featureId })).toEqual({ sent: 0 });
    expect(await mails(f.members.DEV.email)).toEqual([]);
  });

  it("off after the event, before the mail: the event is dropped at send time", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));
    await prefer(f.members.DEV.id, "SIGNOFF_REQUESTED", "OFF");

    expect(await sendFeatureBatch(db, { userId: f.members.DEV.id, featureId })).toEqual({ sent: 0 });
    expect(await mails(f.members.DEV.email)).toEqual([]);
    expect(await notifications(f.members.DEV.id)).toEqual([expect.objectContaining({ sentAt: null, droppedAt: expect.any(Date) })]);
  });

  it("digest: no mail of its own, only in the digest", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    await prefer(f.members.DEV.id, "SIGNOFF_REQUESTED", "DIGEST");
    ok(await askDev(f, featureId));

    expect(await jobs(`notify:${f.members.DEV.id}:${featureId}`)).toEqual([]);
    const [digestJob] = await jobs(`digest:${f.members.DEV.id}`);
    expect(digestJob).toEqual({ task: "notify_digest", run_at: nextDigestAt(new Date()) });
    // Even a stray immediate run leaves it for the digest.
    expect(await sendFeatureBatch(db, { userId: f.members.DEV.id, featureId })).toEqual({ sent: 0 });
    expect(await mails(f.members.DEV.email)).toEqual([]);

    expect(await sendDigest(db, { userId: f.members.DEV.id }, new Date(Date.now() + DAY_MS))).toEqual({ sent: 1 });
    const [digest] = await mails(f.members.DEV.email);
    expect(digest!.subject).toBe("Your Liftoff digest: 1 update on 1 feature");
    expect(digest!.text).toContain("asked for your developer sign-off");
  });

  it("everyone starts from the defaults: direct asks and mentions at once, news about my features in the digest", () => {
    expect(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, KIND_INFO[kind].default]))).toEqual({
      SIGNOFF_REQUESTED: "IMMEDIATE",
      MENTIONED: "IMMEDIATE",
      SPEC_REVIEW_REQUESTED: "IMMEDIATE",
      SPEC_REVIEWED: "IMMEDIATE",
      CRITERION_FAILED: "DIGEST",
      GATE_OPENED: "DIGEST",
      FEATURE_STUCK: "DIGEST",
    });
  });

  it("are saved from the account form, audited, with a field error for a value that is not a choice", async () => {
    const user = await createUser("prefs");
    const form = { ...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, KIND_INFO[kind].default])), MENTIONED: "OFF", GATE_OPENED: "IMMEDIATE" };

    const refused = await saveNotificationPreferences.run(user.id, { ...form, FEATURE_STUCK: "HOURLY" });
    expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { FEATURE_STUCK: ["Pick immediately, daily digest or off."] } });
    expect(await db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
    expect(await saveNotificationPreferences.run(null, form)).toMatchObject({ ok: false, code: "unauthenticated" });

    expect(ok(await saveNotificationPreferences.run(user.id, form))).toEqual({ changed: 2 });
    const stored = await db.notificationPreference.findMany({ where: { userId: user.id }, select: { kind: true, delivery: true }, orderBy: { kind: "asc" } });
    expect(stored).toEqual([
      { kind: "MENTIONED", delivery: "OFF" },
      { kind: "GATE_OPENED", delivery: "IMMEDIATE" },
    ]);
    const event = await db.auditEvent.findFirst({ where: { targetId: user.id, action: "user.notifications_changed" } });
    expect(event).toMatchObject({ before: { MENTIONED: "IMMEDIATE", GATE_OPENED: "DIGEST" }, after: { MENTIONED: "OFF", GATE_OPENED: "IMMEDIATE" } });
  });
});

describe("housekeeping", () => {
  it("forgets rows mailed or dropped more than 90 days ago, never pending ones", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));
    ok(await mention(f, featureId, f.members.DEV));
    ok(await mention(f, featureId, f.members.DEV, "again"));
    const [sent, dropped] = await db.notification.findMany({ where: { featureId }, orderBy: { createdAt: "asc" }, select: { id: true } });
    const old = new Date(Date.now() - 91 * DAY_MS);
    await db.notification.update({ where: { id: sent!.id }, data: { sentAt: old, sentVia: "IMMEDIATE" } });
    await db.notification.update({ where: { id: dropped!.id }, data: { droppedAt: old } });

    await purgeNotifications(db);
    expect(await db.notification.count({ where: { featureId } })).toBe(1);
  });
});

describe("batching", () => {
  it("a burst on one feature makes one job and one mail; another feature its own", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    const other = await buildFeature(f, "Churn-risk badge");
    const dev = f.members.DEV;
    ok(await askDev(f, featureId));
    ok(await mention(f, featureId, dev, "first"));
    ok(await mention(f, featureId, dev, "second"));
    ok(await mention(f, other, dev, "elsewhere"));

    expect(await jobs(`notify:${dev.id}:${featureId}`)).toHaveLength(1);
    expect(await sendFeatureBatch(db, { userId: dev.id, featureId })).toEqual({ sent: 3 });
    expect(await sendFeatureBatch(db, { userId: dev.id, featureId })).toEqual({ sent: 0 });

    const [mail, ...rest] = await mails(dev.email);
    expect(rest).toEqual([]);
    expect(mail!.subject).toMatch(/^3 updates on "Fraud score on checkout"/);
    const lines = mail!.text.split("\n");
    expect(lines.filter((line) => line.startsWith("- "))).toHaveLength(3);
    expect(mail!.text).toContain(' first"');
    expect(mail!.text).toContain(' second"');
    expect(mail!.text).not.toContain("elsewhere");
    // Each mention links to its comment.
    expect(lines.filter((line) => /#comment-[0-9a-f-]{36}$/.test(line))).toHaveLength(2);

    expect(await sendFeatureBatch(db, { userId: dev.id, featureId: other })).toEqual({ sent: 1 });
    expect(await mails(dev.email)).toHaveLength(2);
  });
});

describe("the digest", () => {
  it("is one mail with everything since the last one, at most one a day", async () => {
    const f = await createTeamWithRoles();
    const dev = f.members.DEV;
    await prefer(dev.id, "MENTIONED", "DIGEST");
    await prefer(dev.id, "SIGNOFF_REQUESTED", "DIGEST");
    const a = await buildFeature(f, "Feature A");
    const b = await buildFeature(f, "Feature B");
    ok(await mention(f, a, dev));
    ok(await askDev(f, b));
    // A time after the next digest hour, so the run counts as that day's.
    const day1 = new Date(nextDigestAt(new Date()).getTime() + HOUR_MS);

    expect(await sendDigest(db, { userId: dev.id }, day1)).toEqual({ sent: 2 });
    const [first] = await mails(dev.email);
    expect(first!.subject).toBe("Your Liftoff digest: 2 updates on 2 features");
    expect(first!.text).toContain('"Feature A"');
    expect(first!.text).toContain('"Feature B"');

    ok(await mention(f, a, dev, "later that day"));
    // Later the same day: nothing goes, the job moves to the next digest.
    expect(await sendDigest(db, { userId: dev.id }, new Date(day1.getTime() + 2 * HOUR_MS))).toEqual({ sent: 0 });
    expect(await mails(dev.email)).toHaveLength(1);
    const [job] = await jobs(`digest:${dev.id}`);
    expect(job?.run_at).toEqual(nextDigestAt(new Date(day1.getTime() + 2 * HOUR_MS)));

    expect(await sendDigest(db, { userId: dev.id }, new Date(day1.getTime() + DAY_MS))).toEqual({ sent: 1 });
    const [, second] = await mails(dev.email);
    expect(second!.subject).toBe("Your Liftoff digest: 1 update on 1 feature");
    expect(second!.text).toContain("later that day");
    expect(second!.text).not.toContain("Feature B");
  });
});

describe("recipients", () => {
  it("never the actor: the PM asking for review is not asked, the lead approving is not told", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f);
    // The PM saves and asks for review: the lead is asked, the PM is not.
    ok(await saveSpec.run(f.members.PM.id, {
      teamId: f.team.id, featureId, baseRevision: 0,
      problem: "Chargebacks", customerContext: "Checkout", constraints: "Fast",
      criterionKey: [""], criterionMetric: ["precision"], criterionTarget: [">= 0.9"], criterionHowMeasured: ["holdout"], criterionPhase: ["1"],
    }));
    ok(await requestSpecReview.run(f.members.PM.id, { teamId: f.team.id, featureId, revision: 1 }));
    expect((await notifications(f.members.LEAD.id)).map((n) => n.kind)).toEqual(["SPEC_REVIEW_REQUESTED"]);
    // The lead approves: the PM (author) hears of it, the lead does not.
    ok(await reviewSpec.run(f.members.LEAD.id, { teamId: f.team.id, featureId, revision: 1, decision: "APPROVED" }));
    expect((await notifications(f.members.PM.id)).map((n) => n.kind)).toEqual(["SPEC_REVIEWED"]);
    expect((await notifications(f.members.LEAD.id)).map((n) => n.kind)).toEqual(["SPEC_REVIEW_REQUESTED"]);
  });

  it("a gate that opens tells its accountable person, unless they opened it", async () => {
    const f = await createTeamWithRoles();
    const [byOthers, byMe] = [await newFeature(f), await newFeature(f)];
    // IDEA asks PM and DS: the DS signs last on one, the PM on the other.
    ok(await signGate.run(f.members.PM.id, { teamId: f.team.id, featureId: byOthers, role: "PM" }));
    ok(await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId: byOthers, role: "DS" }));
    ok(await signGate.run(f.members.DS.id, { teamId: f.team.id, featureId: byMe, role: "DS" }));
    ok(await signGate.run(f.members.PM.id, { teamId: f.team.id, featureId: byMe, role: "PM" }));

    const opened = (await notifications(f.members.PM.id)).filter((n) => n.kind === "GATE_OPENED");
    expect(opened.map((n) => n.featureId)).toEqual([byOthers]);
    expect(await db.notification.count({ where: { featureId: { in: [byOthers, byMe] }, userId: { not: f.members.PM.id } } })).toBe(0);
  });

  it("a failed criterion tells the accountable PM, not the QA who failed it", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f);
    const criterion = await db.acceptanceCriterion.create({ data: { featureId, position: 1, text: "Scores within 100 ms", successCriterionKeys: [] } });
    ok(await setCriterionVerdict.run(f.members.QA.id, { teamId: f.team.id, featureId, criterionId: criterion.id, verdict: "PASSED" }));
    ok(await setCriterionVerdict.run(f.members.QA.id, { teamId: f.team.id, featureId, criterionId: criterion.id, verdict: "FAILED", note: "p95 is 240 ms" }));

    const told = await db.notification.findMany({ where: { featureId }, select: { userId: true, kind: true, summary: true } });
    expect(told).toEqual([{ userId: f.members.PM.id, kind: "CRITERION_FAILED", summary: expect.stringContaining("Scores within 100 ms") }]);
  });

  it("an ex-member or a member who lost the role gets nothing, even for an event recorded before", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    const secondDev = await createUser("dev2");
    const membership = await db.membership.create({ data: { teamId: f.team.id, userId: secondDev.id, roles: ["DEV"] }, select: { id: true } });
    ok(await askDev(f, featureId));
    expect(await db.notification.count({ where: { featureId } })).toBe(2);

    ok(await removeMember.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: f.members.DEV.membershipId, version: 1 }));
    ok(await setMemberRoles.run(f.members.LEAD.id, { teamId: f.team.id, membershipId: membership.id, roles: ["QA"], version: 1 }));

    for (const user of [f.members.DEV, secondDev]) {
      expect(await sendFeatureBatch(db, { userId: user.id, featureId })).toEqual({ sent: 0 });
      expect(await mails(user.email)).toEqual([]);
      expect(await notifications(user.id)).toEqual([expect.objectContaining({ droppedAt: expect.any(Date), sentAt: null })]);
    }
  });

  it("a refused command records nothing", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));
    // A second request while one is pending is refused (its transaction rolls back).
    expect(await askDev(f, featureId, "LEAD")).toMatchObject({ ok: false, code: "conflict" });
    expect(await db.notification.count({ where: { featureId } })).toBe(1);
  });

  it("another team never: its developers are not asked, its members cannot be mentioned", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));
    ok(await mention(f, featureId, other.members.DEV));

    expect(await notifications(other.members.DEV.id)).toEqual([]);
    expect((await notifications(f.members.DEV.id)).map((n) => n.kind)).toEqual(["SIGNOFF_REQUESTED"]);
  });

  it("a stuck feature tells its accountable person once per stay in the stage", async () => {
    const f = await createTeamWithRoles();
    const featureId = await createdFeature(f, { title: "Stuck one" });
    const now = new Date();
    await db.feature.update({ where: { id: featureId }, data: { stageEnteredAt: new Date(now.getTime() - 15 * DAY_MS) } });

    expect(await recordStuckFeatures(db, { now })).toBeGreaterThanOrEqual(1);
    await recordStuckFeatures(db, { now: new Date(now.getTime() + HOUR_MS) });
    const told = await db.notification.findMany({ where: { featureId }, select: { userId: true, kind: true, summary: true } });
    expect(told).toEqual([{ userId: f.members.PM.id, kind: "FEATURE_STUCK", summary: '"Stuck one" has been in Idea for 15 days, past the team\'s limit of 14.' }]);
  });
});

describe("unsubscribe", () => {
  it("every notification mail carries a one-click List-Unsubscribe for its kinds and a link per kind", async () => {
    const f = await createTeamWithRoles();
    const featureId = await buildFeature(f);
    ok(await askDev(f, featureId));
    ok(await mention(f, featureId, f.members.DEV));
    await sendFeatureBatch(db, { userId: f.members.DEV.id, featureId });

    const [mail] = await mails(f.members.DEV.email);
    expect(mail!.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const header = /^<(.+)>$/.exec(mail!.headers!["List-Unsubscribe"]!)![1]!;
    const url = new URL(header);
    expect(url.pathname).toBe("/api/unsubscribe");
    expect(verifyUnsubscribeToken(url.searchParams.get("token")!)).toEqual({ userId: f.members.DEV.id, kinds: ["SIGNOFF_REQUESTED", "MENTIONED"] });
    const pageLinks = mail!.text.split("\n").filter((line) => line.includes("/unsubscribe?token="));
    expect(pageLinks.map((line) => verifyUnsubscribeToken(new URL(line).searchParams.get("token")!)?.kinds)).toEqual([["SIGNOFF_REQUESTED"], ["MENTIONED"]]);
  });

  it("a valid token turns that kind off for its owner only, signed in or not", async () => {
    const [owner, someoneElse] = [await createUser("owner"), await createUser("else")];
    const token = signUnsubscribeToken({ userId: owner.id, kinds: ["MENTIONED"] });

    // Whoever is signed in (here someone else), the token says whose mail it is.
    expect(ok(await unsubscribe.run(someoneElse.id, { token }))).toEqual({ email: owner.email, kinds: ["mentions"] });
    expect(await db.notificationPreference.findMany({ where: { userId: { in: [owner.id, someoneElse.id] } }, select: { userId: true, kind: true, delivery: true } })).toEqual([
      { userId: owner.id, kind: "MENTIONED", delivery: "OFF" },
    ]);
    // Again: still fine, nothing more to change.
    expect(await unsubscribe.run(null, { token })).toMatchObject({ ok: true });
    expect(await db.auditEvent.count({ where: { targetId: owner.id, action: "user.unsubscribed" } })).toBe(1);
  });

  it("a tampered token is refused and changes nothing", async () => {
    const [owner, victim] = [await createUser("owner"), await createUser("victim")];
    const token = signUnsubscribeToken({ userId: owner.id, kinds: ["MENTIONED"] });
    const [payload, mac] = token.split(".") as [string, string];
    const forged = [
      // Someone else's id with the owner's signature.
      `${Buffer.from(`${victim.id}:MENTIONED`).toString("base64url")}.${mac}`,
      // More kinds than were signed.
      `${Buffer.from(`${owner.id}:MENTIONED,SIGNOFF_REQUESTED`).toString("base64url")}.${mac}`,
      // One character of the signature changed.
      `${payload}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      `${payload}.`,
      "not-a-token",
    ];
    for (const bad of forged) {
      expect(verifyUnsubscribeToken(bad)).toBeNull();
      expect(await unsubscribe.run(null, { token: bad })).toMatchObject({ ok: false, code: "invalid" });
    }
    expect(await db.notificationPreference.count({ where: { userId: { in: [owner.id, victim.id] } } })).toBe(0);
  });
});
