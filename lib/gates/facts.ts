import "server-only";
import { readPocResults } from "@/lib/briefs/completeness";
import type { Db, Tx } from "@/lib/db";
import type { GateFacts, GateSettings, GateSignoffState } from "@/lib/gates/definitions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/generated/prisma/enums";
import { readCriteria } from "@/lib/specs/completeness";

/** The columns gate checks read; select them with a feature to build its facts. */
export const factsSelect = {
  title: true,
  summary: true,
  phases: { select: { name: true, targetMetrics: true }, orderBy: { position: "asc" } },
  responsibilities: { select: { userId: true, role: true, kind: true } },
  approvedSpecRevision: {
    select: { id: true, problem: true, customerContext: true, constraints: true, successCriteria: true },
  },
  criteria: { where: { retiredAt: null }, select: { id: true, verdict: true, verdictSpecRevisionId: true } },
  readinessItems: { select: { code: true, halves: true, notApplicable: true, ownerId: true } },
  team: { select: { readinessBar: true } },
  // The brief's latest revision.
  briefRevisions: {
    select: { id: true, pocResults: true, failureModes: true, monitoring: true },
    orderBy: { number: "desc" },
    take: 1,
  },
} satisfies Prisma.FeatureSelect;

type FactsRow = Prisma.FeatureGetPayload<{ select: typeof factsSelect }>;

export function toGateFacts(row: FactsRow): GateFacts {
  const spec = row.approvedSpecRevision;
  const brief = row.briefRevisions[0];
  return {
    title: row.title,
    summary: row.summary,
    phases: row.phases,
    responsibilities: row.responsibilities,
    approvedSpec: spec ? { ...spec, successCriteria: readCriteria(spec.successCriteria) } : null,
    criteria: row.criteria,
    readiness: row.readinessItems,
    readinessBar: row.team.readinessBar,
    brief: brief ? { ...brief, pocResults: readPocResults(brief.pocResults) } : null,
  };
}

type Client = Db | Tx;

/** A team's gate overrides (one query). */
export async function loadGateSettings(client: Client, teamId: string): Promise<GateSettings> {
  const rows = await client.teamGateSetting.findMany({ where: { teamId }, select: { key: true, enabled: true } });
  return new Map(rows.map((row) => [row.key, row.enabled]));
}

/** Gate facts for many features at once: a fixed number of queries. */
export async function loadGateFacts(client: Client, teamId: string, featureIds: string[]) {
  const features = await client.feature.findMany({
    where: { teamId, id: { in: featureIds } },
    select: { id: true, ...factsSelect },
  });
  return new Map<string, GateFacts>(features.map((row) => [row.id, toGateFacts(row)]));
}

/**
 * Active sign-offs of each feature's current gate, with signer names: not
 * revoked, and given in a role the signer still holds in the team (a
 * removed or demoted member's sign-off stops counting even if releasing it
 * was missed). evaluateGate then keeps those whose basis still holds.
 */
export async function loadActiveSignoffs(
  client: Client,
  teamId: string,
  features: { id: string; stage: Stage }[],
): Promise<Map<string, GateSignoffState[]>> {
  const rows = features.length
    ? await client.gateSignoff.findMany({
        // One IN list (cheap to plan) rather than an OR per feature; rows of
        // other gates are dropped below.
        where: { revokedAt: null, featureId: { in: features.map((f) => f.id) } },
        select: activeSignoffSelect(teamId),
        orderBy: { createdAt: "asc" },
      })
    : [];
  return toActiveSignoffs(rows, features);
}

/** The columns toActiveSignoffs reads, for a select of unrevoked sign-offs (oldest first). */
export const activeSignoffSelect = (teamId: string) =>
  ({
    id: true,
    featureId: true,
    gate: true,
    role: true,
    userId: true,
    comment: true,
    createdAt: true,
    basis: true,
    user: { select: { name: true, memberships: { where: { teamId }, select: { roles: true } } } },
  }) satisfies Prisma.GateSignoffSelect;

type SignoffRow = Prisma.GateSignoffGetPayload<{ select: ReturnType<typeof activeSignoffSelect> }>;

/** Unrevoked sign-offs, per feature: those of its current gate, by signers still holding the role. */
export function toActiveSignoffs(rows: SignoffRow[], features: { id: string; stage: Stage }[]) {
  const stageOf = new Map(features.map((f) => [f.id, f.stage]));
  const byFeature = new Map<string, GateSignoffState[]>();
  for (const row of rows) {
    if (row.gate !== stageOf.get(row.featureId)) continue;
    if (!row.user.memberships[0]?.roles.includes(row.role)) continue;
    const list = byFeature.get(row.featureId) ?? [];
    list.push({
      id: row.id,
      role: row.role,
      userId: row.userId,
      userName: row.user.name,
      comment: row.comment,
      createdAt: row.createdAt,
      basis: row.basis,
    });
    byFeature.set(row.featureId, list);
  }
  return byFeature;
}
