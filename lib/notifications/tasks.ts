import "server-only";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { purgeNotifications, recordStuckFeatures, sendDigest, sendFeatureBatch } from "@/lib/notifications/send";

// The graphile-worker tasks behind notification mail. Jobs are queued by
// lib/notifications/record.ts (with job keys, so a burst makes one job) and
// by the crontab in lib/mail/worker.ts.

const batchSchema = z.object({ userId: z.uuid(), featureId: z.uuid() });
const digestSchema = z.object({ userId: z.uuid() });

function parsed<S extends z.ZodType>(schema: S, run: (payload: z.output<S>) => Promise<unknown>): Task {
  return async (payload, helpers) => {
    const result = schema.safeParse(payload);
    if (!result.success) {
      // Retrying cannot fix a malformed job.
      helpers.logger.error(`${helpers.job.task_identifier}: malformed payload in job ${helpers.job.id}`);
      return;
    }
    await run(result.data);
  };
}

export function notificationTasks(db: Db): Record<string, Task> {
  return {
    notify_immediate: parsed(batchSchema, (payload) => sendFeatureBatch(db, payload)),
    notify_digest: parsed(digestSchema, (payload) => sendDigest(db, payload)),
    notify_stuck: async () => {
      await recordStuckFeatures(db);
    },
    notify_purge: async () => {
      await purgeNotifications(db);
    },
  };
}
