import { createHash } from "node:crypto";
import { hasMonitoringPlan, missingForPoc, type BriefContent } from "@/lib/briefs/completeness";
import { isMeasurableTarget } from "@/lib/features/schemas";
import type { GateStage } from "@/lib/features/stages";
import type { Raci, Role } from "@/lib/generated/prisma/enums";
import { ITEMS, readinessScore, type ItemState } from "@/lib/readiness/rubric";
import { missingFromSpec, type SpecContent } from "@/lib/specs/completeness";

// The gates as plain data. A requirement is a named check over a feature's
// facts; later parts of Liftoff (spec, criteria, brief, readiness) add facts
// and requirements here. A lead can switch any default off (or back on) per
// team: TeamGateSetting rows keyed by `key`.

export type GateFacts = {
  title: string;
  summary: string;
  phases: { name: string; targetMetrics: string }[];
  responsibilities: { userId: string; role: Role; kind: Raci }[];
  /** The approved spec revision, which gates read (null until one is approved). */
  approvedSpec: (SpecContent & { id: string }) | null;
  /** Active (not retired) acceptance criteria with their latest verdict. */
  criteria: { id: string; verdict: string; verdictSpecRevisionId: string | null }[];
  /** ML Test Score items scored so far (missing items count as 0) and the team's bar. */
  readiness: (ItemState & { ownerId: string | null })[];
  readinessBar: number;
  /** The model brief's latest revision (null until one is saved). */
  brief: (BriefContent & { id: string }) | null;
};

const MONITORING_CODES = ITEMS.filter((i) => i.section === "MONITORING").map((i) => i.code);

export type RequirementCheck = { met: boolean; detail?: string };

export type RequirementDef = {
  key: string;
  gate: GateStage;
  label: string;
  /** Roles that can make it true when it is missing. */
  actors: Role[];
  check: (facts: GateFacts) => RequirementCheck;
  /** The part of the facts this requirement vouches for: a change voids sign-offs. */
  basis: (facts: GateFacts) => unknown;
};

export type SignoffDef = { key: string; gate: GateStage; role: Role; label: string };

const hasResponsible = (facts: GateFacts, role: Role) =>
  facts.responsibilities.some((r) => r.kind === "RESPONSIBLE" && r.role === role);

const responsibleOf = (facts: GateFacts, role: Role) =>
  facts.responsibilities
    .filter((r) => r.kind === "RESPONSIBLE" && r.role === role)
    .map((r) => r.userId)
    .sort();

