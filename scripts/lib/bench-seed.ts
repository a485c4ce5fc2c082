import { hash } from "@node-rs/argon2";
import pg from "pg";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { addMeasuredFeature, type SeedRows, type TeamPeople } from "./bench-feature";
import { mulberry32, pick, uuidv7, type Random } from "./bench-random";

// Benchmark data: N features in one team, or, past SPREAD_ABOVE, spread over
// TEAMS teams of which the measured one holds a quarter. The measured team
// has MEASURED_PER_ROLE people per role (the mixed load signs them all in);
// the others one each. Features are spread over the stages the way a real
// team's board looks; one of the measured team's is the measured feature
// (bench-feature.ts). Each table gets multi-row INSERTs of a JSON parameter
// (Prisma's createMany took 7 s for 2,000 features; this takes well under one).

export const BENCH_PASSWORD = "bench-password";
export const ROLES: Role[] = ["LEAD", "PM", "DS", "DEV", "QA"];
export const MEASURED_PER_ROLE = 4;
const SPREAD_ABOVE = 5000;
const TEAMS = 20;
const DAY = 24 * 60 * 60 * 1000;
const CHUNK = 20_000; // rows per INSERT

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
export const GATE_SIGNERS: Partial<Record<Stage, Role[]>> = {
  IDEA: ["PM", "DS"],
  POC: ["DS", "PM"],
  BUILD: ["DEV"],
  VALIDATION: ["QA", "PM"],
};
const REASONS = ["Waiting for labelled data", "Business case withdrawn", "PoC results did not hold on fresh data", "Team moved to an incident"];
const TOPICS = ["churn", "fraud", "demand", "pricing", "ranking", "search", "support", "forecast", "routing", "spam"];
const KINDS = ["model", "classifier", "scorer", "recommender", "detector", "assistant"];

export type BenchUser = { id: string; email: string; name: string; roles: Role[] };

export type BenchSeed = {
  /** The measured team. */
  teamId: string;
  teams: number;
  /** Features of the measured team (all teams hold `size`). */
  teamFeatures: number;
  /** The measured team's members, the lead first. */
  users: BenchUser[];
  /** The measured feature (bench-feature.ts). */
  featureId: string;
  measuredCriteria: string[];
  /** The measured team's other features by stage, and its VALIDATION features' criteria: what the mixed load writes to. */
  featuresByStage: Partial<Record<Stage, string[]>>;
  validationCriteria: { featureId: string; criterionId: string }[];
  rows: Record<string, number>;
};

/** Features per team for a bench size: the measured team first. */
export function teamSizes(size: number): number[] {
  if (size <= SPREAD_ABOVE) return [size];
  const measured = Math.round(size / 4);
  const rest = size - measured;
  return [measured, ...Array.from({ length: TEAMS - 1 }, (_, i) => Math.floor(rest / (TEAMS - 1)) + (i < rest % (TEAMS - 1) ? 1 : 0))];
}

export async function seedBench(connectionString: string, size: number): Promise<BenchSeed> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await seed(client, size);
  } finally {
    await client.end();
  }
}

