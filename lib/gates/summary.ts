import "server-only";
import { commandActor } from "@/lib/actions/command";
import type { Db, Tx } from "@/lib/db";
import { isGateStage } from "@/lib/features/stages";
import { evaluateGate, gateBasis, type GateSettings, type GateSignoffState } from "@/lib/gates/definitions";
import { factsSelect, loadActiveSignoffs, loadGateSettings, toGateFacts } from "@/lib/gates/facts";
import type { Role } from "@/lib/generated/prisma/enums";
import { notifyGatesOpened } from "@/lib/notifications/record";
import { notifyFeaturesChanged, notifyLive } from "@/lib/live/notify";
import { readinessScore } from "@/lib/readiness/rubric";

// What lists show of a feature's gate, stored on the feature by every change
// to what the gate reads, in that change's transaction. The board and the
// stage pages then select plain columns. A consistency test
// (lib/gates/summary.test.ts) replays random command histories and compares
// the stored summary with a fresh evaluation from the facts.

/** Bump when the gate rules change: `npm run db:migrate` recomputes older rows. */
export const SUMMARY_VERSION = 1;

export type FeatureSummary = {
  gateReady: boolean;
  gateMissing: number;
  gateWaitingOn: Role[];
  failedCriteria: number;
  readinessScore: number;
};

type Client = Db | Tx;
type FactsRow = Awaited<ReturnType<typeof loadRows>>[number];

// Features whose facts are loaded at once: bounds memory when a team-wide
// change recomputes thousands (a spec's texts can reach 60,000 characters).
const BATCH = 200;

function loadRows(client: Client, teamId: string, featureIds: string[]) {
  return client.feature.findMany({
    where: { teamId, id: { in: featureIds } },
    // gateReady and summaryVersion as stored before this change: a gate that
    // becomes ready is news for the feature's accountable person.
    select: { id: true, stage: true, gateReady: true, summaryVersion: true, ...factsSelect },
  });
}

/** The summary of one feature, from its facts, the team's settings and its active sign-offs. */
export function summarize(
  row: Pick<FactsRow, "stage"> & Parameters<typeof toGateFacts>[0],
  settings: GateSettings,
  signoffs: GateSignoffState[],
): FeatureSummary {
  const facts = toGateFacts(row);
  const common = {
    failedCriteria: facts.criteria.filter((c) => c.verdict === "FAILED").length,
    readinessScore: readinessScore(facts.readiness).score,
  };
  if (!isGateStage(row.stage)) return { gateReady: false, gateMissing: 0, gateWaitingOn: [], ...common };
  const status = evaluateGate(row.stage, facts, settings, signoffs);
  return {
    gateReady: status.ready,
    gateMissing: status.missing.requirements.length + status.missing.signoffs.length,
    gateWaitingOn: status.waitingOn,
    failedCriteria: common.failedCriteria,
    readinessScore: common.readinessScore,
  };
}

/**
 * Call after any change to what the features' gates read (and after a stage
 * move or a sign-off): revokes sign-offs of the current gate whose basis no
 * longer matches, then stores each feature's summary. The caller holds the
 * features' row locks (lockFeature), or the team row FOR UPDATE.
 *
 * Every change to what a gate reads passes here, so this is also where the
 * open pages of the team hear of it (delivered when the transaction commits).
 */
export async function refreshFeatures(tx: Tx, teamId: string, featureIds: string[]) {
  if (featureIds.length === 0) return;
  await notifyFeaturesChanged(tx, teamId, featureIds);
  await storeSummaries(tx, teamId, featureIds);
}

async function storeSummaries(tx: Tx, teamId: string, featureIds: string[]) {
  if (featureIds.length === 0) return;
  const settings = await loadGateSettings(tx, teamId);
  for (let i = 0; i < featureIds.length; i += BATCH) {
    await refreshBatch(tx, teamId, featureIds.slice(i, i + BATCH), settings);
  }
}

/** The same for every feature of the team: call with the team row locked FOR UPDATE (lockTeam). */
export async function refreshTeam(tx: Tx, teamId: string) {
  const rows = await tx.feature.findMany({ where: { teamId }, select: { id: true }, orderBy: { id: "asc" } });
  await notifyLive(tx, { teamId, kind: "team" });
  await storeSummaries(
    tx,
    teamId,
    rows.map((row) => row.id),
  );
}

async function refreshBatch(tx: Tx, teamId: string, featureIds: string[], settings: GateSettings) {
  const rows = await loadRows(tx, teamId, featureIds);
  const gated = rows.filter((row) => isGateStage(row.stage));
  const active = await loadActiveSignoffs(tx, teamId, gated);
  // Sign-offs given against facts that have changed since are void: revoke
  // them, so the stored state is true as well as the evaluation.
  const now = new Date();
  const stale: string[] = [];
  for (const row of gated) {
    if (!isGateStage(row.stage)) continue;
    const basis = gateBasis(row.stage, toGateFacts(row));
    const list = active.get(row.id) ?? [];
    for (const s of list) if (s.basis !== basis) stale.push(s.id);
    active.set(
      row.id,
      list.filter((s) => s.basis === basis),
    );
  }
  if (stale.length) await tx.gateSignoff.updateMany({ where: { id: { in: stale }, revokedAt: null }, data: { revokedAt: now } });
  const summaries = rows.map((row) => ({ id: row.id, ...summarize(row, settings, active.get(row.id) ?? []) }));
  await writeSummaries(tx, summaries);
  // Only against a summary of the current rules: a recomputation after a
  // rule change or an import tells nobody anything.
  const opened = rows.filter(
    (row, i) => row.summaryVersion === SUMMARY_VERSION && !row.gateReady && summaries[i]!.gateReady && isGateStage(row.stage),
  );
  await notifyGatesOpened(tx, teamId, opened, commandActor(tx));
}

async function writeSummaries(tx: Tx, summaries: (FeatureSummary & { id: string })[]) {
  if (summaries.length === 0) return;
  // One statement for the batch; updatedAt stays: a summary is derived, not an edit.
  await tx.$executeRaw`
    UPDATE "Feature" f SET
      "gateReady" = s."gateReady",
      "gateMissing" = s."gateMissing",
      "gateWaitingOn" = s."gateWaitingOn"::"Role"[],
      "failedCriteria" = s."failedCriteria",
      "readinessScore" = s."readinessScore",
      "summaryVersion" = ${SUMMARY_VERSION}
    FROM jsonb_to_recordset(${JSON.stringify(summaries)}::jsonb)
      AS s(id uuid, "gateReady" boolean, "gateMissing" int, "gateWaitingOn" text[], "failedCriteria" int, "readinessScore" float8)
    WHERE f.id = s.id`;
}

/**
 * Recomputes the summaries stored under an older SUMMARY_VERSION (or never):
 * after a migration, or rows written by a bulk import. Team by team, each in
 * its own transaction with the team row locked, so it can run while the app
 * serves requests. Returns how many features it recomputed.
 */
export async function refreshStaleSummaries(client: Db): Promise<number> {
  const teams = await client.feature.groupBy({
    by: ["teamId"],
    where: { summaryVersion: { not: SUMMARY_VERSION } },
  });
  let count = 0;
  for (const { teamId } of teams) {
    count += await client.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR UPDATE`;
        const rows = await tx.feature.findMany({
          where: { teamId, summaryVersion: { not: SUMMARY_VERSION } },
          select: { id: true },
          orderBy: { id: "asc" },
        });
        await refreshFeatures(
          tx,
          teamId,
          rows.map((row) => row.id),
        );
        return rows.length;
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  }
  return count;
}
