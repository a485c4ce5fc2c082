import "server-only";
import { Logger, run, type Runner } from "graphile-worker";
import { purgeIdentityRows } from "@/lib/auth/cleanup";
import { db as appDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { deliverMailTask } from "@/lib/mail/deliver";
import { createMailTransport } from "@/lib/mail/transport";
import { notificationTasks } from "@/lib/notifications/tasks";

// Failures only: graphile-worker logs every job at info level otherwise. A
// failed delivery is logged with its reason (a connection error, a refused
// recipient); the message itself never reaches the log.
const errorsOnly = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[mail worker] ${message}`);
});

export type MailWorkerOptions = {
  /** Defaults to SMTP_URL; without either, mail is printed to the log. */
  smtpUrl?: string;
  /** Defaults to DATABASE_URL and the app's client; tests pass their own database. */
  connectionString?: string;
  db?: Db;
  /** How often to look for retries that fell due (new jobs arrive by NOTIFY at once). */
  pollInterval?: number;
};

/**
 * Delivers the outbox and notifications (and runs the hourly clean-up of identity rows). Any number of processes may run one: graphile-worker
 * hands each job to one worker (SELECT … FOR UPDATE SKIP LOCKED). Stop it
 * with `runner.stop()`.
 */
export function startMailWorker(options: MailWorkerOptions = {}): Promise<Runner> {
  return run({
    connectionString: options.connectionString ?? env.DATABASE_URL,
    // Its own small pool: jobs (2 at a time), the LISTEN connection, slack.
    maxPoolSize: 4,
    concurrency: 2,
    pollInterval: options.pollInterval ?? 2_000,
    // On SIGTERM/SIGINT it finishes running jobs before the process exits.
    noHandleSignals: false,
    logger: errorsOnly,
    // Hourly, once across all processes (graphile-worker's crontab keeps
    // track in the database): delete spent throttle rows, sessions and links.
    // Hourly too: tell accountable people of features that just got stuck;
    // daily: forget notifications mailed long ago.
    crontab: ["17 * * * * purge_identity_rows", "41 * * * * notify_stuck", "53 3 * * * notify_purge"].join("\n"),
    taskList: {
      purge_identity_rows: async () => {
        await purgeIdentityRows();
      },
      deliver_mail: deliverMailTask({
        db: options.db ?? appDb,
        transport: createMailTransport(options.smtpUrl ?? env.SMTP_URL),
        from: env.MAIL_FROM,
      }),
      ...notificationTasks(options.db ?? appDb),
    },
  });
}
