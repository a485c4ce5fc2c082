import "server-only";
import { roleName } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { nextStage, STAGE_LABELS, type Stage } from "@/lib/features/stages";
import type { NotificationDelivery, NotificationKind, Role } from "@/lib/generated/prisma/enums";
import { audience, loadAudience } from "@/lib/notifications/audience";
import { KIND_INFO } from "@/lib/notifications/kinds";

// Events are recorded in the transaction of the command that causes them:
// one Notification row per recipient, plus the graphile-worker job that
// mails it, both committed (or rolled back) with the change. Delivery
// (lib/notifications/send.ts) re-checks everything at send time.

export type NotificationEvent = {
  teamId: string;
  featureId: string;
  kind: NotificationKind;
  role?: Role | null;
  /** Never told of their own doing. */
  actorId: string | null;
  recipients: string[];
  summary: string;
  path: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The next time the digest leaves (NOTIFY_DIGEST_HOUR UTC), strictly after `now`. */
export function nextDigestAt(now: Date, hour = env.NOTIFY_DIGEST_HOUR): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  return at > now ? at : new Date(at.getTime() + DAY_MS);
}

/** The start of the digest day `now` falls in (the last NOTIFY_DIGEST_HOUR at or before it). */
export function digestDayStart(now: Date, hour = env.NOTIFY_DIGEST_HOUR): Date {
  return new Date(nextDigestAt(now, hour).getTime() - DAY_MS);
}

/**
 * Records the events for their recipients (minus the actor, minus anyone
 * who turned the kind off) and schedules their delivery: an immediate mail
 * per person and feature NOTIFY_BATCH_SECONDS after the first event (later
 * events in the window join it: the job key keeps its run_at), or the
 * person's next digest. Returns how many rows it wrote.
 */
export async function recordNotifications(tx: Tx, events: NotificationEvent[]): Promise<number> {
  const rows = events.flatMap((event) =>
    [...new Set(event.recipients)]
      .filter((userId) => userId !== event.actorId)
      .map((userId) => ({
        teamId: event.teamId,
        featureId: event.featureId,
        userId,
        kind: event.kind,
        role: event.role ?? null,
        summary: oneLine(event.summary).slice(0, 500),
        path: event.path,
      })),
  );
  if (rows.length === 0) return 0;
  const stored = await tx.notificationPreference.findMany({
    where: { userId: { in: [...new Set(rows.map((r) => r.userId))] }, kind: { in: [...new Set(rows.map((r) => r.kind))] } },
    select: { userId: true, kind: true, delivery: true },
  });
  const chosen = new Map(stored.map((p) => [`${p.userId}:${p.kind}`, p.delivery]));
  const deliveryOf = (row: { userId: string; kind: NotificationKind }): NotificationDelivery =>
    chosen.get(`${row.userId}:${row.kind}`) ?? KIND_INFO[row.kind].default;
  const wanted = rows.filter((row) => deliveryOf(row) !== "OFF");
  if (wanted.length === 0) return 0;
  await tx.notification.createMany({ data: wanted });

  const immediate = new Map<string, { userId: string; featureId: string }>();
  const digest = new Set<string>();
  for (const row of wanted) {
    if (deliveryOf(row) === "IMMEDIATE") immediate.set(`${row.userId}:${row.featureId}`, row);
    else digest.add(row.userId);
  }
  await scheduleImmediate(tx, [...immediate.values()]);
  await scheduleDigests(tx, [...digest], new Date());
  return wanted.length;
}

/** One job per person and feature; an existing job in its window keeps its time (preserve_run_at). */
async function scheduleImmediate(tx: Tx, batches: { userId: string; featureId: string }[]) {
  if (batches.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      'notify_immediate',
      json_build_object('userId', b.u, 'featureId', b.f),
      run_at := now() + make_interval(secs => ${env.NOTIFY_BATCH_SECONDS}),
      max_attempts := 10,
      job_key := 'notify:' || b.u || ':' || b.f,
      job_key_mode := 'preserve_run_at')
    FROM unnest(${batches.map((b) => b.userId)}::uuid[], ${batches.map((b) => b.featureId)}::uuid[]) AS b(u, f)`;
}

/**
 * Each person's digest job at their next digest time; one job per person
 * (the key). An event keeps a job already due earlier; a digest run that
 * finds today's digest sent moves it (`move`).
 */
export async function scheduleDigests(tx: Tx, userIds: string[], now: Date, { move = false } = {}) {
  if (userIds.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      'notify_digest',
      json_build_object('userId', u),
      run_at := ${nextDigestAt(now)}::timestamptz,
      max_attempts := 10,
      job_key := 'digest:' || u,
      job_key_mode := ${move ? "replace" : "preserve_run_at"})
    FROM unnest(${userIds}::uuid[]) AS u`;
}

// ---- The events, one function per kind of command ----

const featurePath = (teamId: string, featureId: string, tab = "") => `/teams/${teamId}/features/${featureId}${tab}`;

async function context(tx: Tx, teamId: string, featureId: string, actorId: string | null) {
  const [feature, actor, people] = await Promise.all([
    tx.feature.findFirstOrThrow({ where: { id: featureId, teamId }, select: { title: true } }),
    actorId ? tx.user.findUnique({ where: { id: actorId }, select: { name: true } }) : null,
    loadAudience(tx, teamId, featureId),
  ]);
  return { title: oneLine(feature.title), actor: oneLine(actor?.name ?? "Someone"), people };
}

