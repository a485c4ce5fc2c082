import "server-only";
import type { Tx } from "@/lib/db";
import { LIVE_CHANNEL, type LiveEvent } from "@/lib/live/events";

// Features past this many in one change go out as one team-wide event.
const MAX_FEATURE_EVENTS = 20;

/**
 * Queues live events in the caller's transaction: Postgres delivers a NOTIFY
 * only when the transaction commits (a refused command, rolled back, tells
 * nobody anything) and drops duplicates within one transaction, so callers
 * need not coordinate.
 */
export async function notifyLive(tx: Tx, events: LiveEvent | LiveEvent[]) {
  const list = Array.isArray(events) ? events : [events];
  for (const event of list) {
    const payload: LiveEvent = event.featureId
      ? { teamId: event.teamId, featureId: event.featureId, kind: event.kind }
      : { teamId: event.teamId, kind: event.kind };
    await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})`;
  }
}

/** "These features changed": one event each, or one team-wide event for many. */
export function notifyFeaturesChanged(tx: Tx, teamId: string, featureIds: string[]) {
  if (featureIds.length === 0) return Promise.resolve();
  if (featureIds.length > MAX_FEATURE_EVENTS) return notifyLive(tx, { teamId, kind: "team" });
  return notifyLive(
    tx,
    [...new Set(featureIds)].map((featureId) => ({ teamId, featureId, kind: "feature" as const })),
  );
}
