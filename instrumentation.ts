// Next.js calls register() once per server process as it starts (not during
// `next build`). Mail delivery runs inside the app process so a single
// `next start` is a complete install; MAIL_WORKER=0 leaves delivery to other
// processes (graphile-worker lets any number share the queue).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Next already skips register() while building; this keeps it so should
  // a build step ever load the server.
  if (process.env.NEXT_PHASE === "phase-production-build") return;

  const { env } = await import("@/lib/env");
  if (!env.MAIL_WORKER) return;

  // Once per process, even if this module is evaluated again (dev reloads).
  const state = globalThis as unknown as { liftoffMailWorker?: true };
  if (state.liftoffMailWorker) return;
  state.liftoffMailWorker = true;

  const { startMailWorker } = await import("@/lib/mail/worker");
  // In the background: pages do not wait for the mail worker, and a database
  // that comes up after the app only delays mail (queued mail waits in the
  // outbox) instead of losing it.
  const start = () => {
    startMailWorker().catch((error: unknown) => {
      console.error("[mail worker] could not start, retrying in 30 s:", error instanceof Error ? error.message : error);
      setTimeout(start, 30_000).unref();
    });
  };
  start();
}
