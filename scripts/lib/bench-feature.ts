import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { pick, uuidv7, type Random } from "./bench-random";

// The feature whose pages the bench measures: one in VALIDATION as a busy
// team has it, with a reviewed and approved spec (three revisions), a model
// brief, 20 acceptance criteria with their verdict histories, the whole ML
// Test Score checklist scored (28 items), comments with mentions, and
// exactly 200 activity (AuditEvent) rows.

export const MEASURED_CRITERIA = 20;
export const MEASURED_ACTIVITY = 200;
const READINESS_SECTIONS = ["DATA", "MODEL", "INFRA", "MONITORING"];
const DAY = 24 * 60 * 60 * 1000;

/** The rows of every table the seed writes, in insertion order (foreign keys). */
export type SeedRows = {
  Feature: Record<string, unknown>[];
  FeaturePhase: Record<string, unknown>[];
  Responsibility: Record<string, unknown>[];
  StageTransition: { createdAt: Date; [column: string]: unknown }[];
  SpecRevision: Record<string, unknown>[];
  SpecReview: Record<string, unknown>[];
  BriefRevision: Record<string, unknown>[];
  GateSignoff: Record<string, unknown>[];
  SignoffRequest: Record<string, unknown>[];
  AcceptanceCriterion: Record<string, unknown>[];
  CriterionVerdict: { createdAt: Date; [column: string]: unknown }[];
  ReadinessItem: Record<string, unknown>[];
  Comment: Record<string, unknown>[];
  Mention: Record<string, unknown>[];
  AuditEvent: { createdAt: Date; [column: string]: unknown }[];
};

export type TeamPeople = {
  teamId: string;
  /** User ids holding each role, the first one the team's "main" holder. */
  byRole: Record<Role, string[]>;
  nameOf: (userId: string) => string;
  emailOf: (userId: string) => string;
};

export type MeasuredFeature = { featureId: string; criterionIds: string[] };

const SPEC = {
  problem:
    "Card-not-present fraud costs us **0.9 % of checkout volume**. Rules catch a third of it and block one good order in forty.\n\n" +
    "- Chargebacks arrive 30–60 days late\n- Manual review queues hold orders for up to a day\n- Rules are tuned by hand once a quarter",
  customerContext:
    "Shoppers paying by card at checkout (web and app). The score decides between *approve*, *step-up* (3-D Secure) and *review*. " +
    "Risk analysts see the score and its top reasons in the review tool.",
  constraints:
    "- p95 scoring latency under 40 ms at 300 requests/s\n- No personal data leaves the EU region\n- Reasons must be explainable to the card schemes",
  phases: "1. Offline evaluation on the last six months of orders\n2. Shadow mode for four weeks\n3. A/B test on 10 % of traffic",
  outOfScope: "Account takeover, promotion abuse, refunds.",
  openQuestions: "- Do we retrain weekly or on drift?\n- Who owns the review tool changes?",
};
const SUCCESS = [
  { metric: "Recall at 1 % review rate", target: ">= 0.70", howMeasured: "Holdout of the last month, labelled by chargebacks", phase: "1" },
  { metric: "False positive rate", target: "< 0.5 %", howMeasured: "Share of good orders stepped up or reviewed", phase: "2" },
  { metric: "p95 latency", target: "< 40 ms", howMeasured: "Load test at 300 requests/s", phase: "2" },
  { metric: "Fraud loss", target: "-30 % vs rules", howMeasured: "A/B test, chargebacks after 60 days", phase: "3" },
];

