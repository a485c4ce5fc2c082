import "server-only";
import type { Member } from "@/lib/authz/membership";
import { roleName } from "@/lib/authz/permissions";
import { listUnseenMentions } from "@/lib/comments/queries";
import { db } from "@/lib/db";
import { daysSince } from "@/lib/features/board";
import { STUCK_DAYS_DEFAULT } from "@/lib/features/queries";
import { gateLabel, isGateStage, STAGE_LABELS } from "@/lib/features/stages";
import { Role, type Stage } from "@/lib/generated/prisma/enums";
import { getMyWork, MY_WORK_LIST_SIZE } from "@/lib/my-work/queries";
import { RACI_LABELS } from "@/lib/responsibilities/schemas";

// My work as an inbox: every item that waits on the person, computed from the
// facts each time (so an item whose cause is gone is simply not there), less
// the ones they marked done or snoozed. Items are grouped by feature, the
// feature with the newest item first.

export type InboxKind = "gate" | "request" | "review" | "changes" | "criteria" | "mention" | "stuck";

export type InboxItem = {
  /**
   * "<kind>:<feature id>:…", naming the cause: a new cause (say, the feature
   * reached the gate again) is a new item.
   */
  key: string;
  kind: InboxKind;
  featureId: string;
  /** Since when the item waits: the order of the inbox. */
  since: Date;
  /** What waits, in a sentence. */
  text: string;
  /** Who asked, how long, how many: the line under the text. */
  detail: string;
  /** The one action that clears the item: a link to the exact place. */
  action: { label: string; href: string };
  /** Set when the person snoozed the item and it is still asleep. */
  snoozedUntil?: Date;
  /** My work has not shown it to the person yet. */
  unread: boolean;
};

export type InboxGroup = {
  feature: { id: string; title: string; stage: Stage };
  items: InboxItem[];
};

export type Inbox = {
  groups: InboxGroup[];
  snoozed: InboxGroup[];
  /** Items waiting now (snoozed ones not counted). */
  open: number;
  /** Open items My work has not shown yet: the count beside My work. */
  unread: number;
  /** Some source held more items than it lists. */
  more: boolean;
};

type Feature = InboxGroup["feature"];

const DAY_MS = 86_400_000;

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function ago(date: Date, now: number) {
  const days = daysSince(date, now);
  return days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

type CriteriaRow = {
  featureId: string;
  title: string;
  stage: Stage;
  untested: number;
  failed: number;
  blocked: number;
  reverify: number;
  since: Date;
};

/**
 * Acceptance criteria waiting on QA, per feature where the person is QA
 * Responsible or nobody is: untested, failed or blocked, or passed against a
 * spec revision that is no longer the approved one. `since` is the latest
 * change among them, so a new criterion or verdict brings a done item back.
 */
function criteriaWaiting(teamId: string, userId: string) {
  return db.$queryRaw<CriteriaRow[]>`
    SELECT f.id AS "featureId", f.title, f.stage,
      count(*) FILTER (WHERE c.verdict = 'UNTESTED')::int AS untested,
      count(*) FILTER (WHERE c.verdict = 'FAILED' AND stale IS FALSE)::int AS failed,
      count(*) FILTER (WHERE c.verdict = 'BLOCKED' AND stale IS FALSE)::int AS blocked,
      count(*) FILTER (WHERE c.verdict <> 'UNTESTED' AND stale)::int AS reverify,
      greatest(max(c."createdAt"), max(c."updatedAt"), max(c."verdictAt")) AS since
    FROM "Feature" f
    JOIN "AcceptanceCriterion" c ON c."featureId" = f.id AND c."retiredAt" IS NULL
    CROSS JOIN LATERAL (SELECT c."verdictSpecRevisionId" IS DISTINCT FROM f."approvedSpecRevisionId" AS stale) s
    WHERE f."teamId" = ${teamId}::uuid
      AND f.stage IN ('IDEA', 'POC', 'BUILD', 'VALIDATION', 'PRODUCTION')
      AND (c.verdict IN ('UNTESTED', 'FAILED', 'BLOCKED') OR stale)
      AND (
        EXISTS (SELECT 1 FROM "Responsibility" r
                WHERE r."featureId" = f.id AND r.role = 'QA' AND r.kind = 'RESPONSIBLE' AND r."userId" = ${userId}::uuid)
        OR NOT EXISTS (SELECT 1 FROM "Responsibility" r
                       WHERE r."featureId" = f.id AND r.role = 'QA' AND r.kind = 'RESPONSIBLE')
      )
    GROUP BY f.id
    ORDER BY since DESC, f.id
    LIMIT ${MY_WORK_LIST_SIZE + 1}`;
}

/**
 * Spec revisions sent back with changes requested, for the PM who wrote them
 * or is the PM Responsible on the feature: only the feature's latest revision
 * (a newer save answers the request).
 */
function changesRequested(teamId: string, userId: string) {
  return db.$queryRaw<
    { revisionId: string; number: number; featureId: string; title: string; stage: Stage; reviewer: string | null; comment: string | null; since: Date }[]
  >`
    SELECT r.id AS "revisionId", r.number, f.id AS "featureId", f.title, f.stage,
      u.name AS reviewer, v.comment, v."createdAt" AS since
    FROM "SpecRevision" r
    JOIN "Feature" f ON f.id = r."featureId"
    JOIN LATERAL (
      SELECT * FROM "SpecReview" v WHERE v."revisionId" = r.id AND v.decision = 'CHANGES_REQUESTED'
      ORDER BY v."createdAt" DESC LIMIT 1
    ) v ON true
    LEFT JOIN "User" u ON u.id = v."reviewerId"
    WHERE f."teamId" = ${teamId}::uuid
      AND f.stage <> 'RETIRED'
      AND r.status = 'CHANGES_REQUESTED'
      AND r.number = (SELECT max(number) FROM "SpecRevision" x WHERE x."featureId" = f.id)
      AND (
        r."authorId" = ${userId}::uuid
        OR EXISTS (SELECT 1 FROM "Responsibility" p
                   WHERE p."featureId" = f.id AND p.role = 'PM' AND p.kind = 'RESPONSIBLE' AND p."userId" = ${userId}::uuid)
      )
    ORDER BY v."createdAt" DESC, r.id
    LIMIT ${MY_WORK_LIST_SIZE + 1}`;
}

function excerpt(text: string, length = 120) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * Everything that waits on the person in the team, as the inbox shows it.
 * Takes the membership the caller's check read (requireTeamPage,
 * routeAccess): its roles decide what is computed, so items of a role the
 * person lost, or of a team they left, never are.
 */
