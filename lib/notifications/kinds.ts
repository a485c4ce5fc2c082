import { NotificationDelivery, NotificationKind } from "@/lib/generated/prisma/enums";

// The events a person can be told about by mail, how each is described on
// the account page, and what a person gets before choosing: what someone
// asks of them directly at once, news about their features in the digest.
// Pure data, safe for client components.

export { NotificationDelivery, NotificationKind };

export const NOTIFICATION_KINDS = [
  NotificationKind.SIGNOFF_REQUESTED,
  NotificationKind.MENTIONED,
  NotificationKind.SPEC_REVIEW_REQUESTED,
  NotificationKind.SPEC_REVIEWED,
  NotificationKind.CRITERION_FAILED,
  NotificationKind.GATE_OPENED,
  NotificationKind.FEATURE_STUCK,
] as const;

export const DELIVERIES = [NotificationDelivery.IMMEDIATE, NotificationDelivery.DIGEST, NotificationDelivery.OFF] as const;

export const KIND_INFO: Record<NotificationKind, { label: string; description: string; default: NotificationDelivery }> = {
  SIGNOFF_REQUESTED: {
    label: "Sign-off requests",
    description: "Someone asks for a sign-off in a role you hold.",
    default: "IMMEDIATE",
  },
  MENTIONED: {
    label: "Mentions",
    description: "Someone mentions you in a comment.",
    default: "IMMEDIATE",
  },
  SPEC_REVIEW_REQUESTED: {
    label: "Spec reviews asked",
    description: "A spec revision waits for review (product managers and leads).",
    default: "IMMEDIATE",
  },
  SPEC_REVIEWED: {
    label: "Spec reviews answered",
    description: "Your spec revision was approved or changes were requested.",
    default: "IMMEDIATE",
  },
  CRITERION_FAILED: {
    label: "Failed criteria",
    description: "QA failed an acceptance criterion of a feature you are accountable or responsible for.",
    default: "DIGEST",
  },
  GATE_OPENED: {
    label: "Gates ready",
    description: "The gate of a feature you are accountable for has everything it needs to move.",
    default: "DIGEST",
  },
  FEATURE_STUCK: {
    label: "Stuck features",
    description: "A feature you are accountable for stays in its stage past the team's limit.",
    default: "DIGEST",
  },
};

export const DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  IMMEDIATE: "Immediately",
  DIGEST: "Daily digest",
  OFF: "Off",
};

/** A kind's name inside a sentence ("mail about sign-off requests"). */
export function kindName(kind: NotificationKind): string {
  return KIND_INFO[kind].label.toLowerCase();
}

/** Each kind's delivery: the stored choice, or the kind's default. */
export function effectivePreferences(
  stored: readonly { kind: NotificationKind; delivery: NotificationDelivery }[],
): Record<NotificationKind, NotificationDelivery> {
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, KIND_INFO[kind].default])) as Record<
    NotificationKind,
    NotificationDelivery
  >;
  for (const row of stored) out[row.kind] = row.delivery;
  return out;
}
