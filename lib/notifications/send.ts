import "server-only";
import type { Db, Tx } from "@/lib/db";
import { STUCK_DAYS_DEFAULT } from "@/lib/features/queries";
import { STAGE_LABELS } from "@/lib/features/stages";
import type { NotificationDelivery, NotificationKind } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { audience, mayHear } from "@/lib/notifications/audience";
import { effectivePreferences } from "@/lib/notifications/kinds";
import { digestMail, featureMail, type FeatureGroup } from "@/lib/notifications/mail";
import { digestDayStart, recordNotifications, scheduleDigests } from "@/lib/notifications/record";
import { signUnsubscribeToken } from "@/lib/notifications/token";

// Delivery, run by graphile-worker jobs (lib/mail/worker.ts). Each run takes
// the person's unsent rows under a row lock (SKIP LOCKED: an immediate run
// and a digest never take the same row), decides again who may hear of each
// and how, and writes the one mail to the outbox in the same transaction
// that marks the rows sent. So a crash sends nothing twice and loses nothing.

const DAY_MS = 24 * 60 * 60 * 1000;

type Pending = {
  id: string;
  teamId: string;
  featureId: string;
  kind: NotificationKind;
  role: Parameters<typeof mayHear>[1];
  summary: string;
  path: string;
  team: { name: string };
  feature: { title: string };
};

async function takePending(tx: Tx, userId: string, featureId: string | null, now: Date): Promise<Pending[]> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Notification"
    WHERE "userId" = ${userId}::uuid
      AND (${featureId}::uuid IS NULL OR "featureId" = ${featureId}::uuid)
      AND "sentAt" IS NULL AND "droppedAt" IS NULL AND "createdAt" <= ${now}
    ORDER BY "createdAt", id
    LIMIT 500
    FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return [];
  return tx.notification.findMany({
    where: { id: { in: locked.map((r) => r.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      teamId: true,
      featureId: true,
      kind: true,
      role: true,
      summary: true,
      path: true,
      team: { select: { name: true } },
      feature: { select: { title: true } },
    },
  });
}

/**
 * Sorts the person's pending rows by what holds now: their current choice
 * for the kind, their membership and roles in the team, their
 * responsibilities on the feature.
 */
async function decide(tx: Tx, userId: string, rows: Pending[]) {
  const [user, prefs, memberships, duties] = await Promise.all([
    tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true } }),
    tx.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } }),
    tx.membership.findMany({
      where: { userId, teamId: { in: [...new Set(rows.map((r) => r.teamId))] } },
      select: { teamId: true, roles: true },
    }),
    tx.responsibility.findMany({
      where: { userId, featureId: { in: [...new Set(rows.map((r) => r.featureId))] } },
      select: { featureId: true, role: true, kind: true },
    }),
  ]);
  const delivery = effectivePreferences(prefs);
  const rolesIn = new Map(memberships.map((m) => [m.teamId, m.roles]));
  const out: Record<NotificationDelivery, Pending[]> & { dropped: Pending[] } = { IMMEDIATE: [], DIGEST: [], OFF: [], dropped: [] };
  for (const row of rows) {
    const may = mayHear(row.kind, row.role, rolesIn.get(row.teamId), duties.filter((d) => d.featureId === row.featureId));
    if (!user || !may || delivery[row.kind] === "OFF") out.dropped.push(row);
    else out[delivery[row.kind]].push(row);
  }
  return { user, ...out };
}

async function finish(tx: Tx, sent: Pending[], dropped: Pending[], via: NotificationDelivery, now: Date) {
  if (dropped.length) await tx.notification.updateMany({ where: { id: { in: dropped.map((r) => r.id) } }, data: { droppedAt: now } });
  if (sent.length) await tx.notification.updateMany({ where: { id: { in: sent.map((r) => r.id) } }, data: { sentAt: now, sentVia: via } });
}

function unsubscribeFor(userId: string, rows: Pending[]) {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return {
    all: signUnsubscribeToken({ userId, kinds }),
    perKind: new Map(kinds.map((kind) => [kind, signUnsubscribeToken({ userId, kinds: [kind] })])),
  };
}

function groupByFeature(rows: Pending[]): FeatureGroup[] {
  const groups = new Map<string, FeatureGroup>();
  for (const row of rows) {
    const group = groups.get(row.featureId) ?? { teamName: row.team.name, featureTitle: row.feature.title, items: [] };
    group.items.push({ kind: row.kind, summary: row.summary, path: row.path });
    groups.set(row.featureId, group);
  }
  return [...groups.values()];
}

/** The `notify_immediate` job: one mail with the person's pending events on one feature. */
export async function sendFeatureBatch(db: Db, { userId, featureId }: { userId: string; featureId: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const rows = await takePending(tx, userId, featureId, now);
    if (rows.length === 0) return { sent: 0 };
    const { user, IMMEDIATE, DIGEST, dropped } = await decide(tx, userId, rows);
    // Switched to the digest since: they wait for it.
    if (DIGEST.length) await scheduleDigests(tx, [userId], now);
    await finish(tx, IMMEDIATE, dropped, "IMMEDIATE", now);
    if (user && IMMEDIATE.length) {
      const mail = featureMail({ name: user.name, group: groupByFeature(IMMEDIATE)[0]!, unsubscribe: unsubscribeFor(userId, IMMEDIATE) });
      await enqueueMail(tx, { kind: "notification", to: user.email, ...mail });
    }
    return { sent: IMMEDIATE.length };
  });
}

