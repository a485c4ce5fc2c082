import { z } from "zod";
import { DELIVERIES, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";

// Shared by the account page's form (client) and the server actions.

const deliveryField = z.enum(DELIVERIES, { error: "Pick immediately, daily digest or off." });

/** One field per kind, named after it (SIGNOFF_REQUESTED=DIGEST…). */
export const saveNotificationPreferencesSchema = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, deliveryField])) as Record<
    (typeof NOTIFICATION_KINDS)[number],
    typeof deliveryField
  >)
  .strict();

export const unsubscribeSchema = z
  .object({
    token: z.string({ error: "This link is not valid." }).min(1, { error: "This link is not valid." }).max(500, { error: "This link is not valid." }),
  })
  .strict();
