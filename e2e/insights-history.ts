import { randomUUID } from "node:crypto";
import pg from "pg";

// A small stage history for a seeded team, written straight into the e2e
// database with times in the past (the app's commands would stamp today):
//   Churn model   IDEA −200 d → POC −190 → BUILD −160 → VALIDATION −120 → PRODUCTION −100
//   Fraud model   IDEA −180 → POC −170 → BUILD −150 → back to POC −140 → BUILD −130 → VALIDATION −100 → PRODUCTION −70
//   Search model  IDEA −90 → POC −80 → retired −50
//   Forecast      IDEA −60 → POC −50 (still there)

const url = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_e2e";
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

type Move = [from: string | null, to: string, daysAgo: number, reason?: string];

export const HISTORY: { title: string; stage: string; moves: Move[] }[] = [
  {
    title: "Churn model",
    stage: "PRODUCTION",
    moves: [
      [null, "IDEA", 200],
      ["IDEA", "POC", 190],
      ["POC", "BUILD", 160],
      ["BUILD", "VALIDATION", 120],
      ["VALIDATION", "PRODUCTION", 100],
    ],
  },
  {
    title: "Fraud model",
    stage: "PRODUCTION",
    moves: [
      [null, "IDEA", 180],
      ["IDEA", "POC", 170],
      ["POC", "BUILD", 150],
      ["BUILD", "POC", 140, "PoC results did not hold on fresh data"],
      ["POC", "BUILD", 130],
      ["BUILD", "VALIDATION", 100],
      ["VALIDATION", "PRODUCTION", 70],
    ],
  },
  {
    title: "Search model",
    stage: "RETIRED",
    moves: [
      [null, "IDEA", 90],
      ["IDEA", "POC", 80],
      ["POC", "RETIRED", 50, "Business case withdrawn"],
    ],
  },
  {
    title: "Forecast model",
    stage: "POC",
    moves: [
      [null, "IDEA", 60],
      ["IDEA", "POC", 50],
    ],
  },
];

/** Writes HISTORY for the team; returns each feature's id by title. */
export async function seedHistory(teamId: string, people: { pm: string; qa: string }): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ids: Record<string, string> = {};
  try {
    await client.query("BEGIN");
    for (const feature of HISTORY) {
      const id = randomUUID();
      ids[feature.title] = id;
      const first = ago(feature.moves[0]![2]);
      const last = ago(feature.moves.at(-1)![2]);
      await client.query(
        `INSERT INTO "Feature" (id, "teamId", title, summary, stage, "stageEnteredAt", "createdAt", "updatedAt", "createdById")
         VALUES ($1, $2, $3, 'Seeded history', $4::"Stage", $5, $6, $5, $7)`,
        [id, teamId, feature.title, feature.stage, last, first, people.pm],
      );
      for (const [from, to, daysAgo, reason] of feature.moves) {
        await client.query(
          `INSERT INTO "StageTransition" ("featureId", "fromStage", "toStage", reason, "actorId", "createdAt")
           VALUES ($1, $2::"Stage", $3::"Stage", $4, $5, $6)`,
          [id, from, to, reason ?? null, people.pm, ago(daysAgo)],
        );
      }
    }
    // The churn model's QA sign-off, asked for two days before it was given, and its criterion's verdicts.
    const churn = ids["Churn model"]!;
    await client.query(
      `INSERT INTO "SignoffRequest" (id, "featureId", gate, role, "requestedById", "createdAt", "resolvedAt")
       VALUES ($1, $2, 'VALIDATION', 'QA', $3, $4, $5)`,
      [randomUUID(), churn, people.pm, ago(105), ago(103)],
    );
    await client.query(
      `INSERT INTO "GateSignoff" (id, "featureId", gate, role, "userId", basis, "createdAt")
       VALUES ($1, $2, 'VALIDATION', 'QA', $3, 'e2e', $4)`,
      [randomUUID(), churn, people.qa, ago(103)],
    );
    const criterion = randomUUID();
    await client.query(
      `INSERT INTO "AcceptanceCriterion" (id, "featureId", position, text, "successCriterionKeys", verdict, "verdictAt", "updatedAt")
       VALUES ($1, $2, 1, 'Scores arrive within 200 ms', '{}', 'PASSED', $3, $3)`,
      [criterion, churn, ago(108)],
    );
    await client.query(
      `INSERT INTO "CriterionVerdict" ("criterionId", verdict, note, "userId", "createdAt") VALUES
       ($1, 'FAILED', 'p95 was 340 ms', $2, $3), ($1, 'PASSED', NULL, $2, $4)`,
      [criterion, people.qa, ago(112), ago(108)],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return ids;
}
