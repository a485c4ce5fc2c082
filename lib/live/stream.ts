import "server-only";
import { getMembership } from "@/lib/authz/membership";
import { db } from "@/lib/db";
import type { LiveMessage } from "@/lib/live/events";
import { liveListener, type LiveListener } from "@/lib/live/listener";

// A team's event stream (server-sent events) for one signed-in member. It
// carries only "feature X changed" / "the team changed": the page then loads
// again through its own member-checked path.

const HEARTBEAT_MS = 20_000;
// A change committed shortly before the page rendered may have been read by
// it or not (a transaction's timestamp is its start): resync to be sure.
const SINCE_MARGIN_MS = 2_000;

export type LiveStreamOptions = {
  teamId: string;
  userId: string;
  sessionId: string;
  /** When the page that opens the stream was rendered (ms since the epoch), if known. */
  since?: number;
  signal: AbortSignal;
  listener?: LiveListener;
};

/** Whether the person may still read the team: their session is live and they are a member. */
export async function mayStillListen(userId: string, sessionId: string, teamId: string): Promise<boolean> {
  const [session, member] = await Promise.all([
    db.session.count({ where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() } } }),
    getMembership(userId, teamId),
  ]);
  return session > 0 && member !== null;
}

/** Whether the team changed after `since` (or so shortly before it that the page may not show it). */
async function changedSince(teamId: string, since: number): Promise<boolean> {
  const latest = await db.auditEvent.findFirst({
    where: { teamId },
    orderBy: { id: "desc" },
    select: { createdAt: true },
  });
  return latest !== null && latest.createdAt.getTime() > since - SINCE_MARGIN_MS;
}

export function liveStreamResponse({ teamId, userId, sessionId, since, signal, listener = liveListener() }: LiveStreamOptions) {
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const message = (m: LiveMessage) => send(`event: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`);

      // Membership and session, read again on every heartbeat and on every
      // team-wide event (a member's removal is one), so a removed member or
      // an ended session stops hearing anything. A database hiccup keeps the
      // stream: the pages themselves check again on load.
      let checking: Promise<boolean> | null = null;
      const recheck = () =>
        (checking ??= mayStillListen(userId, sessionId, teamId)
          .catch(() => true)
          .then((allowed) => {
            if (!allowed) {
              message({ type: "gone" });
              close();
            }
            return allowed;
          })
          .finally(() => {
            checking = null;
          }));

      const unsubscribe = listener.subscribe(teamId, (event) => {
        if (event.kind === "resync") return message({ type: "resync" });
        if (event.kind === "team") {
          void recheck().then((allowed) => allowed && message({ type: "change", kind: "team" }));
          return;
        }
        message({ type: "change", kind: event.kind, featureId: event.featureId });
      });
      const heartbeat = setInterval(() => {
        send(": ping\n\n");
        void recheck();
      }, HEARTBEAT_MS);

      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", close);

      // How long the browser waits before reconnecting after a drop.
      send("retry: 2000\n: connected\n\n");
      // Subscribed first, then looked back: no change falls in between.
      if (since !== undefined) {
        changedSince(teamId, since)
          .then((changed) => changed && message({ type: "resync" }))
          .catch(() => message({ type: "resync" }));
      }
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression (Next's own, or a proxy's) must not buffer the stream.
      "Cache-Control": "private, no-cache, no-transform",
      // nginx: do not buffer this response.
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
