import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import type { Role, Stage } from "@/lib/generated/prisma/enums";

// Benchmark data: one team, a person per role, and N features spread over
// the stages the way a real team's board looks. Each table gets one multi-row
// INSERT (Prisma's createMany took 7 s for 2,000 features; this takes well
// under one).

export const BENCH_PASSWORD = "bench-password";
const ROLES: Role[] = ["LEAD", "PM", "DS", "DEV", "QA"];
const DAY = 24 * 60 * 60 * 1000;

// Share of the board per stage (sums to 1).
const STAGE_MIX: [Stage, number][] = [
  ["IDEA", 0.25],
  ["POC", 0.15],
  ["BUILD", 0.2],
  ["VALIDATION", 0.1],
  ["PRODUCTION", 0.2],
  ["PAUSED", 0.05],
  ["RETIRED", 0.05],
];
const PIPELINE: Stage[] = ["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION"];
// Who signs the gate out of each stage (as in lib/gates/definitions.ts).
const GATE_SIGNERS: Partial<Record<Stage, Role[]>> = {
  IDEA: ["PM", "DS"],
  POC: ["DS", "PM"],
  BUILD: ["DEV"],
  VALIDATION: ["QA", "PM"],
};
const REASONS = ["Waiting for labelled data", "Business case withdrawn", "PoC results did not hold on fresh data", "Team moved to an incident"];
const TOPICS = ["churn", "fraud", "demand", "pricing", "ranking", "search", "support", "forecast", "routing", "spam"];
const KINDS = ["model", "classifier", "scorer", "recommender", "detector", "assistant"];

export type BenchTeam = { teamId: string; leadEmail: string; buildFeatureId: string; rows: Record<string, number> };

export async function seedBenchTeam(connectionString: string, features: number): Promise<BenchTeam> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await seed(client, features);
  } finally {
    await client.end();
  }
}

