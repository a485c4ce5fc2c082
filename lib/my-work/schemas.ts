import { z } from "zod";
import { id } from "@/lib/schemas/common";

// Shared by the inbox's buttons (Done, Snooze, Wake now, marking items seen)
// and their commands.

export const SNOOZE_CHOICES = {
  "3h": { label: "3 hours", ms: 3 * 3_600_000 },
  tomorrow: { label: "Tomorrow", ms: 24 * 3_600_000 },
  week: { label: "A week", ms: 7 * 24 * 3_600_000 },
} as const;

export type SnoozeChoice = keyof typeof SNOOZE_CHOICES;

/** Items My work marks seen at once at most (every list it shows, bounded). */
export const SEEN_MAX = 1000;

// "<kind>:<feature id>:<what names the cause>…": every key names its feature.
const KEY = /^(gate|request|review|changes|criteria|mention|stuck):[0-9a-f-]{36}(:[A-Za-z0-9-]+)+$/;

/** The feature an inbox item's key belongs to. */
export function featureOfKey(key: string): string {
  return key.split(":")[1]!;
}

const notInInbox = "That item is not in your inbox.";
const itemKey = z
  .string({ error: notInInbox })
  .max(200, { error: notInInbox, abort: true })
  .regex(KEY, { error: notInInbox, abort: true })
  .refine((key) => z.uuid().safeParse(featureOfKey(key)).success, { error: notInInbox });

export const dismissInboxItemSchema = z
  .object({
    teamId: id("team"),
    key: itemKey,
    // Absent or "done": marked done; otherwise snoozed for that long.
    snooze: z
      .enum(["done", ...(Object.keys(SNOOZE_CHOICES) as SnoozeChoice[])], { error: "Choose how long to snooze it." })
      .default("done"),
  })
  .strict();

export const restoreInboxItemSchema = z.object({ teamId: id("team"), key: itemKey }).strict();

export const markInboxSeenSchema = z
  .object({
    teamId: id("team"),
    key: z
      .union([itemKey.transform((key) => [key]), z.array(itemKey)])
      .pipe(z.array(z.string()).min(1, { error: notInInbox }).max(SEEN_MAX, { error: notInInbox })),
  })
  .strict();
