import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFeature } from "@/lib/features/commands";
import { signGate } from "@/lib/gates/commands";
import { auditCount, createTeamWithRoles, ACTORS, actorId, type Actor, type Fixture } from "@/tests/fixtures";

// Shared by the tests of the commands on one feature: the stage machine
// (lib/features), sign-offs and gate settings (lib/gates) and
// responsibilities (lib/responsibilities).

/** A feature the PM creates through the command (so its gate summary is stored), without a spec. */
export async function createdFeature(
  f: Fixture,
  {
    title = "Fraud score on checkout",
    summary = "Score each checkout for fraud risk",
    phases = [{ name: "Rules + GBM", target: "precision >= 0.9" }],
  }: { title?: string; summary?: string; phases?: { name: string; target: string }[] } = {},
) {
  const result = await createFeature.run(f.members.PM.id, {
    teamId: f.team.id,
    title,
    summary,
    phaseName: phases.map((p) => p.name),
    phaseTargets: phases.map((p) => p.target),
  });
  if (!result.ok) throw new Error(result.error);
  return result.data.featureId;
}

export async function newFeature(f: Fixture, phases = true) {
  const featureId = await createdFeature(f, {
    phases: phases
      ? [
          { name: "Rules + GBM", target: "precision >= 0.9" },
          { name: "Deep model", target: "precision >= 0.95" },
        ]
      : [],
  });
  // A complete, approved spec, so the IDEA gate's spec requirement is met
  // (lib/specs tests cover how a spec gets there).
  const spec = await db.specRevision.create({
    data: {
      featureId,
      number: 1,
      status: "APPROVED",
      problem: "Chargebacks cost 2% of revenue",
      customerContext: "Checkout, card payments",
      constraints: "Under 100 ms p95",
      successCriteria: [{ key: "c1", metric: "precision", target: ">= 0.9", howMeasured: "holdout", phase: "1" }],
    },
  });
  await db.feature.update({ where: { id: featureId }, data: { approvedSpecRevisionId: spec.id } });
  return featureId;
}

export const version = async (featureId: string) =>
  (await db.feature.findUniqueOrThrow({ where: { id: featureId }, select: { version: true } })).version;

/** Passes the IDEA gate: PM and DS sign. */
export async function signIdea(f: Fixture, featureId: string) {
  for (const role of ["PM", "DS"] as const) {
    const r = await signGate.run(f.members[role].id, { teamId: f.team.id, featureId, role });
    expect(r).toMatchObject({ ok: true });
  }
}

export async function snapshot(teamId: string, featureId: string) {
  const [feature, signoffs, responsibilities, requests, transitions, settings, events] = await Promise.all([
    db.feature.findUnique({ where: { id: featureId }, select: { stage: true, version: true } }),
    db.gateSignoff.findMany({ where: { featureId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    db.responsibility.findMany({ where: { featureId }, orderBy: { id: "asc" }, select: { id: true } }),
    db.signoffRequest.findMany({ where: { featureId }, select: { id: true, resolvedAt: true } }),
    db.stageTransition.count({ where: { featureId } }),
    db.teamGateSetting.findMany({ where: { teamId } }),
    auditCount(teamId),
  ]);
  return { feature, signoffs, responsibilities, requests, transitions, settings, events };
}

/** Who may, and how to build a valid request on a fresh feature. */
export type PermissionCase = {
  name: string;
  allowed: Actor[];
  run: (f: Fixture, featureId: string, actor: string | null) => Promise<{ ok: boolean; code?: string }>;
  prepare?: (f: Fixture, featureId: string) => Promise<void>;
};

/** One test per case and actor: an allowed call is audited, a refused one changes nothing. */
export function permissionMatrix(cases: PermissionCase[]) {
  for (const c of cases) {
    for (const actor of ACTORS) {
      const allowed = c.allowed.includes(actor);
      it(`${c.name} by ${actor} is ${allowed ? "allowed" : "refused"}`, async () => {
        const f = await createTeamWithRoles();
        const featureId = await newFeature(f);
        await c.prepare?.(f, featureId);
        const before = await snapshot(f.team.id, featureId);
        const result = await c.run(f, featureId, actorId(f, actor));
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          expect(await auditCount(f.team.id)).toBeGreaterThan(before.events);
          return;
        }
        const code = actor === "signed-out" ? "unauthenticated" : actor === "outsider" ? "not_found" : "forbidden";
        expect(result).toMatchObject({ ok: false, code });
        expect(await snapshot(f.team.id, featureId)).toEqual(before);
      });
    }
  }
}