async function seed(client: pg.Client, size: number): Promise<BenchSeed> {
  const random = mulberry32(size); // same data for the same N, run after run
  const now = Date.now();
  const passwordHash = await hash(BENCH_PASSWORD);
  const updatedAt = new Date(now);
  const sizes = teamSizes(size);

  const teams: Record<string, unknown>[] = [];
  const users: (BenchUser & { teamId: string })[] = [];
  for (const [t, count] of sizes.entries()) {
    const teamId = uuidv7(now - 120 * DAY);
    teams.push({ id: teamId, name: t === 0 ? `Bench team (${count} features)` : `Bench team ${t + 1} (${count} features)`, updatedAt });
    const perRole = t === 0 ? MEASURED_PER_ROLE : 1;
    for (const role of ROLES) {
      for (let k = 1; k <= perRole; k++) {
        const handle = `${role.toLowerCase()}-${k}`;
        users.push({
          id: uuidv7(now - 120 * DAY),
          teamId,
          roles: [role],
          email: t === 0 ? `${handle}@bench.liftoff.dev` : `t${t + 1}.${handle}@bench.liftoff.dev`,
          name: `Bench ${role} ${k}${t === 0 ? "" : ` (team ${t + 1})`}`,
        });
      }
    }
  }
  const byId = new Map(users.map((u) => [u.id, u]));

  const rows: SeedRows = {
    Feature: [],
    FeaturePhase: [],
    Responsibility: [],
    StageTransition: [],
    SpecRevision: [],
    SpecReview: [],
    BriefRevision: [],
    GateSignoff: [],
    SignoffRequest: [],
    AcceptanceCriterion: [],
    CriterionVerdict: [],
    ReadinessItem: [],
    Comment: [],
    Mention: [],
    AuditEvent: [],
  };
  let measured: ReturnType<typeof addMeasuredFeature> | undefined;
  let featuresByStage: Partial<Record<Stage, string[]>> = {};
  let validationCriteria: BenchSeed["validationCriteria"] = [];
  for (const [t, count] of sizes.entries()) {
    const teamId = teams[t]!.id as string;
    const members = users.filter((u) => u.teamId === teamId);
    const people: TeamPeople = {
      teamId,
      byRole: Object.fromEntries(ROLES.map((role) => [role, members.filter((u) => u.roles.includes(role)).map((u) => u.id)])) as Record<Role, string[]>,
      nameOf: (id) => byId.get(id)!.name,
      emailOf: (id) => byId.get(id)!.email,
    };
    if (t === 0) {
      measured = addMeasuredFeature(rows, people, random, now);
      const added = addTeamFeatures(rows, people, count - 1, random, now);
      featuresByStage = added.byStage;
      validationCriteria = added.validationCriteria;
    } else {
      addTeamFeatures(rows, people, count, random, now);
    }
  }

  const insert = (table: string, list: object[]) => insertRows(client, table, list);
  await insert("Team", teams);
  // Verified addresses: an unverified account is sent to verify its email before any team page.
  await insert("User", users.map(({ id, email, name }) => ({ id, email, name, passwordHash, emailVerifiedAt: updatedAt, updatedAt })));
  await insert("Membership", users.map((u) => ({ id: uuidv7(now), teamId: u.teamId, userId: u.id, roles: u.roles, updatedAt })));
  // Append-only tables get their ids from a sequence: insert them in time order, as the app writes them.
  const byTime = (a: { createdAt: Date }, b: { createdAt: Date }) => a.createdAt.getTime() - b.createdAt.getTime();
  rows.StageTransition.sort(byTime);
  rows.CriterionVerdict.sort(byTime);
  rows.AuditEvent.sort(byTime);
  // The approved spec revision is set once the revisions exist (a foreign key each way).
  const approved = rows.Feature.filter((f) => f.approvedSpecRevisionId).map((f) => [f.id, f.approvedSpecRevisionId]);
  for (const [table, list] of Object.entries(rows)) {
    await insert(table, table === "Feature" ? list.map((f: object) => ({ ...f, approvedSpecRevisionId: undefined })) : list);
  }
  for (const [featureId, revisionId] of approved) {
    await client.query(`UPDATE "Feature" SET "approvedSpecRevisionId" = $2 WHERE id = $1`, [featureId, revisionId]);
  }
  await client.query("ANALYZE"); // fresh planner statistics, as on a database in use

  if (!measured) throw new Error("No measured feature");
  const counts: Record<string, number> = { teams: teams.length, users: users.length };
  for (const [table, list] of Object.entries(rows)) if (list.length) counts[table] = list.length;
  return {
    teamId: teams[0]!.id as string,
    teams: teams.length,
    teamFeatures: sizes[0]!,
    users: users.filter((u) => u.teamId === teams[0]!.id).map(({ id, email, name, roles }) => ({ id, email, name, roles })),
    featureId: measured.featureId,
    measuredCriteria: measured.criterionIds,
    featuresByStage,
    validationCriteria,
    rows: counts,
  };
}

