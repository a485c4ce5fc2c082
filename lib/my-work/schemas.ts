import { z } from "zod";
import { id } from "@/lib/schemas/common";

// Shared by the inbox's Done / Snooze buttons and their commands.

export const SNOOZE_CHOICES = {
  "3h": { label: "3 hours", ms: 3 * 3_600_000 },
  tomorrow: { label: "Tomorrow", ms: 24 * 3_600_000 },
  week: { label: "A week", ms: 7 * 24 * 3_600_000 },
} as const;

export type SnoozeChoice = keyof typeof SNOOZE_CHOICES;

const itemKey = z
  .string({ error: "That item is not in your inbox." })
  .max(200, { error: "That item is not in your inbox." })
  .regex(/^(gate|request|review|changes|criteria|mention|stuck):[0-9a-f-]{36}(:[A-Za-z0-9]+)*$/, {
    error: "That item is not in your inbox.",
  });

export const dismissInboxItemSchema = z
  .object({
    teamId: id("team"),
    featureId: id("feature"),
    key: itemKey,
    // Absent or "done": marked done; otherwise snoozed for that long.
    snooze: z
      .enum(["done", ...(Object.keys(SNOOZE_CHOICES) as SnoozeChoice[])], { error: "Choose how long to snooze it." })
      .default("done"),
  })
  .strict();

export const restoreInboxItemSchema = z.object({ teamId: id("team"), featureId: id("feature"), key: itemKey }).strict();