/** Adds the measured feature of `team` to `rows`; returns its id and its criteria. */
export function addMeasuredFeature(rows: SeedRows, team: TeamPeople, random: Random, now: number): MeasuredFeature {
  const { teamId, byRole } = team;
  const [pm, pm2] = [byRole.PM[0]!, byRole.PM[1] ?? byRole.PM[0]!];
  const [ds, dev, qa, lead] = [byRole.DS[0]!, byRole.DEV[0]!, byRole.QA[0]!, byRole.LEAD[0]!];
  const createdAt = now - 80 * DAY;
  const enteredAt = now - 6 * DAY;
  const featureId = uuidv7(createdAt);
  const events: { action: string; at: number; actorId: string; targetType: string; targetId: string; before?: object; after: object }[] = [];
  const event = (action: string, at: number, actorId: string, after: object, target: [string, string] = ["feature", featureId], before?: object) =>
    events.push({ action, at, actorId, targetType: target[0], targetId: target[1], after, before });
  const between = (from: number, to: number) => from + random() * (to - from);

  // The journey: IDEA → POC → BUILD, sent back to POC once, BUILD again → VALIDATION.
  const moves: [Stage | null, Stage, number, string | null][] = [
    [null, "IDEA", createdAt, null],
    ["IDEA", "POC", now - 62 * DAY, null],
    ["POC", "BUILD", now - 41 * DAY, null],
    ["BUILD", "POC", now - 35 * DAY, "Recall fell to 0.55 on the fresh month of data"],
    ["POC", "BUILD", now - 27 * DAY, null],
    ["BUILD", "VALIDATION", enteredAt, null],
  ];
  rows.Feature.push({
    id: featureId,
    teamId,
    title: "Checkout fraud scorer (measured)",
    summary: "Score card payments at checkout so fewer frauds get through and fewer good orders are blocked.",
    stage: "VALIDATION",
    stageEnteredAt: new Date(enteredAt),
    currentPhase: 1,
    version: moves.length,
    createdById: pm,
    createdAt: new Date(createdAt),
    updatedAt: new Date(enteredAt),
  });
  for (const [position, name, targetMetrics] of [
    [1, "Offline evaluation and shadow mode", "recall >= 0.70 at 1% review rate"],
    [2, "A/B test", "fraud loss -30% vs rules"],
  ] as const) {
    rows.FeaturePhase.push({ id: uuidv7(createdAt), featureId, position, name, targetMetrics, startedAt: position === 1 ? new Date(now - 41 * DAY) : null });
  }
  for (const [from, to, at, reason] of moves) {
    rows.StageTransition.push({ featureId, fromStage: from, toStage: to, reason, actorId: pm, createdAt: new Date(at) });
    if (from) event("feature.stage_changed", at, pm, reason ? { stage: to, reason } : { stage: to }, ["feature", featureId], { stage: from });
    else event("feature.created", at, pm, { title: "Checkout fraud scorer (measured)", phases: 2 });
  }

  const raci: [string, Role, string][] = [
    [pm, "PM", "ACCOUNTABLE"],
    [ds, "DS", "RESPONSIBLE"],
    [dev, "DEV", "RESPONSIBLE"],
    [byRole.DEV[1] ?? dev, "DEV", "CONSULTED"],
    [qa, "QA", "RESPONSIBLE"],
    [pm2, "PM", "CONSULTED"],
    [lead, "LEAD", "INFORMED"],
  ];
  for (const [userId, role, kind] of raci) {
    if (rows.Responsibility.some((r) => r.featureId === featureId && r.userId === userId && r.role === role && r.kind === kind)) continue;
    const id = uuidv7(createdAt);
    rows.Responsibility.push({ id, featureId, userId, role, kind, createdAt: new Date(createdAt + DAY) });
    event("responsibility.assigned", between(createdAt, now - 62 * DAY), pm, { name: team.nameOf(userId), role, kind }, ["responsibility", id]);
  }

  // The spec: revision 1 got changes requested, revision 2 was superseded by 3, which is approved.
  const keys = SUCCESS.map(() => uuidv7(createdAt));
  const successCriteria = SUCCESS.map((c, i) => ({ key: keys[i], ...c }));
  const revisions = [
    { number: 1, status: "CHANGES_REQUESTED", at: now - 75 * DAY, criteria: successCriteria.slice(0, 2) },
    { number: 2, status: "SUPERSEDED", at: now - 70 * DAY, criteria: successCriteria.slice(0, 3) },
    { number: 3, status: "APPROVED", at: now - 66 * DAY, criteria: successCriteria },
  ];
  let approvedId = "";
  for (const r of revisions) {
    const id = uuidv7(r.at);
    approvedId = id;
    rows.SpecRevision.push({ id, featureId, number: r.number, ...SPEC, successCriteria: r.criteria, status: r.status, authorId: pm, createdAt: new Date(r.at) });
    event("spec.saved", r.at, pm, { revision: r.number }, ["spec_revision", id], r.number > 1 ? { revision: r.number - 1 } : undefined);
    if (r.number !== 2) {
      event("spec.review_requested", r.at + DAY / 4, pm, { revision: r.number }, ["spec_revision", id]);
      const approved = r.status === "APPROVED";
      const comment = approved ? null : "Say how recall is measured and add a latency target.";
      rows.SpecReview.push({ id: uuidv7(r.at + DAY), revisionId: id, reviewerId: lead, decision: approved ? "APPROVED" : "CHANGES_REQUESTED", comment, createdAt: new Date(r.at + DAY) });
      event(approved ? "spec.approved" : "spec.changes_requested", r.at + DAY, lead, comment ? { revision: r.number, comment } : { revision: r.number }, ["spec_revision", id]);
    }
  }
  rows.Feature.at(-1)!.approvedSpecRevisionId = approvedId;

  const briefAt = now - 45 * DAY;
  const briefId = uuidv7(briefAt);
  const section = (text: string) => `${text}\n\nSee the PoC notebook and the evaluation report for the figures.`;
  rows.BriefRevision.push({
    id: briefId,
    featureId,
    number: 1,
    intendedUse: section("Decide approve / step-up / review for card payments at checkout."),
    outOfScopeUses: section("Not for refunds, account takeover or credit decisions."),
    data: section("Six months of orders (4.1 M), chargeback labels after 60 days."),
    metrics: section("Recall at a 1 % review rate; false positive rate; p95 latency."),
    dataSlices: section("Checked per country, device and basket size; new customers separately."),
    failureModes: section("Misses first-time fraudsters with clean devices; over-flags large first orders."),
    caveats: section("Labels arrive late: recent weeks look cleaner than they are."),
    monitoring: section("Score distribution drift (PSI > 0.2 alerts), review rate, chargeback rate weekly."),
    improvements: section("Device fingerprints; graph features over shared cards."),
    futureEnhancements: section("Extend to wallet payments."),
    pocResults: keys.map((criterionKey, i) => ({ criterionKey, achieved: ["0.74", "0.41 %", "31 ms", "pending A/B"][i], met: i < 3 ? true : null, notes: "" })),
    authorId: ds,
    createdAt: new Date(briefAt),
  });
  event("brief.saved", briefAt, ds, { revision: 1 }, ["brief_revision", briefId]);

  // Twenty criteria, half Given / When / Then, each with one to three verdicts (the last one stands).
  const criterionIds: string[] = [];
  const finals = ["PASSED", "PASSED", "PASSED", "FAILED", "PASSED", "BLOCKED", "PASSED", "PASSED", "PASSED", "PASSED"];
  for (let position = 1; position <= MEASURED_CRITERIA; position++) {
    const at = now - 30 * DAY + position * 3600_000;
    const id = uuidv7(at);
    criterionIds.push(id);
    const gwt = position % 2 === 1;
    const text = `Scores ${["a returning customer", "a first order", "a high-value basket", "a foreign card", "a gift card"][position % 5]} within budget (#${position})`;
    const content = gwt
      ? { given: `an order of type ${position}`, when: "it is scored at checkout", then: "the decision matches the labelled outcome", text: "" }
      : { given: "", when: "", then: "", text };
    const describe = gwt ? `Given ${content.given}, when ${content.when}, then ${content.then}` : text;
    const history = [...(random() < 0.4 ? ["FAILED"] : []), ...(random() < 0.2 ? ["BLOCKED"] : []), finals[position % finals.length]!];
    let verdictAt = at;
    for (const verdict of history) {
      verdictAt = Math.min(now - DAY, verdictAt + (1 + random() * 4) * DAY);
      const note = verdict === "PASSED" ? null : verdict === "FAILED" ? "Recall 0.62 on this slice" : "Waiting for the staging data refresh";
      rows.CriterionVerdict.push({
        criterionId: id,
        verdict,
        note,
        evidenceUrl: `https://ci.example.com/validation/${position}/${Math.floor(verdictAt / 1000)}`,
        userId: qa,
        specRevisionId: approvedId,
        createdAt: new Date(verdictAt),
      });
      event("criterion.verdict_set", verdictAt, qa, { verdict, note, text: describe }, ["criterion", id]);
    }
    rows.AcceptanceCriterion.push({
      id,
      featureId,
      position,
      ...content,
      successCriterionKeys: [keys[position % keys.length]],
      specRevisionNumber: 3,
      verdict: history.at(-1),
      verdictAt: new Date(verdictAt),
      verdictSpecRevisionId: approvedId,
      createdAt: new Date(at),
      updatedAt: new Date(verdictAt),
    });
    event("criterion.created", at, pm, { text: describe }, ["criterion", id]);
  }

  // All 28 readiness tests scored, with owners and evidence.
  const owners = [ds, dev, byRole.DEV[1] ?? dev, ds];
  for (const [s, sectionKey] of READINESS_SECTIONS.entries()) {
    for (let n = 1; n <= 7; n++) {
      const code = `${sectionKey}-${n}`;
      const at = now - (20 - n) * DAY;
      const halves = random() < 0.6 ? 2 : 1;
      const id = uuidv7(at);
      rows.ReadinessItem.push({
        id,
        featureId,
        code,
        halves,
        note: halves === 2 ? "Automated in the pipeline" : "Checked by hand before each release",
        evidenceUrl: `https://wiki.example.com/fraud-scorer/readiness/${code.toLowerCase()}`,
        ownerId: owners[s],
        updatedAt: new Date(at),
      });
      event("readiness.owner_changed", at - DAY, pm, { code, ownerId: owners[s], owner: team.nameOf(owners[s]!) }, ["readiness_item", id]);
      event("readiness.item_set", at, owners[s]!, { code, score: halves / 2, notApplicable: false }, ["readiness_item", id]);
    }
  }

  // Past gates' sign-offs (released when the feature moved on), the QA one at this gate, and a request to the PM.
  for (const [gate, role, userId, at] of [
    ["IDEA", "PM", pm, now - 63 * DAY],
    ["IDEA", "DS", ds, now - 63 * DAY],
    ["POC", "DS", ds, now - 42 * DAY],
    ["POC", "PM", pm, now - 42 * DAY],
    ["BUILD", "DEV", dev, now - 7 * DAY],
    ["VALIDATION", "QA", qa, now - 2 * DAY],
  ] as const) {
    const id = uuidv7(at);
    const released = gate === "VALIDATION" ? null : new Date(at + DAY);
    rows.GateSignoff.push({ id, featureId, gate, role, userId, basis: "bench", comment: null, createdAt: new Date(at), revokedAt: released });
    event("gate.signed", at, userId, { gate, role }, ["signoff", id]);
  }
  const askedAt = now - DAY;
  rows.SignoffRequest.push({ id: uuidv7(askedAt), featureId, gate: "VALIDATION", role: "PM", requestedById: qa, createdAt: new Date(askedAt), resolvedAt: null });
  event("gate.signoff_requested", askedAt, qa, { gate: "VALIDATION", role: "PM" });

  // Comments, some mentioning the lead (unseen: they show in the lead's My work), then as many as make 200 events.
  const people = Object.values(byRole).flat();
  let comments = 0;
  while (events.length < MEASURED_ACTIVITY) {
    comments++;
    const at = between(createdAt + DAY, now - DAY / 2);
    const authorId = pick(random, people);
    const mentionLead = comments % 6 === 0 && authorId !== lead;
    const body =
      `Comment ${comments}: ${pick(random, ["the holdout numbers look right", "shadow mode shows the same drift", "can we re-run this on last week?", "latency is fine at 300 rps"])}` +
      (mentionLead ? ` @${team.emailOf(lead)} please have a look.` : "");
    const id = uuidv7(at);
    rows.Comment.push({ id, featureId, authorId, body, createdAt: new Date(at) });
    if (mentionLead) rows.Mention.push({ id: uuidv7(at), commentId: id, featureId, userId: lead, seenAt: null });
    event("comment.added", at, authorId, { excerpt: body.slice(0, 140), mentioned: mentionLead ? [team.nameOf(lead)] : [] }, ["comment", id]);
  }
  if (events.length !== MEASURED_ACTIVITY) throw new Error(`The measured feature has ${events.length} events, not ${MEASURED_ACTIVITY}`);
  for (const e of events) {
    rows.AuditEvent.push({
      teamId,
      featureId,
      actorId: e.actorId,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      before: e.before ?? null,
      after: e.after,
      createdAt: new Date(e.at),
    });
  }
  return { featureId, criterionIds };
}