export const REQUIREMENTS: RequirementDef[] = [
  {
    key: "IDEA.spec_complete",
    gate: "IDEA",
    label: "The approved spec states the problem, context, constraints and a measurable success criterion",
    actors: ["PM"],
    check: (f) => {
      const missing = missingFromSpec(f.approvedSpec);
      return missing.length ? { met: false, detail: `Missing: ${missing.join(", ")}.` } : { met: true };
    },
    // Approving another revision changes what was signed.
    basis: (f) => f.approvedSpec?.id ?? null,
  },
  {
    key: "IDEA.summary",
    gate: "IDEA",
    label: "The feature has a summary",
    actors: ["PM"],
    check: (f) => ({ met: f.summary.trim().length > 0 }),
    basis: (f) => [f.title, f.summary],
  },
  {
    key: "IDEA.phase_targets",
    gate: "IDEA",
    label: "A phase with target metrics is planned",
    actors: ["PM"],
    check: (f) =>
      f.phases.some((p) => isMeasurableTarget(p.targetMetrics))
        ? { met: true }
        : { met: false, detail: "Add a measurable target to at least one phase." },
    basis: (f) => f.phases.map((p) => [p.name, p.targetMetrics]),
  },
  {
    key: "POC.ds_responsible",
    gate: "POC",
    label: "A data scientist is responsible for the PoC",
    actors: ["LEAD", "PM"],
    check: (f) =>
      hasResponsible(f, "DS") ? { met: true } : { met: false, detail: "Make a data scientist Responsible." },
    basis: (f) => responsibleOf(f, "DS"),
  },
  {
    key: "POC.brief_results",
    gate: "POC",
    label: "The model brief records PoC results for every success criterion, and failure modes",
    actors: ["DS"],
    check: (f) => {
      const missing = missingForPoc(f.brief, f.approvedSpec?.successCriteria ?? null);
      return missing.length ? { met: false, detail: `Missing: ${missing.join("; ")}.` } : { met: true };
    },
    // A new brief revision, or results judged against another approved spec, change what was signed.
    basis: (f) => [f.brief?.id ?? null, f.approvedSpec?.id ?? null],
  },
  {
    key: "BUILD.dev_responsible",
    gate: "BUILD",
    label: "A developer is responsible for the build",
    actors: ["LEAD", "PM"],
    check: (f) =>
      hasResponsible(f, "DEV") ? { met: true } : { met: false, detail: "Make a developer Responsible." },
    basis: (f) => responsibleOf(f, "DEV"),
  },
  {
    key: "BUILD.criteria_exist",
    gate: "BUILD",
    label: "Acceptance criteria are written",
    actors: ["PM"],
    check: (f) => (f.criteria.length ? { met: true } : { met: false, detail: "Write at least one acceptance criterion." }),
    basis: (f) => f.criteria.map((c) => c.id).sort(),
  },
  {
    key: "VALIDATION.criteria_passed",
    gate: "VALIDATION",
    label: "Every acceptance criterion passed against the approved spec",
    actors: ["QA"],
    check: (f) => {
      if (!f.criteria.length) return { met: false, detail: "There are no acceptance criteria." };
      const current = f.approvedSpec?.id ?? null;
      const open = f.criteria.filter((c) => c.verdict !== "PASSED" || c.verdictSpecRevisionId !== current);
      return open.length
        ? { met: false, detail: `${open.length} of ${f.criteria.length} not passed against the approved spec.` }
        : { met: true };
    },
    basis: (f) => f.criteria.map((c) => [c.id, c.verdict, c.verdictSpecRevisionId]).sort(),
  },
  {
    key: "BUILD.monitoring_owners",
    gate: "BUILD",
    label: "Every monitoring test of the readiness checklist has an owner",
    actors: ["DS", "DEV"],
    check: (f) => {
      const byCode = new Map(f.readiness.map((i) => [i.code, i]));
      const missing = MONITORING_CODES.filter((code) => !byCode.get(code)?.notApplicable && !byCode.get(code)?.ownerId);
      return missing.length ? { met: false, detail: `${missing.length} of 7 monitoring tests have no owner.` } : { met: true };
    },
    basis: (f) =>
      MONITORING_CODES.map((code) => {
        const item = f.readiness.find((i) => i.code === code);
        return [code, item?.ownerId ?? null, item?.notApplicable ?? false];
      }),
  },
  {
    key: "BUILD.monitoring_plan",
    gate: "BUILD",
    label: "The model brief says how the model is monitored in production",
    actors: ["DS"],
    check: (f) =>
      hasMonitoringPlan(f.brief)
        ? { met: true }
        : { met: false, detail: "Write the monitoring section of the model brief." },
    basis: (f) => f.brief?.monitoring ?? null,
  },
  {
    key: "VALIDATION.readiness_bar",
    gate: "VALIDATION",
    label: "The readiness score reaches the team's bar",
    actors: ["DS", "DEV"],
    check: (f) => {
      const { score, weakest } = readinessScore(f.readiness);
      return score >= f.readinessBar
        ? { met: true }
        : { met: false, detail: `Score ${score} of ${f.readinessBar} needed; weakest: ${weakest}.` };
    },
    basis: (f) => [readinessScore(f.readiness).score, f.readinessBar],
  },
  {
    key: "VALIDATION.qa_responsible",
    gate: "VALIDATION",
    label: "A QA member is responsible for validation",
    actors: ["LEAD", "PM"],
    check: (f) =>
      hasResponsible(f, "QA") ? { met: true } : { met: false, detail: "Make a QA member Responsible." },
    basis: (f) => responsibleOf(f, "QA"),
  },
];