/** `count` features of one team: stage history, sign-offs, requests, criteria, readiness and about five audit events each. */
function addTeamFeatures(rows: SeedRows, team: TeamPeople, count: number, random: Random, now: number) {
  const { teamId, byRole } = team;
  const person = (role: Role) => pick(random, byRole[role]);
  const byStage: Partial<Record<Stage, string[]>> = {};
  const validationCriteria: BenchSeed["validationCriteria"] = [];
  for (let i = 0; i < count; i++) {
    const stage = pickStage(random());
    const enteredAt = new Date(now - random() * 90 * DAY);
    const createdAt = new Date(enteredAt.getTime() - random() * 60 * DAY);
    const id = uuidv7(createdAt.getTime());
    (byStage[stage] ??= []).push(id);
    const pm = person("PM");
    const assigned: Partial<Record<Role, string>> = { PM: pm };
    const pausedFrom = stage === "PAUSED" ? pick(random, PIPELINE.slice(0, 4)) : null;
    const reached = PIPELINE.indexOf(pausedFrom ?? (stage === "RETIRED" ? "PRODUCTION" : stage));
    const phaseCount = random() < 0.5 ? 1 : 2;
    const title = `${pick(random, TOPICS)} ${pick(random, KINDS)} #${i + 1}`;
    rows.Feature.push({
      id,
      teamId,
      title,
      summary: `Predict ${pick(random, TOPICS)} outcomes to cut manual ${pick(random, TOPICS)} work.`,
      stage,
      pausedFrom,
      stageEnteredAt: enteredAt,
      currentPhase: reached === 4 ? phaseCount : 1,
      createdById: pm,
      createdAt,
      updatedAt: enteredAt,
    });
    for (let position = 1; position <= phaseCount; position++) {
      rows.FeaturePhase.push({
        id: uuidv7(now),
        featureId: id,
        position,
        name: position === 1 ? "Offline evaluation" : "Online A/B test",
        targetMetrics: position === 1 ? "AUC >= 0.80 on the holdout set" : "+2% conversion, p < 0.05",
        startedAt: reached >= 2 ? enteredAt : null,
      });
    }
    rows.Responsibility.push({ id: uuidv7(now), featureId: id, userId: pm, role: "PM", kind: "ACCOUNTABLE" });
    for (const role of ["DS", "DEV", "QA"] as const) {
      if (role === "DS" || (role === "DEV" && reached >= 2) || (role === "QA" && reached >= 3)) {
        assigned[role] = person(role);
        rows.Responsibility.push({ id: uuidv7(now), featureId: id, userId: assigned[role], role, kind: "RESPONSIBLE" });
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
      rows.StageTransition.push({
        featureId: id,
        ...move,
        reason: move.toStage === "PAUSED" || move.toStage === "RETIRED" || (move.fromStage === "BUILD" && move.toStage === "POC") ? pick(random, REASONS) : null,
        actorId: pm,
        createdAt: at,
      });
      // Most gates passed had a sign-off asked for, answered within days.
      const forward = k > 0 && PIPELINE.indexOf(move.toStage) > PIPELINE.indexOf(move.fromStage!);
      if (forward && random() < 0.6) {
        const gate = move.fromStage!;
        const role = GATE_SIGNERS[gate]?.at(-1);
        if (role) {
          const asked = new Date(at.getTime() - (1 + random() * 5) * DAY);
          rows.SignoffRequest.push({ id: uuidv7(asked.getTime()), featureId: id, gate, role, requestedById: pm, createdAt: asked, resolvedAt: new Date(at.getTime() - DAY / 2) });
        }
      }
    });
    // Past BUILD: acceptance criteria with verdicts (a fifth fail first), and a scored checklist.
    if (reached >= 3) {
      const qa = assigned.QA ?? person("QA");
      for (let position = 1; position <= 2; position++) {
        const criterionId = uuidv7(createdAt.getTime());
        if (stage === "VALIDATION") validationCriteria.push({ featureId: id, criterionId });
        const failedFirst = random() < 0.2;
        rows.AcceptanceCriterion.push({ id: criterionId, featureId: id, position, text: `Criterion ${position}`, successCriterionKeys: [], verdict: "PASSED", verdictAt: enteredAt, updatedAt: enteredAt });
        // Every verdict row names the same columns (see insertRows).
        const verdict = (v: string, note: string | null, at: number) =>
          rows.CriterionVerdict.push({ criterionId, verdict: v, note, evidenceUrl: null, userId: qa, specRevisionId: null, createdAt: new Date(at) });
        if (failedFirst) verdict("FAILED", "Over budget", enteredAt.getTime() - 3 * DAY);
        verdict("PASSED", null, enteredAt.getTime() - DAY);
      }
      for (const section of ["DATA", "MODEL", "INFRA", "MONITORING"]) {
        for (let n = 1; n <= 2; n++) rows.ReadinessItem.push({ id: uuidv7(now), featureId: id, code: `${section}-${n}`, halves: 1 + Math.floor(random() * 2), updatedAt: enteredAt });
      }
    }
    // About half the features waiting at a gate have some of its sign-offs.
    for (const role of GATE_SIGNERS[stage] ?? []) {
      if (random() < 0.5) {
        rows.GateSignoff.push({ id: uuidv7(enteredAt.getTime()), featureId: id, gate: stage, role, userId: assigned[role] ?? person(role), basis: "bench", createdAt: enteredAt });
      }
    }
    const event = (action: string, at: Date, after: object, before: object | null = null) => ({
      teamId,
      featureId: id,
      actorId: pm,
      action,
      targetType: "feature",
      targetId: id,
      before,
      after,
      createdAt: at,
    });
    const between = () => new Date(createdAt.getTime() + random() * (enteredAt.getTime() - createdAt.getTime()));
    rows.AuditEvent.push(
      event("feature.created", createdAt, { title, phases: phaseCount }),
      event("responsibility.assigned", between(), { name: team.nameOf(pm), role: "PM", kind: "ACCOUNTABLE" }),
      event("responsibility.assigned", between(), { name: team.nameOf(assigned.DS!), role: "DS", kind: "RESPONSIBLE" }),
      event("comment.added", between(), { length: 120 }),
      fromStage
        ? event("feature.stage_changed", enteredAt, { stage }, { stage: fromStage })
        : event("gate.signoff_requested", enteredAt, { gate: "IDEA", role: "DS" }),
    );
  }
  return { byStage, validationCriteria };
}

/**
 * INSERTs of up to CHUNK rows each, the rows passed as a single JSON
 * parameter: Postgres turns it into rows of the table's type (enums, uuids,
 * arrays, jsonb included). A column a row leaves out keeps its default: rows
 * are inserted in groups naming the same columns (in their order within a
 * group, so time-ordered rows of an id sequence must all name the same ones).
 */
async function insertRows(client: pg.Client, table: string, rows: object[]) {
  const groups = new Map<string, object[]>();
  for (const row of rows) {
    const columns = Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined);
    const key = columns.sort().join(",");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row);
  }
  const type = client.escapeIdentifier(table);
  for (const [key, group] of groups) {
    const columns = key.split(",").map((c) => client.escapeIdentifier(c)).join(", ");
    for (let i = 0; i < group.length; i += CHUNK) {
      await client.query(`INSERT INTO ${type} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${type}, $1)`, [
        JSON.stringify(group.slice(i, i + CHUNK)),
      ]);
    }
  }
}

function pickStage(r: number): Stage {
  for (const [stage, share] of STAGE_MIX) {
    if (r < share) return stage;
    r -= share;
  }
  return "IDEA";
}
