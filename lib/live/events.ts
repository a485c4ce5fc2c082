import { z } from "zod";

// What the live channel carries: ids and a kind, never content. A page that
// hears "feature X changed" fetches again through its normal member-checked
// path, so the channel tells nobody more than loading the page would.

/** The Postgres NOTIFY channel every app process LISTENs on. */
export const LIVE_CHANNEL = "liftoff_live";

/**
 * - feature: something on one feature changed (its facts, stage, spec, comments…)
 * - team: something team-wide changed (gate settings, members, many features at once)
 */
export const liveEventSchema = z.object({
  teamId: z.uuid(),
  featureId: z.uuid().optional(),
  kind: z.enum(["feature", "team"]),
});

export type LiveEvent = z.infer<typeof liveEventSchema>;

/** What the browser receives on the team's event stream (the team is the stream's own). */
export type LiveMessage =
  | { type: "change"; kind: LiveEvent["kind"]; featureId?: string }
  /** Events may have been missed (the stream or the server's listener reconnected): fetch again. */
  | { type: "resync" }
  /** The stream ended for good: the person left the team or their session ended. */
  | { type: "gone" };

/**
 * When the server renders a live page, for its LiveRefresh: the stream
 * replays changes from around then (a page is rendered once per request, so
 * reading the clock there is what we mean).
 */
export function renderedNow(): number {
  return Date.now();
}