export async function notifySignoffRequested(
  tx: Tx,
  { teamId, featureId, gate, role, actorId }: { teamId: string; featureId: string; gate: Stage; role: Role; actorId: string | null },
) {
  const { title, actor, people } = await context(tx, teamId, featureId, actorId);
  await recordNotifications(tx, [
    {
      teamId,
      featureId,
      kind: "SIGNOFF_REQUESTED",
      role,
      actorId,
      recipients: people.filter("SIGNOFF_REQUESTED", role, people.signers(role)),
      summary: `${actor} asked for your ${roleName(role)} sign-off on the ${STAGE_LABELS[gate]} gate of "${title}".`,
      path: featurePath(teamId, featureId, "#gate-heading"),
    },
  ]);
}

export async function notifyMentioned(
  tx: Tx,
  { teamId, featureId, commentId, excerpt, mentioned, actorId }: {
    teamId: string;
    featureId: string;
    commentId: string;
    excerpt: string;
    mentioned: string[];
    actorId: string | null;
  },
) {
  if (mentioned.length === 0) return;
  const { title, actor, people } = await context(tx, teamId, featureId, actorId);
  await recordNotifications(tx, [
    {
      teamId,
      featureId,
      kind: "MENTIONED",
      actorId,
      recipients: people.filter("MENTIONED", null, mentioned),
      summary: `${actor} mentioned you on "${title}": "${excerpt}"`,
      path: featurePath(teamId, featureId, `#comment-${commentId}`),
    },
  ]);
}

export async function notifySpecReviewRequested(
  tx: Tx,
  { teamId, featureId, revision, authorId, actorId }: {
    teamId: string;
    featureId: string;
    revision: number;
    authorId: string | null;
    actorId: string | null;
  },
) {
  const { title, actor, people } = await context(tx, teamId, featureId, actorId);
  // The author cannot review their own revision.
  const reviewers = people.members.map((m) => m.userId).filter((id) => id !== authorId);
  await recordNotifications(tx, [
    {
      teamId,
      featureId,
      kind: "SPEC_REVIEW_REQUESTED",
      actorId,
      recipients: people.filter("SPEC_REVIEW_REQUESTED", null, reviewers),
      summary: `${actor} asked for a review of revision ${revision} of the spec of "${title}".`,
      path: featurePath(teamId, featureId, "/spec"),
    },
  ]);
}

export async function notifySpecReviewed(
  tx: Tx,
  { teamId, featureId, revision, decision, comment, authorId, actorId }: {
    teamId: string;
    featureId: string;
    revision: number;
    decision: "APPROVED" | "CHANGES_REQUESTED";
    comment?: string | null;
    authorId: string | null;
    actorId: string | null;
  },
) {
  if (!authorId) return;
  const { title, actor, people } = await context(tx, teamId, featureId, actorId);
  const what =
    decision === "APPROVED"
      ? `${actor} approved revision ${revision} of the spec of "${title}".`
      : `${actor} requested changes to revision ${revision} of the spec of "${title}"${comment ? `: "${excerptOf(comment)}"` : "."}`;
  await recordNotifications(tx, [
    {
      teamId,
      featureId,
      kind: "SPEC_REVIEWED",
      actorId,
      recipients: people.filter("SPEC_REVIEWED", null, [authorId]),
      summary: what,
      path: featurePath(teamId, featureId, "/spec"),
    },
  ]);
}

export async function notifyCriterionFailed(
  tx: Tx,
  { teamId, featureId, criterion, note, actorId }: {
    teamId: string;
    featureId: string;
    criterion: string;
    note?: string | null;
    actorId: string | null;
  },
) {
  const { title, actor, people } = await context(tx, teamId, featureId, actorId);
  await recordNotifications(tx, [
    {
      teamId,
      featureId,
      kind: "CRITERION_FAILED",
      actorId,
      recipients: people.filter("CRITERION_FAILED", null, people.holding(["ACCOUNTABLE", "RESPONSIBLE"])),
      summary: `${actor} failed a criterion of "${title}": "${excerptOf(criterion)}"${note ? ` (${excerptOf(note)})` : ""}.`,
      path: featurePath(teamId, featureId, "/criteria"),
    },
  ]);
}

/** Called by refreshFeatures for the features whose gate just became ready. */
export async function notifyGatesOpened(
  tx: Tx,
  teamId: string,
  features: { id: string; title: string; stage: Stage }[],
  actorId: string | null,
) {
  if (features.length === 0) return;
  const [members, duties] = await Promise.all([
    tx.membership.findMany({ where: { teamId }, select: { userId: true, roles: true } }),
    tx.responsibility.findMany({
      where: { featureId: { in: features.map((f) => f.id) }, kind: "ACCOUNTABLE" },
      select: { featureId: true, userId: true, role: true, kind: true },
    }),
  ]);
  await recordNotifications(
    tx,
    features.map((feature) => {
      const people = audience(
        members,
        duties.filter((d) => d.featureId === feature.id),
      );
      const next = nextStage(feature.stage);
      return {
        teamId,
        featureId: feature.id,
        kind: "GATE_OPENED" as const,
        actorId,
        recipients: people.filter("GATE_OPENED", null, people.holding(["ACCOUNTABLE"])),
        summary: `The ${STAGE_LABELS[feature.stage]} gate of "${oneLine(feature.title)}" has everything it needs: it can move to ${next ? STAGE_LABELS[next] : "the next stage"}.`,
        path: featurePath(teamId, feature.id, "#gate-heading"),
      };
    }),
  );
}

// Names and titles come from users: one line each, so they cannot fake a
// line of their own (a link) in the mail.
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function excerptOf(value: string, length = 140): string {
  const flat = oneLine(value);
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
