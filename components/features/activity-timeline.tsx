import { ROLE_LABELS, roleName, type Role } from "@/lib/authz/permissions";
import { RACI_LABELS } from "@/lib/responsibilities/schemas";
import { STAGE_LABELS, type Stage } from "@/lib/features/stages";
import type { Raci } from "@/lib/generated/prisma/enums";

type Event = {
  id: bigint;
  action: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { name: string } | null;
};

type Data = Record<string, string | undefined>;

function describe(event: Event): string {
  const before = (event.before ?? {}) as Data;
  const after = (event.after ?? {}) as Data;
  const role = (r?: string) => (r ? (r in ROLE_LABELS ? roleName(r as Role) : r) : "");
  const stage = (s?: string) => (s ? STAGE_LABELS[s as Stage] ?? s : "");
  switch (event.action) {
    case "feature.created":
      return "created the feature";
    case "feature.edited":
      return `edited the title or summary (was “${before.title}”)`;
    case "feature.stage_changed":
      return `moved it from ${stage(before.stage)} to ${stage(after.stage)}${after.reason ? `: “${after.reason}”` : ""}`;
    case "gate.signed":
      return `signed the ${stage(after.gate)} gate as ${role(after.role)}${after.comment ? `: “${after.comment}”` : ""}`;
    case "gate.signoff_withdrawn":
      return `withdrew their ${role(before.role)} sign-off`;
    case "gate.signoff_released":
      return `released ${before.name}'s ${role(before.role)} sign-off (${before.name} ${after.reason})`;
    case "gate.signoff_requested":
      return `asked for a ${role(after.role)} sign-off`;
    case "responsibility.assigned":
      return `made ${after.name} ${RACI_LABELS[after.kind as Raci] ?? after.kind} as ${role(after.role)}`;
    case "responsibility.removed":
      return `removed ${before.name} as ${RACI_LABELS[before.kind as Raci] ?? before.kind}`;
    case "comment.added":
      return "commented";
    case "spec.saved": {
      const superseded = (event.after as { superseded?: number[] } | null)?.superseded ?? [];
      return `saved spec revision ${after.revision}${superseded.length ? ` (the review of revision ${superseded.join(", ")} is superseded)` : ""}`;
    }
    case "spec.review_requested":
      return `asked for a review of spec revision ${after.revision}`;
    case "spec.approved":
      return `approved spec revision ${after.revision}`;
    case "spec.changes_requested":
      return `asked for changes to spec revision ${after.revision}${after.comment ? `: “${after.comment}”` : ""}`;
    case "criterion.created":
      return `added the acceptance criterion “${after.text}”`;
    case "criterion.edited":
      return `edited the acceptance criterion “${after.text}”`;
    case "criterion.removed":
      return `removed the acceptance criterion “${before.text}”`;
    case "criterion.retired":
      return `retired the acceptance criterion “${before.text}”: ${after.reason}`;
    case "brief.saved":
      return `saved model brief revision ${after.revision}`;
    case "readiness.item_set":
      return `scored readiness test ${after.code}: ${after.notApplicable ? "not applicable" : after.score}`;
    case "readiness.owner_changed":
      return after.owner
        ? `made ${after.owner} owner of readiness test ${after.code}`
        : `left readiness test ${after.code} without an owner (was ${before.owner}${after.reason ? `, who ${after.reason}` : ""})`;
    case "criterion.moved":
      return "reordered the acceptance criteria";
    case "criterion.verdict_set":
      return `marked “${after.text}” ${(after.verdict ?? "").toLowerCase()}${after.note ? `: ${after.note}` : ""}`;
    default:
      return event.action;
  }
}

export function ActivityTimeline({ events }: { events: Event[] }) {
  if (!events.length) return <p className="mt-3 text-sm text-slate-600">No activity yet.</p>;
  return (
    <ol className="mt-3 flex flex-col gap-2 text-sm" aria-label="Activity">
      {events.map((event) => (
        <li key={event.id.toString()} className="flex gap-3">
          <time dateTime={event.createdAt.toISOString()} className="w-36 shrink-0 text-slate-500">
            {event.createdAt.toISOString().replace("T", " ").slice(0, 16)}
          </time>
          <span>
            <span className="font-medium">{event.actor?.name ?? "System"}</span> {describe(event)}
          </span>
        </li>
      ))}
    </ol>
  );
}