// The walkthrough has the DS and the PM sign the first gate: the DS
// confirms a PoC is feasible, the PM decides to start it.
export const SIGNOFFS: SignoffDef[] = [
  { key: "IDEA.signoff.PM", gate: "IDEA", role: "PM", label: "Product manager: go for a PoC" },
  { key: "IDEA.signoff.DS", gate: "IDEA", role: "DS", label: "Data scientist: a PoC is feasible" },
  { key: "POC.signoff.DS", gate: "POC", role: "DS", label: "Data scientist: the PoC results hold" },
  { key: "POC.signoff.PM", gate: "POC", role: "PM", label: "Product manager: go for the build" },
  { key: "BUILD.signoff.DEV", gate: "BUILD", role: "DEV", label: "Developer: engineering is ready" },
  { key: "VALIDATION.signoff.QA", gate: "VALIDATION", role: "QA", label: "QA: acceptance verified" },
  { key: "VALIDATION.signoff.PM", gate: "VALIDATION", role: "PM", label: "Product manager: go for production" },
];

export const GATE_ITEM_KEYS = new Set([...REQUIREMENTS, ...SIGNOFFS].map((item) => item.key));

/** A team's overrides: key → enabled. Missing keys use the default (on). */
export type GateSettings = ReadonlyMap<string, boolean>;

export const isEnabled = (settings: GateSettings, key: string) => settings.get(key) ?? true;

/**
 * What a sign-off of `gate` vouches for, as a short hash of its requirements'
 * basis (all of them: switching a requirement off or on does not void
 * sign-offs). Stored with the sign-off; when it changes, the sign-off is void:
 * it is revoked in the same transaction as the change, and evaluateGate
 * compares it anyway, so a change that misses the revoking call cannot leave
 * a stale sign-off counting.
 */
export function gateBasis(gate: GateStage, facts: GateFacts): string {
  const parts = REQUIREMENTS.filter((r) => r.gate === gate).map((r) => [
    r.key,
    r.basis(facts),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

export type GateSignoffState = {
  id: string;
  role: Role;
  userId: string;
  userName: string;
  comment: string | null;
  createdAt: Date;
  /** gateBasis of the facts when it was given. */
  basis: string;
};

export type GateStatus = {
  gate: GateStage;
  requirements: (Pick<RequirementDef, "key" | "label" | "actors"> & RequirementCheck)[];
  signoffs: { key: string; role: Role; label: string; given: GateSignoffState[] }[];
  /** Roles someone must act in before the gate opens. */
  waitingOn: Role[];
  /** What the gate still lacks: the unmet requirements' labels and the roles whose sign-off is not given. */
  missing: { requirements: string[]; signoffs: Role[] };
  ready: boolean;
};

/** Evaluates a gate: what is met, what is missing, who must act. Pure. */
export function evaluateGate(
  gate: GateStage,
  facts: GateFacts,
  settings: GateSettings,
  activeSignoffs: GateSignoffState[],
): GateStatus {
  const requirements = REQUIREMENTS.filter((r) => r.gate === gate && isEnabled(settings, r.key)).map((r) => ({
    key: r.key,
    label: r.label,
    actors: r.actors,
    ...r.check(facts),
  }));
  // Only sign-offs given against the facts as they are now count.
  const basis = gateBasis(gate, facts);
  const signoffs = SIGNOFFS.filter((s) => s.gate === gate && isEnabled(settings, s.key)).map((s) => ({
    key: s.key,
    role: s.role,
    label: s.label,
    given: activeSignoffs.filter((given) => given.role === s.role && given.basis === basis),
  }));
  const waiting = new Set<Role>();
  for (const r of requirements) if (!r.met) r.actors.forEach((role) => waiting.add(role));
  for (const s of signoffs) if (s.given.length === 0) waiting.add(s.role);
  const missing = {
    requirements: requirements.filter((r) => !r.met).map((r) => r.label),
    signoffs: signoffs.filter((s) => s.given.length === 0).map((s) => s.role),
  };
  return {
    gate,
    requirements,
    signoffs,
    waitingOn: [...waiting],
    missing,
    ready: missing.requirements.length === 0 && missing.signoffs.length === 0,
  };
}

/** Roles whose sign-off the gate asks for, under the team's settings. */
export function signoffRoles(gate: GateStage, settings: GateSettings): Role[] {
  return SIGNOFFS.filter((s) => s.gate === gate && isEnabled(settings, s.key)).map((s) => s.role);
}
