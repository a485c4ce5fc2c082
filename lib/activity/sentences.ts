import { roleName, type Role } from "@/lib/authz/permissions";
import { STAGE_LABELS, type Stage } from "@/lib/features/stages";
import { REQUIREMENTS, SIGNOFFS } from "@/lib/gates/definitions";
import { formatPoints } from "@/lib/readiness/rubric";

// The audit log and the activity timeline in words: one sentence per event,
// who did what to which feature ("Pia PM made Dan Developer Accountable on
// Churn model"). Pure: the page hands in the names it looked up. Ids stay out
// of the sentence; pages show them on hover.

/** Every kind of event the code records for a team (lib/**: recordAudit). A test keeps this list whole. */
export const AUDIT_KINDS = [
  "team.created",
  "member.added",
  "member.roles_changed",
  "member.removed",
  "invitation.sent",
  "invitation.revoked",
  "invitation.accepted",
  "invitation.declined",
  "feature.created",
  "feature.edited",
  "feature.stage_changed",
  "gate.signed",
  "gate.signoff_withdrawn",
  "gate.signoff_requested",
  "gate.signoff_released",
  "gate.setting_changed",
  "gate.readiness_bar_changed",
  "responsibility.assigned",
  "responsibility.removed",
  "spec.saved",
  "spec.review_requested",
  "spec.approved",
  "spec.changes_requested",
  "criterion.created",
  "criterion.edited",
  "criterion.removed",
  "criterion.retired",
  "criterion.moved",
  "criterion.verdict_set",
  "readiness.item_set",
  "readiness.owner_changed",
  "brief.saved",
  "comment.added",
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The kinds of a feature's activity, in groups people filter the timeline by. */
export const ACTIVITY_GROUPS = [
  { key: "stage", label: "Stage", kinds: ["feature.created", "feature.edited", "feature.stage_changed"] },
  {
    key: "signoffs",
    label: "Sign-offs",
    kinds: ["gate.signed", "gate.signoff_withdrawn", "gate.signoff_requested", "gate.signoff_released"],
  },
  { key: "spec", label: "Spec", kinds: ["spec.saved", "spec.review_requested", "spec.approved", "spec.changes_requested"] },
  {
    key: "criteria",
    label: "Criteria",
    kinds: ["criterion.created", "criterion.edited", "criterion.removed", "criterion.retired", "criterion.moved", "criterion.verdict_set"],
  },
  { key: "readiness", label: "Readiness", kinds: ["readiness.item_set", "readiness.owner_changed"] },
  { key: "brief", label: "Model brief", kinds: ["brief.saved"] },
  { key: "comments", label: "Comments", kinds: ["comment.added"] },
  { key: "people", label: "People", kinds: ["responsibility.assigned", "responsibility.removed"] },
] as const satisfies readonly { key: string; label: string; kinds: readonly AuditKind[] }[];

export type ActivityGroup = (typeof ACTIVITY_GROUPS)[number]["key"];

export type AuditEventFacts = {
  action: string;
  before: unknown;
  after: unknown;
  /** The actor's name; null when the account is gone. */
  actor: string | null;
  /** The feature's current title, for events about a feature. */
  feature: string | null;
};

type Bag = Record<string, unknown>;

const bag = (value: unknown): Bag => (value && typeof value === "object" && !Array.isArray(value) ? (value as Bag) : {});
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** A quote of people's text, shortened: “Handles nulls”. */
function quote(value: unknown, max = 80): string {
  const t = text(value)?.replace(/\s+/g, " ") ?? "";
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const ROLE_KEYS = new Set(["LEAD", "PM", "DS", "DEV", "QA"]);
function roles(value: unknown): string {
  const names = (Array.isArray(value) ? value : []).filter((r): r is Role => typeof r === "string" && ROLE_KEYS.has(r)).map((r) => roleName(r));
  return names.length ? list(names) : "no role";
}
function role(value: unknown): string {
  return typeof value === "string" && ROLE_KEYS.has(value) ? roleName(value as Role) : "a role";
}
function stage(value: unknown): string {
  return typeof value === "string" && value in STAGE_LABELS ? STAGE_LABELS[value as Stage] : "another stage";
}
function gate(value: unknown): string {
  return `the ${stage(value)} gate`;
}
const revision = (value: unknown) => (num(value) === null ? "a revision" : `revision ${num(value)}`);
const KINDS: Record<string, string> = { RESPONSIBLE: "Responsible", ACCOUNTABLE: "Accountable", CONSULTED: "Consulted", INFORMED: "Informed" };
const kind = (value: unknown) => (typeof value === "string" && KINDS[value]) || "responsible";
const VERDICT_WORDS: Record<string, string> = { PASSED: "passed", FAILED: "failed", BLOCKED: "blocked" };
const GATE_ITEM_LABELS = new Map([...REQUIREMENTS, ...SIGNOFFS].map((item) => [item.key, item.label]));

/**
 * The event as one sentence, without the time. `names` resolves user ids
 * stored in the event to names (e.g. the Accountable a new one replaced).
 */
export function auditSentence(event: AuditEventFacts, names: ReadonlyMap<string, string> = new Map()): string {
  const who = event.actor ?? "A former member";
  const on = event.feature ? ` on ${event.feature}` : "";
  const of = event.feature ? ` of ${event.feature}` : "";
  const b = bag(event.before);
  const a = bag(event.after);
  const suffix = (value: unknown) => (text(value) ? `: ${quote(value, 200)}` : "");
  const why = (value: unknown) => (text(value) ? ` (${text(value)})` : "");

  switch (event.action as AuditKind) {
    case "team.created":
      return `${who} created the team${text(a.name) ? ` ${text(a.name)}` : ""}`;
    case "member.added":
      return `${who} joined the team as ${roles(a.roles)}`;
    case "member.roles_changed":
      return `${who} changed the roles of ${text(a.email) ?? text(b.email) ?? "a member"} from ${roles(b.roles)} to ${roles(a.roles)}`;
    case "member.removed":
      return `${who} removed ${text(b.email) ?? "a member"} (${roles(b.roles)}) from the team`;
    case "invitation.sent":
      return `${who} ${a.renewed ? "sent a new invitation to" : "invited"} ${text(a.email) ?? "someone"} as ${roles(a.roles)}`;
    case "invitation.revoked":
      return `${who} revoked the invitation of ${text(b.email) ?? "someone"} (${roles(b.roles)})`;
    case "invitation.accepted":
      return `${who} accepted the invitation and joined as ${roles(a.roles)}`;
    case "invitation.declined":
      return `${who} declined the invitation to join as ${roles(b.roles)}`;

    case "feature.created":
      return `${who} created ${text(a.title) ?? event.feature ?? "the feature"}`;
    case "feature.edited": {
      const [from, to] = [text(b.title), text(a.title)];
      if (from && to && from !== to) return `${who} renamed ${from} to ${to}`;
      return `${who} edited the summary of ${event.feature ?? "the feature"}`;
    }
    case "feature.stage_changed":
      return `${who} moved ${event.feature ?? "the feature"} from ${stage(b.stage)} to ${stage(a.stage)}${suffix(a.reason)}`;

    case "gate.signed":
      return `${who} signed ${gate(a.gate)}${of} as ${role(a.role)}${suffix(a.comment)}`;
    case "gate.signoff_withdrawn":
      return `${who} withdrew their sign-off as ${role(b.role)} of ${gate(b.gate)}${of}`;
    case "gate.signoff_requested":
      return `${who} asked for a sign-off as ${role(a.role)} of ${gate(a.gate)}${of}`;
    case "gate.signoff_released":
      return `${text(b.name) ?? "A member"}'s sign-off as ${role(b.role)} of ${gate(b.gate)}${of} was withdrawn${why(a.reason)}`;
    case "gate.setting_changed": {
      const key = text(a.key) ?? text(b.key) ?? "";
      const label = GATE_ITEM_LABELS.get(key) ?? "a gate requirement";
      return `${who} turned ${a.enabled ? "on" : "off"} the gate requirement ${quote(label, 120)}`;
    }
    case "gate.readiness_bar_changed": {
      const [from, to] = [num(b.bar), num(a.bar)];
      return `${who} set the team's readiness bar${from === null ? "" : ` from ${formatPoints(from)}`} to ${to === null ? "a new value" : formatPoints(to)}`;
    }

    case "responsibility.assigned": {
      const replaced = text(b.userId) ? names.get(text(b.userId)!) : null;
      return `${who} made ${text(a.name) ?? "a member"} ${kind(a.kind)}${on}${replaced ? `, in place of ${replaced}` : ""}`;
    }
    case "responsibility.removed":
      return event.actor && !text(a.reason)
        ? `${who} removed ${text(b.name) ?? "a member"} as ${kind(b.kind)}${on}`
        : `${text(b.name) ?? "A member"} is no longer ${kind(b.kind)}${on}${why(a.reason)}`;

    case "spec.saved":
      return `${who} saved ${revision(a.revision)} of the spec${of}`;
    case "spec.review_requested":
      return `${who} asked for a review of ${revision(a.revision)} of the spec${of}`;
    case "spec.approved":
      return `${who} approved ${revision(a.revision)} of the spec${of}${suffix(a.comment)}`;
    case "spec.changes_requested":
      return `${who} asked for changes to ${revision(a.revision)} of the spec${of}${suffix(a.comment)}`;

    case "criterion.created":
      return `${who} wrote the criterion ${quote(a.text)}${on}`;
    case "criterion.edited":
      return `${who} edited the criterion ${quote(b.text)}${on}, now ${quote(a.text)}`;
    case "criterion.removed":
      return `${who} removed the criterion ${quote(b.text)}${event.feature ? ` from ${event.feature}` : ""}`;
    case "criterion.retired":
      return `${who} retired the criterion ${quote(b.text)}${on}${suffix(a.reason)}`;
    case "criterion.moved":
      return num(b.position) !== null && num(a.position) !== null
        ? `${who} moved a criterion${of} from place ${num(b.position)} to ${num(a.position)}`
        : `${who} moved a criterion${of}`;
    case "criterion.verdict_set": {
      const verdict = typeof a.verdict === "string" ? VERDICT_WORDS[a.verdict] : undefined;
      const what = verdict ? `marked ${quote(a.text)} ${verdict}` : `set ${quote(a.text)} back to untested`;
      return `${who} ${what}${on}${suffix(a.note)}`;
    }

    case "readiness.item_set": {
      const code = text(a.code) ?? "a checklist test";
      if (a.notApplicable) return `${who} marked ${code} not applicable${on}`;
      const score = num(a.score);
      if (score === null) return `${who} scored ${code}${on}`;
      return `${who} set ${code} to ${formatPoints(score)} (${score >= 1 ? "automated" : score > 0 ? "by hand" : "not done"})${on}`;
    }
    case "readiness.owner_changed": {
      const code = text(a.code) ?? text(b.code) ?? "a checklist test";
      if (text(a.owner)) return `${who} made ${text(a.owner)} the owner of ${code}${on}`;
      if (text(a.reason)) return `${text(b.owner) ?? "The owner"} no longer owns ${code}${on}${why(a.reason)}`;
      return `${who} removed ${text(b.owner) ?? "the owner"} as owner of ${code}${on}`;
    }

    case "brief.saved":
      return `${who} saved ${revision(a.revision)} of the model brief${of}`;
    case "comment.added": {
      const mentioned = Array.isArray(a.mentioned) ? a.mentioned.filter((m): m is string => typeof m === "string") : [];
      return `${who} commented${on}${suffix(a.excerpt)}${mentioned.length ? `, mentioning ${list(mentioned)}` : ""}`;
    }
  }
  // A kind this list does not know yet: still words, never the raw key.
  return `${who} made a change${on}`;
}

/** The user ids an event names in its before / after (to look their names up in one query). */
export function auditUserIds(event: { before: unknown; after: unknown }): string[] {
  const ids = [bag(event.before).userId, bag(event.after).userId, bag(event.before).ownerId, bag(event.after).ownerId];
  return ids.filter((id): id is string => typeof id === "string");
}

/** The ids behind a sentence, for a hover title: "Event 42 · criterion 0192… · feature 0193… · by 0194…". */
export function auditIds(event: {
  id: bigint | string;
  targetType: string;
  targetId: string;
  featureId?: string | null;
  actor?: { id: string } | null;
}): string {
  const parts = [`Event ${event.id.toString()}`, `${event.targetType.replace(/_/g, " ")} ${event.targetId}`];
  if (event.featureId && event.featureId !== event.targetId) parts.push(`feature ${event.featureId}`);
  if (event.actor) parts.push(`by user ${event.actor.id}`);
  return parts.join(" · ");
}