/**
 * The `notify_digest` job: everything pending for the person, in one mail,
 * at most once per digest day (from one NOTIFY_DIGEST_HOUR to the next).
 */
export async function sendDigest(db: Db, { userId }: { userId: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    // One digest run per person at a time, whatever the number of workers.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('liftoff:digest:' || ${userId}))`;
    const last = await tx.notification.findFirst({
      where: { userId, sentVia: "DIGEST" },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    });
    if (last?.sentAt && last.sentAt >= digestDayStart(now)) {
      // Already had today's digest: the rest waits for tomorrow's.
      await scheduleDigests(tx, [userId], now, { move: true });
      return { sent: 0 };
    }
    const rows = await takePending(tx, userId, null, now);
    if (rows.length === 0) return { sent: 0 };
    const { user, IMMEDIATE, DIGEST, dropped } = await decide(tx, userId, rows);
    // An immediate event still inside its batching window goes out here
    // rather than a moment later on its own.
    const sent = [...DIGEST, ...IMMEDIATE];
    await finish(tx, sent, dropped, "DIGEST", now);
    if (user && sent.length) {
      const mail = digestMail({ name: user.name, groups: groupByFeature(sent), unsubscribe: unsubscribeFor(userId, sent) });
      await enqueueMail(tx, { kind: "notification-digest", to: user.email, ...mail });
    }
    return { sent: sent.length };
  });
}

/** Rows mailed or dropped more than `keepDays` ago: only the last digest's date is read back. */
export async function purgeNotifications(db: Db, { now = new Date(), keepDays = 90 } = {}) {
  const before = new Date(now.getTime() - keepDays * DAY_MS);
  const { count } = await db.notification.deleteMany({
    where: { OR: [{ sentAt: { lt: before } }, { droppedAt: { lt: before } }] },
  });
  return count;
}

/**
 * The hourly `notify_stuck` job: features that passed the stuck limit in
 * their stage within the last `catchUpDays` and whose accountable person was
 * not yet told (once per stay in a stage). The window keeps the scan small
 * and keeps a first run from mailing about every feature stuck for months.
 */
export async function recordStuckFeatures(
  db: Db,
  { now = new Date(), limitDays = STUCK_DAYS_DEFAULT, catchUpDays = 2 }: { now?: Date; limitDays?: number; catchUpDays?: number } = {},
) {
  const crossedBefore = new Date(now.getTime() - limitDays * DAY_MS);
  const crossedAfter = new Date(crossedBefore.getTime() - catchUpDays * DAY_MS);
  return db.$transaction(async (tx) => {
    const features = await tx.$queryRaw<{ id: string; teamId: string; title: string; stage: "IDEA" | "POC" | "BUILD" | "VALIDATION"; stageEnteredAt: Date }[]>`
      SELECT f.id, f."teamId", f.title, f.stage, f."stageEnteredAt" FROM "Feature" f
      WHERE f.stage IN ('IDEA', 'POC', 'BUILD', 'VALIDATION')
        AND f."stageEnteredAt" < ${crossedBefore} AND f."stageEnteredAt" >= ${crossedAfter}
        AND NOT EXISTS (
          SELECT 1 FROM "Notification" n
          WHERE n."featureId" = f.id AND n.kind = 'FEATURE_STUCK' AND n."createdAt" >= f."stageEnteredAt")
      ORDER BY f."stageEnteredAt"
      LIMIT 1000`;
    if (features.length === 0) return 0;
    const [members, duties] = await Promise.all([
      tx.membership.findMany({
        where: { teamId: { in: [...new Set(features.map((f) => f.teamId))] } },
        select: { teamId: true, userId: true, roles: true },
      }),
      tx.responsibility.findMany({
        where: { featureId: { in: features.map((f) => f.id) }, kind: "ACCOUNTABLE" },
        select: { featureId: true, userId: true, role: true, kind: true },
      }),
    ]);
    return recordNotifications(
      tx,
      features.map((f) => {
        const people = audience(
          members.filter((m) => m.teamId === f.teamId),
          duties.filter((d) => d.featureId === f.id),
        );
        const days = Math.floor((now.getTime() - f.stageEnteredAt.getTime()) / DAY_MS);
        return {
          teamId: f.teamId,
          featureId: f.id,
          kind: "FEATURE_STUCK" as const,
          actorId: null,
          recipients: people.filter("FEATURE_STUCK", null, people.holding(["ACCOUNTABLE"])),
          summary: `"${f.title}" has been in ${STAGE_LABELS[f.stage]} for ${days} days, past the team's limit of ${limitDays}.`,
          path: `/teams/${f.teamId}/features/${f.id}`,
        };
      }),
    );
  });
}
