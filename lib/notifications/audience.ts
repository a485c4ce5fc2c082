import "server-only";
import { can } from "@/lib/authz/permissions";
import type { Db, Tx } from "@/lib/db";
import type { NotificationKind, Raci, Role } from "@/lib/generated/prisma/enums";

// Who may hear of an event: the same rule when it is recorded and when it
// is mailed, so a person who left the team or lost the role or the
// responsibility in between gets nothing.

export type Member = { userId: string; roles: Role[] };
export type Duty = { userId: string; role: Role; kind: Raci };

/** Whether a member (roles in the feature's team, duties on the feature) may be told of this event. */
export function mayHear(
  kind: NotificationKind,
  role: Role | null,
  roles: readonly Role[] | undefined,
  duties: readonly Pick<Duty, "role" | "kind">[],
): boolean {
  if (!roles) return false; // not (or no longer) a member
  const holds = (raci: Raci[]) => duties.some((d) => raci.includes(d.kind) && roles.includes(d.role));
  switch (kind) {
    case "SIGNOFF_REQUESTED":
      return role !== null && roles.includes(role);
    case "SPEC_REVIEW_REQUESTED":
      return can(roles, "spec.review");
    case "CRITERION_FAILED":
      return holds(["ACCOUNTABLE", "RESPONSIBLE"]);
    case "GATE_OPENED":
    case "FEATURE_STUCK":
      return holds(["ACCOUNTABLE"]);
    case "MENTIONED":
    case "SPEC_REVIEWED":
      return true;
  }
}

/** The team's members and the feature's responsibilities (two queries). */
export async function loadAudience(client: Db | Tx, teamId: string, featureId: string) {
  const [members, duties] = await Promise.all([
    client.membership.findMany({ where: { teamId }, select: { userId: true, roles: true } }),
    client.responsibility.findMany({ where: { featureId, feature: { teamId } }, select: { userId: true, role: true, kind: true } }),
  ]);
  return audience(members, duties);
}

export type Audience = ReturnType<typeof audience>;

export function audience(members: Member[], duties: Duty[]) {
  const rolesOf = new Map(members.map((m) => [m.userId, m.roles]));
  const dutiesOf = (userId: string) => duties.filter((d) => d.userId === userId);
  return {
    members,
    /** Everyone among `candidates` who may hear of the event. */
    filter(kind: NotificationKind, role: Role | null, candidates: Iterable<string>): string[] {
      return [...new Set(candidates)].filter((userId) => mayHear(kind, role, rolesOf.get(userId), dutiesOf(userId)));
    },
    /** Holders of a responsibility kind on the feature. */
    holding(raci: Raci[]): string[] {
      return duties.filter((d) => raci.includes(d.kind)).map((d) => d.userId);
    },
    /** Members asked for a sign-off in `role`: those Responsible in it on the feature, or, when nobody is, everyone holding it. */
    signers(role: Role): string[] {
      const holders = members.filter((m) => m.roles.includes(role)).map((m) => m.userId);
      const responsible = duties.filter((d) => d.kind === "RESPONSIBLE" && d.role === role && holders.includes(d.userId));
      return responsible.length ? responsible.map((d) => d.userId) : holders;
    },
  };
}