async function seed(client: pg.Client, count: number): Promise<BenchTeam> {
  const random = mulberry32(count); // same data for the same N, run after run
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = Date.now();

  const teamId = uuidv7(now - 120 * DAY);
  const passwordHash = await hash(BENCH_PASSWORD);
  const people = ROLES.map((role) => ({
    id: uuidv7(now - 120 * DAY),
    role,
    email: `${role.toLowerCase()}@bench.liftoff.dev`,
    name: `Bench ${role}`,
  }));
  const userOf = Object.fromEntries(people.map((p) => [p.role, p.id])) as Record<Role, string>;

  const insert = (table: string, rows: object[]) => insertRows(client, table, rows);
  const updatedAt = new Date(now);
  await insert("Team", [{ id: teamId, name: `Bench team (${count} features)`, updatedAt }]);
  // Verified addresses: an unverified account is sent to verify its email before any team page.
  await insert("User", people.map(({ id, email, name }) => ({ id, email, name, passwordHash, emailVerifiedAt: updatedAt, updatedAt })));
  await insert("Membership", people.map((p) => ({ id: uuidv7(now), teamId, userId: p.id, roles: [p.role], updatedAt })));

  const features = [];
  const phases = [];
  const responsibilities = [];
  const transitions: { featureId: string; fromStage: Stage | null; toStage: Stage; reason: string | null; actorId: string; createdAt: Date }[] = [];
  const signoffs = [];
  const requests: { featureId: string; gate: Stage; role: Role; requestedById: string; createdAt: Date; resolvedAt: Date }[] = [];
  const criteria = [];
  const verdicts = [];
  const readiness = [];
  const audit = [];
  for (let i = 0; i < count; i++) {
    const stage = pickStage(random());
    const enteredAt = new Date(now - random() * 90 * DAY);
    const createdAt = new Date(enteredAt.getTime() - random() * 60 * DAY);
    const id = uuidv7(createdAt.getTime());
    const pausedFrom = stage === "PAUSED" ? pick(PIPELINE.slice(0, 4)) : null;
    const reached = PIPELINE.indexOf(pausedFrom ?? (stage === "RETIRED" ? "PRODUCTION" : stage));
    const phaseCount = random() < 0.5 ? 1 : 2;
    const title = `${pick(TOPICS)} ${pick(KINDS)} #${i + 1}`;
    features.push({
      id,
      teamId,
      title,
      summary: `Predict ${pick(TOPICS)} outcomes to cut manual ${pick(TOPICS)} work.`,
      stage,
      pausedFrom,
      stageEnteredAt: enteredAt,
      currentPhase: reached === 4 ? phaseCount : 1,
      createdById: userOf.PM,
      createdAt,
      updatedAt: enteredAt,
    });
    for (let position = 1; position <= phaseCount; position++) {
      phases.push({
        featureId: id,
        position,
        name: position === 1 ? "Offline evaluation" : "Online A/B test",
        targetMetrics: position === 1 ? "AUC >= 0.80 on the holdout set" : "+2% conversion, p < 0.05",
        startedAt: reached >= 2 ? enteredAt : null,
      });
    }
    responsibilities.push({ featureId: id, userId: userOf.PM, role: "PM", kind: "ACCOUNTABLE" });
    for (const role of ["DS", "DEV", "QA"] as const) {
      if (role === "DS" || (role === "DEV" && reached >= 2) || (role === "QA" && reached >= 3)) {
        responsibilities.push({ featureId: id, userId: userOf[role], role, kind: "RESPONSIBLE" });
      }
    }
    // The stage history Insights reads: creation in IDEA, one move per gate
    // passed (spread between creation and the last move), about one feature in
    // eight sent back once, then the last move (PAUSED and RETIRED leave the
    // stage reached).
    const fromStage = stage === "IDEA" ? null : PIPELINE[stage === "PAUSED" || stage === "RETIRED" ? reached : reached - 1]!;
    const path: { fromStage: Stage | null; toStage: Stage }[] = [{ fromStage: null, toStage: "IDEA" }];
    for (let k = 1; k <= reached; k++) {
      if (k === 2 && reached > 2 && random() < 0.125) {
        path.push({ fromStage: "POC", toStage: "BUILD" }, { fromStage: "BUILD", toStage: "POC" });
      }
      path.push({ fromStage: PIPELINE[k - 1]!, toStage: PIPELINE[k]! });
    }
    if (stage === "PAUSED" || stage === "RETIRED") path.push({ fromStage, toStage: stage });
    path.forEach((move, k) => {
      const at = new Date(createdAt.getTime() + ((enteredAt.getTime() - createdAt.getTime()) * k) / Math.max(1, path.length - 1));
      transitions.push({
        featureId: id,
        ...move,
        reason: move.toStage === "PAUSED" || move.toStage === "RETIRED" || (move.fromStage === "BUILD" && move.toStage === "POC") ? pick(REASONS) : null,
        actorId: userOf.PM,
        createdAt: at,
      });
      // Most gates passed had a sign-off asked for, answered within days.
      const forward = k > 0 && PIPELINE.indexOf(move.toStage) > PIPELINE.indexOf(move.fromStage!);
      if (forward && random() < 0.6) {
        const gate = move.fromStage!;
        const role = GATE_SIGNERS[gate]?.at(-1);
        if (role) {
          const asked = new Date(at.getTime() - (1 + random() * 5) * DAY);
          requests.push({ featureId: id, gate, role, requestedById: userOf.PM, createdAt: asked, resolvedAt: new Date(at.getTime() - DAY / 2) });
        }
      }
    });
    // Past BUILD: acceptance criteria with verdicts (a fifth fail first), and a scored checklist.
    if (reached >= 3) {
      for (let position = 1; position <= 2; position++) {
        const criterionId = uuidv7(createdAt.getTime());
        const failedFirst = random() < 0.2;
        criteria.push({ id: criterionId, featureId: id, position, text: `Criterion ${position}`, successCriterionKeys: [], verdict: "PASSED", verdictAt: enteredAt, updatedAt: enteredAt });
        if (failedFirst) verdicts.push({ criterionId, verdict: "FAILED", note: "Over budget", userId: userOf.QA, createdAt: new Date(enteredAt.getTime() - 3 * DAY) });
        verdicts.push({ criterionId, verdict: "PASSED", userId: userOf.QA, createdAt: new Date(enteredAt.getTime() - DAY) });
      }
      for (const section of ["DATA", "MODEL", "INFRA", "MONITORING"]) {
        for (let n = 1; n <= 2; n++) readiness.push({ featureId: id, code: `${section}-${n}`, halves: 1 + Math.floor(random() * 2), updatedAt: enteredAt });
      }
    }
    // About half the features waiting at a gate have some of its sign-offs.
    for (const role of GATE_SIGNERS[stage] ?? []) {
      if (random() < 0.5) {
        signoffs.push({ featureId: id, gate: stage, role, userId: userOf[role], basis: "bench", createdAt: enteredAt });
      }
    }
    const event = (action: string, createdAt: Date, after: object, before: object | null = null) => ({
      teamId,
      featureId: id,
      actorId: userOf.PM,
      action,
      targetType: "feature",
      targetId: id,
      before,
      after,
      createdAt,
    });
    const between = () => new Date(createdAt.getTime() + random() * (enteredAt.getTime() - createdAt.getTime()));
    audit.push(
      event("feature.created", createdAt, { title, phases: phaseCount }),
      event("responsibility.assigned", between(), { role: "PM", kind: "ACCOUNTABLE" }),
      event("responsibility.assigned", between(), { role: "DS", kind: "RESPONSIBLE" }),
      event("comment.added", between(), { length: 120 }),
      fromStage
        ? event("feature.stage_changed", enteredAt, { stage }, { stage: fromStage })
        : event("gate.signoff_requested", enteredAt, { gate: "IDEA", role: "DS" }),
    );
  }
  // Audit ids are a sequence: insert them in time order, like the app does.
  audit.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  await insert("Feature", features);
  await insert("FeaturePhase", phases.map((p) => ({ id: uuidv7(now), ...p })));
  await insert("Responsibility", responsibilities.map((r) => ({ id: uuidv7(now), ...r })));
  // Stage history in time order, as the app writes it (ids follow time).
  transitions.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (let i = 0; i < transitions.length; i += 20_000) await insert("StageTransition", transitions.slice(i, i + 20_000));
  await insert("GateSignoff", signoffs.map((s) => ({ id: uuidv7(s.createdAt.getTime()), ...s })));
  await insert("SignoffRequest", requests.map((r) => ({ id: uuidv7(r.createdAt.getTime()), ...r })));
  await insert("AcceptanceCriterion", criteria);
  verdicts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await insert("CriterionVerdict", verdicts);
  await insert("ReadinessItem", readiness.map((r) => ({ id: uuidv7(now), ...r })));
  for (let i = 0; i < audit.length; i += 20_000) await insert("AuditEvent", audit.slice(i, i + 20_000));
  await client.query("ANALYZE"); // fresh planner statistics, as on a database in use

  const buildFeature = features.find((f) => f.stage === "BUILD");
  if (!buildFeature) throw new Error(`No feature in BUILD among ${count}`);
  return {
    teamId,
    leadEmail: people[0]!.email,
    buildFeatureId: buildFeature.id,
    rows: {
      features: features.length,
      phases: phases.length,
      responsibilities: responsibilities.length,
      transitions: transitions.length,
      signoffs: signoffs.length,
      "sign-off requests": requests.length,
      verdicts: verdicts.length,
      auditEvents: audit.length,
    },
  };
}

/**
 * One INSERT for all rows, passed as a single JSON parameter: Postgres turns
 * it into rows of the table's type (enums, uuids, arrays, jsonb included).
 * Columns no row names keep their defaults.
 */
async function insertRows(client: pg.Client, table: string, rows: object[]) {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap(Object.keys))].map((c) => client.escapeIdentifier(c)).join(", ");
  const type = client.escapeIdentifier(table);
  await client.query(`INSERT INTO ${type} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${type}, $1)`, [
    JSON.stringify(rows),
  ]);
}

function pickStage(r: number): Stage {
  for (const [stage, share] of STAGE_MIX) {
    if (r < share) return stage;
    r -= share;
  }
  return "IDEA";
}

/** A small seeded PRNG, so the same N gives the same board. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID v7 for time `ms`, like the app's ids (time-ordered). */
function uuidv7(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Math.floor(ms), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
