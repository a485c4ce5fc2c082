import { describe, expect, it } from "vitest";
import { addComment } from "@/lib/comments/commands";
import { COMMENT_PAGE_SIZE, listComments, listUnseenMentions, markMentionsSeen } from "@/lib/comments/queries";
import { db } from "@/lib/db";
import { auditCount, createTeamWithRoles, uniqueEmail, ACTORS, actorId } from "@/tests/fixtures";



function createFeature(teamId: string, title = "Churn model") {
  return db.feature.create({ data: { teamId, title, summary: "Predict churn a month ahead." } });
}

/** What a refused comment must leave exactly as it was. */
async function snapshot(teamId: string, featureId: string) {
  const [comments, mentions, events] = await Promise.all([
    db.comment.count({ where: { featureId } }),
    db.mention.count({ where: { featureId } }),
    auditCount(teamId),
  ]);
  return { comments, mentions, events };
}

async function post(userId: string | null, input: Record<string, unknown>) {
  const result = await addComment.run(userId, input);
  if (!result.ok) throw new Error(`${result.code}: ${result.error}`);
  return result.data;
}

describe("permission matrix of addComment", () => {
  for (const actor of ACTORS) {
    const allowed = actor !== "outsider" && actor !== "signed-out";
    it(`by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
      const f = await createTeamWithRoles();
      const feature = await createFeature(f.team.id);
      const before = await snapshot(f.team.id, feature.id);
      const result = await addComment.run(actorId(f, actor), {
        teamId: f.team.id,
        featureId: feature.id,
        body: `A note from ${actor}.`,
      });
      const after = await snapshot(f.team.id, feature.id);
      if (allowed) {
        expect(result).toMatchObject({ ok: true, data: { teamId: f.team.id, featureId: feature.id } });
        expect(after).toEqual({ ...before, comments: before.comments + 1, events: before.events + 1 });
        return;
      }
      const code = actor === "signed-out" ? "unauthenticated" : "not_found";
      expect(result).toMatchObject({ ok: false, code });
      if (actor === "outsider") expect(result.ok || result.error).toBe("Not found.");
      expect(after).toEqual(before);
    });
  }
});

describe("addComment", () => {
  it("stores the trimmed body by its author and audits it on the feature's timeline", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const body = `  Looks good to me.\n\n${"x".repeat(200)}  `;
    const { commentId } = await post(f.members.DS.id, { teamId: f.team.id, featureId: feature.id, body });
    const comment = await db.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(comment).toMatchObject({ featureId: feature.id, authorId: f.members.DS.id, body: body.trim() });
    const event = await db.auditEvent.findFirstOrThrow({ where: { teamId: f.team.id } });
    expect(event).toMatchObject({
      featureId: feature.id,
      actorId: f.members.DS.id,
      action: "comment.added",
      targetType: "comment",
      targetId: commentId,
      after: { excerpt: expect.stringMatching(/^Looks good to me\. x+…$/), mentioned: [] },
    });
    expect((event.after as { excerpt: string }).excerpt).toHaveLength(140);
  });

  it("cannot comment on another team's feature by naming one's own team", async () => {
    const mine = await createTeamWithRoles();
    const theirs = await createTeamWithRoles();
    const feature = await createFeature(theirs.team.id, "Their secret model");
    const before = await snapshot(theirs.team.id, feature.id);
    const result = await addComment.run(mine.members.LEAD.id, {
      teamId: mine.team.id,
      featureId: feature.id,
      body: "Found you.",
    });
    expect(result).toMatchObject({ ok: false, code: "not_found", error: "That feature no longer exists." });
    expect(await snapshot(theirs.team.id, feature.id)).toEqual(before);
    expect(await auditCount(mine.team.id)).toBe(0);
  });

  it("refuses an empty body with a field message and keeps what was typed", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const result = await addComment.run(f.members.QA.id, { teamId: f.team.id, featureId: feature.id, body: "  \n " });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { body: ["Write a comment first."] },
      values: { body: "  \n " },
    });
    const missing = await addComment.run(f.members.QA.id, { teamId: f.team.id, featureId: feature.id });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { body: ["Write a comment first."] } });
    expect(await snapshot(f.team.id, feature.id)).toEqual({ comments: 0, mentions: 0, events: 0 });
  });

  it("refuses a body over 10,000 characters, unknown keys and malformed ids", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const input = { teamId: f.team.id, featureId: feature.id };
    const long = await addComment.run(f.members.PM.id, { ...input, body: "a".repeat(10_001) });
    expect(long).toMatchObject({ ok: false, fieldErrors: { body: [expect.stringContaining("10,000")] } });
    expect(await addComment.run(f.members.PM.id, { ...input, body: "a".repeat(10_000) })).toMatchObject({ ok: true });
    const extra = await addComment.run(f.members.PM.id, { ...input, body: "hi", authorId: f.members.LEAD.id });
    expect(extra).toMatchObject({ ok: false, code: "invalid" });
    const badId = await addComment.run(f.members.PM.id, { teamId: f.team.id, featureId: "nope", body: "hi" });
    expect(badId).toMatchObject({ ok: false, fieldErrors: { featureId: ["Unknown feature."] } });
  });
});

describe("mentions", () => {
  it("are created only for members of this team, never for the author", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const body = [
      `@${f.members.QA.email.toUpperCase()} and @${f.members.DEV.email}, please look.`,
      `Also @${f.outsider.email}, @${other.members.LEAD.email}, @${uniqueEmail("nobody")}`,
      `and me, @${f.members.PM.email}. Twice: @${f.members.QA.email}`,
    ].join("\n");
    const { commentId } = await post(f.members.PM.id, { teamId: f.team.id, featureId: feature.id, body });
    const mentions = await db.mention.findMany({ where: { commentId }, select: { userId: true, featureId: true, seenAt: true } });
    expect(mentions).toHaveLength(2);
    expect(mentions).toEqual(
      expect.arrayContaining([
        { userId: f.members.QA.id, featureId: feature.id, seenAt: null },
        { userId: f.members.DEV.id, featureId: feature.id, seenAt: null },
      ]),
    );
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: commentId } });
    const names = await db.user.findMany({
      where: { id: { in: [f.members.QA.id, f.members.DEV.id] } },
      select: { name: true },
      orderBy: { name: "asc" },
    });
    expect(event.after).toMatchObject({ mentioned: names.map((user) => user.name) });
  });

  it("of a plain email (no @ before it) mention nobody", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const { commentId } = await post(f.members.LEAD.id, {
      teamId: f.team.id,
      featureId: feature.id,
      body: `Write to ${f.members.QA.email} or x@${f.members.DEV.email}`,
    });
    expect(await db.mention.count({ where: { commentId } })).toBe(0);
  });
});

describe("My work: unseen mentions", () => {
  it("lists a member's unseen mentions in this team, newest first, until they open the feature", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    await db.membership.create({ data: { teamId: other.team.id, userId: f.members.QA.id, roles: ["QA"] } });
    const first = await createFeature(f.team.id, "Fraud score v2");
    const second = await createFeature(f.team.id, "Churn model");
    const elsewhere = await createFeature(other.team.id, "Other team's feature");
    const qa = f.members.QA;

    await post(f.members.LEAD.id, { teamId: f.team.id, featureId: first.id, body: `@${qa.email} can you test this?` });
    await post(f.members.DS.id, { teamId: f.team.id, featureId: second.id, body: `@${qa.email} ready for QA` });
    await post(other.members.LEAD.id, { teamId: other.team.id, featureId: elsewhere.id, body: `@${qa.email} hi` });

    const ds = await db.user.findUniqueOrThrow({ where: { id: f.members.DS.id }, select: { name: true } });
    const unseen = await listUnseenMentions(qa.id, f.team.id);
    expect(unseen.map((m) => m.featureTitle)).toEqual(["Churn model", "Fraud score v2"]);
    expect(unseen[0]).toMatchObject({
      featureId: second.id,
      excerpt: `@${qa.email} ready for QA`,
      authorName: ds.name,
      createdAt: expect.any(Date),
    });
    expect(await listUnseenMentions(qa.id, f.team.id, 1)).toHaveLength(1);
    // Nobody else sees them.
    expect(await listUnseenMentions(f.members.DEV.id, f.team.id)).toEqual([]);

    expect(await markMentionsSeen(qa.id, first.id)).toBe(1);
    expect(await markMentionsSeen(qa.id, first.id)).toBe(0);
    expect((await listUnseenMentions(qa.id, f.team.id)).map((m) => m.featureId)).toEqual([second.id]);
    // Another team's mention is listed in that team only.
    expect((await listUnseenMentions(qa.id, other.team.id)).map((m) => m.featureId)).toEqual([elsewhere.id]);
  });

  it("are not listed once the member has left the team", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    await post(f.members.LEAD.id, { teamId: f.team.id, featureId: feature.id, body: `@${f.members.DEV.email} ping` });
    expect(await listUnseenMentions(f.members.DEV.id, f.team.id)).toHaveLength(1);
    await db.membership.delete({ where: { id: f.members.DEV.membershipId } });
    expect(await listUnseenMentions(f.members.DEV.id, f.team.id)).toEqual([]);
  });
});

describe("listComments", () => {
  it("shows the newest page oldest first, with earlier pages behind a cursor", async () => {
    const f = await createTeamWithRoles();
    const feature = await createFeature(f.team.id);
    const total = COMMENT_PAGE_SIZE + 5;
    await db.comment.createMany({
      data: Array.from({ length: total }, (_, i) => ({ featureId: feature.id, authorId: f.members.PM.id, body: `#${i}` })),
    });
    const ids = (await db.comment.findMany({ where: { featureId: feature.id }, select: { id: true }, orderBy: { id: "asc" } })).map(
      (c) => c.id,
    );

    const latest = await listComments(f.team.id, feature.id);
    expect(latest.hasEarlier).toBe(true);
    expect(latest.comments.map((c) => c.id)).toEqual(ids.slice(-COMMENT_PAGE_SIZE));
    expect(latest.comments[0]).toMatchObject({ authorName: expect.stringContaining("pm"), createdAt: expect.any(Date) });

    const earlier = await listComments(f.team.id, feature.id, { before: latest.comments[0]!.id });
    expect(earlier.hasEarlier).toBe(false);
    expect(earlier.comments.map((c) => c.id)).toEqual(ids.slice(0, 5));

    // A malformed cursor shows the latest page.
    expect((await listComments(f.team.id, feature.id, { before: "x" })).comments).toHaveLength(COMMENT_PAGE_SIZE);
  });

  it("returns nothing for a feature of another team", async () => {
    const mine = await createTeamWithRoles();
    const theirs = await createTeamWithRoles();
    const feature = await createFeature(theirs.team.id);
    await post(theirs.members.LEAD.id, { teamId: theirs.team.id, featureId: feature.id, body: "internal" });
    expect(await listComments(mine.team.id, feature.id)).toEqual({ comments: [], hasEarlier: false });
    expect((await listComments(theirs.team.id, feature.id)).comments).toHaveLength(1);
  });
});