export async function getInbox(member: Member, now = Date.now()): Promise<Inbox> {
  const { teamId, userId, roles } = member;
  const isQa = roles.includes(Role.QA);
  const isPm = roles.includes(Role.PM);
  const [work, mentionRows, criteriaRows, changesRows] = await Promise.all([
    getMyWork(teamId, userId, roles),
    listUnseenMentions(userId, teamId, MY_WORK_LIST_SIZE + 1),
    isQa ? criteriaWaiting(teamId, userId) : Promise.resolve([]),
    isPm ? changesRequested(teamId, userId) : Promise.resolve([]),
  ]);
  const base = `/teams/${teamId}/features`;
  const items: { feature: Feature; item: Omit<InboxItem, "featureId" | "unread"> }[] = [];
  const add = (feature: Feature, item: Omit<InboxItem, "featureId" | "unread">) => items.push({ feature, item });

  for (const g of work.gates.items) {
    const gate = isGateStage(g.stage) ? gateLabel(g.stage) : STAGE_LABELS[g.stage];
    add(
      { id: g.id, title: g.title, stage: g.stage },
      {
        key: `gate:${g.id}:${g.stage}:${g.stageEnteredAt.getTime()}`,
        kind: "gate",
        since: g.stageEnteredAt,
        text: `The ${gate} gate waits on you as ${g.roles.map(roleName).join(" and ")}`,
        detail: `${plural(g.missing, "item")} missing, ${g.daysAtGate === 0 ? "at the gate since today" : `${plural(g.daysAtGate, "day")} at the gate`}`,
        action: { label: "Open the gate", href: `${base}/${g.id}#gate-heading` },
      },
    );
  }
  for (const r of work.signoffRequests.items) {
    add(
      { id: r.feature.id, title: r.feature.title, stage: r.feature.stage },
      {
        key: `request:${r.feature.id}:${r.id}`,
        kind: "request",
        since: r.createdAt,
        text: `${r.requestedBy?.name ?? "Someone"} asked for your ${roleName(r.role)} sign-off`,
        detail: `${isGateStage(r.gate) ? gateLabel(r.gate) : STAGE_LABELS[r.gate]} gate, asked ${ago(r.createdAt, now)}`,
        action: { label: `Sign as ${roleName(r.role)}`, href: `${base}/${r.feature.id}#gate-heading` },
      },
    );
  }
  for (const r of work.specReviews.items) {
    add(
      { id: r.feature.id, title: r.feature.title, stage: r.feature.stage },
      {
        key: `review:${r.feature.id}:${r.id}`,
        kind: "review",
        since: r.createdAt,
        text: `Revision ${r.number} of the spec waits for your review`,
        detail: `Written by ${r.author?.name ?? "someone"}, ${ago(r.createdAt, now)}`,
        action: { label: "Review the spec", href: `${base}/${r.feature.id}/spec` },
      },
    );
  }
  for (const r of changesRows) {
    add(
      { id: r.featureId, title: r.title, stage: r.stage },
      {
        key: `changes:${r.featureId}:${r.revisionId}`,
        kind: "changes",
        since: r.since,
        text: `${r.reviewer ?? "A reviewer"} asked for changes to revision ${r.number} of the spec`,
        detail: r.comment ? `“${excerpt(r.comment)}”, ${ago(r.since, now)}` : `Asked ${ago(r.since, now)}`,
        action: { label: "Revise the spec", href: `${base}/${r.featureId}/spec` },
      },
    );
  }
  for (const c of criteriaRows.slice(0, MY_WORK_LIST_SIZE)) {
    const parts = [
      c.untested && `${c.untested} untested`,
      c.failed && `${c.failed} failed`,
      c.blocked && `${c.blocked} blocked`,
      c.reverify && `${c.reverify} to re-verify`,
    ].filter(Boolean);
    const total = c.untested + c.failed + c.blocked + c.reverify;
    add(
      { id: c.featureId, title: c.title, stage: c.stage },
      {
        key: `criteria:${c.featureId}:${c.since.getTime()}`,
        kind: "criteria",
        since: c.since,
        text: `${plural(total, "acceptance criterion", "acceptance criteria")} to test`,
        detail: parts.join(", "),
        action: { label: "Test the criteria", href: `${base}/${c.featureId}/criteria` },
      },
    );
  }
  for (const m of mentionRows.slice(0, MY_WORK_LIST_SIZE)) {
    add(
      { id: m.featureId, title: m.featureTitle, stage: m.featureStage },
      {
        key: `mention:${m.featureId}:${m.mentionId}`,
        kind: "mention",
        since: m.createdAt,
        text: `${m.authorName ?? "Someone"} mentioned you`,
        detail: `“${m.excerpt}”, ${ago(m.createdAt, now)}`,
        action: { label: "Read the comment", href: `${base}/${m.featureId}#comments-heading` },
      },
    );
  }
  for (const f of work.stuck.items) {
    add(
      { id: f.id, title: f.title, stage: f.stage },
      {
        key: `stuck:${f.id}:${f.stageEnteredAt.getTime()}`,
        kind: "stuck",
        // It became stuck when the limit passed, not when it entered the stage.
        since: new Date(f.stageEnteredAt.getTime() + STUCK_DAYS_DEFAULT * DAY_MS),
        text: `Stuck for ${plural(f.daysInStage, "day")} in ${STAGE_LABELS[f.stage]}`,
        detail: `You are ${f.responsibilities.map((r) => RACI_LABELS[r.kind]).join(" and ")}`,
        action: { label: "See what holds it", href: `${base}/${f.id}#gate-heading` },
      },
    );
  }

  const marks = items.length
    ? await db.inboxMark.findMany({
        where: { userId, key: { in: items.map(({ item }) => item.key) }, feature: { teamId } },
        select: { key: true, seenAt: true, doneAt: true, snoozedUntil: true },
      })
    : [];
  const markOf = new Map(marks.map((m) => [m.key, m]));
  const open = new Map<string, InboxGroup>();
  const asleep = new Map<string, InboxGroup>();
  let openCount = 0;
  let unreadCount = 0;
  for (const { feature, item } of items) {
    const mark = markOf.get(item.key);
    if (mark?.doneAt) continue;
    if (mark?.snoozedUntil && mark.snoozedUntil.getTime() > now) {
      push(asleep, feature, { ...item, featureId: feature.id, snoozedUntil: mark.snoozedUntil, unread: false });
      continue;
    }
    const unread = !mark?.seenAt;
    openCount += 1;
    if (unread) unreadCount += 1;
    push(open, feature, { ...item, featureId: feature.id, unread });
  }
  const more =
    work.gates.more ||
    work.signoffRequests.more ||
    work.specReviews.more ||
    work.stuck.more ||
    criteriaRows.length > MY_WORK_LIST_SIZE ||
    changesRows.length > MY_WORK_LIST_SIZE ||
    mentionRows.length > MY_WORK_LIST_SIZE;
  return { groups: sorted(open), snoozed: sorted(asleep), open: openCount, unread: unreadCount, more };
}

function push(groups: Map<string, InboxGroup>, feature: Feature, item: InboxItem) {
  const group = groups.get(feature.id) ?? { feature, items: [] };
  group.items.push(item);
  groups.set(feature.id, group);
}

/** Newest item first within a feature; the feature with the newest item first. */
function sorted(groups: Map<string, InboxGroup>): InboxGroup[] {
  const list = [...groups.values()];
  for (const group of list) group.items.sort((a, b) => b.since.getTime() - a.since.getTime() || a.key.localeCompare(b.key));
  return list.sort(
    (a, b) => b.items[0]!.since.getTime() - a.items[0]!.since.getTime() || a.feature.id.localeCompare(b.feature.id),
  );
}
