import { Role } from "@/lib/generated/prisma/enums";

// Who may do what in a team: product.md's default permission table as plain
// data. Pure, so it is safe to import anywhere and cheap to unit-test.

export const ROLES = [Role.LEAD, Role.PM, Role.DS, Role.DEV, Role.QA] as const;
export { Role };

export const ROLE_LABELS: Record<Role, string> = {
  LEAD: "Team lead",
  PM: "Product manager",
  DS: "Data scientist",
  DEV: "Developer",
  QA: "QA",
};

/** A role's short name, as people write it in a column head ("Lead", "PM", "Dev"). */
export const ROLE_SHORT: Record<Role, string> = { LEAD: "Lead", PM: "PM", DS: "DS", DEV: "Dev", QA: "QA" };

/** A role's name inside a sentence, as people write it ("sign as QA", "a data scientist"). */
export function roleName(role: Role): string {
  return role === Role.QA ? "QA" : ROLE_LABELS[role].toLowerCase();
}

export const PERMISSIONS = {
  "team.view": "any-member",
  "members.manage": [Role.LEAD],
  "audit.view": [Role.LEAD],
  "feature.create": [Role.LEAD, Role.PM],
  // Move through a gate, back, pause, resume, retire.
  "feature.move": [Role.LEAD, Role.PM],
  // Sign a gate (the role signed in is checked against the gate too) and ask
  // others for their sign-off.
  "gate.sign": "any-member",
  "gate.request": "any-member",
  "gates.configure": [Role.LEAD],
  "spec.edit": [Role.LEAD, Role.PM],
  // Approve a spec revision or ask for changes (never one's own revision).
  "spec.review": [Role.LEAD, Role.PM],
  "criteria.write": [Role.LEAD, Role.PM],
  "brief.edit": [Role.LEAD, Role.DS],
  "readiness.edit": [Role.LEAD, Role.DS, Role.DEV],
  "criterion.verdict": [Role.QA],
  "responsibilities.assign": [Role.LEAD, Role.PM],
  "comment.create": "any-member",
} as const satisfies Record<string, readonly Role[] | "any-member">;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a member holding `roles` may do `permission` in their team. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] | "any-member" = PERMISSIONS[permission];
  if (allowed === "any-member") return true;
  return roles.some((role) => allowed.includes(role));
}

/** Plain words for a refusal, naming the roles that could do it. */
export function refusalMessage(permission: Permission): string {
  const allowed: readonly Role[] | "any-member" = PERMISSIONS[permission];
  if (allowed === "any-member") return "Only team members can do this.";
  // "a QA" is not how people say it: "a QA member".
  const names = allowed.map((role) => (role === Role.QA ? "QA member" : roleName(role)));
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return `Only a ${list} can do this.`;
}
