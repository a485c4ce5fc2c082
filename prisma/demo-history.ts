import { db } from "@/lib/db";
import { setCriterionVerdict, createCriterion } from "@/lib/criteria/commands";
import { saveBrief } from "@/lib/briefs/commands";
import {
  advanceFeature,
  createFeature,
  moveFeatureBack,
  pauseFeature,
  resumeFeature,
  retireFeature,
  startNextPhase,
} from "@/lib/features/commands";
import { requestSignoff, signGate } from "@/lib/gates/commands";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { setReadinessItem } from "@/lib/readiness/commands";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";

// A year of history for the demo team: about forty features taken through
// the app's own commands (every row, audit event and sign-off written the
// way the app writes them), each at a plausible date in the past year.
//
// How the dates get into the past: every command and Prisma itself read the
// time from the JS clock (`new Date()`, the client-side @default(now())).
// While this runs, the clock is shifted (ShiftedDate below): each scheduled
// step sets it to its moment in the past, and the rows the step writes get
// that time when they are written. Nothing is updated afterwards: the stage
// history and audit log stay append-only (tests/append-only.test.ts), and
// because the steps of all features run in date order, the sequence ids of
// the stage history, verdicts and audit events follow time as they do in a
// real team.

const DAY = 24 * 60 * 60 * 1000;
export const HISTORY_MARKER_TITLE = "Delivery-time estimate at checkout";

type People = Record<"lead" | "pm" | "ds" | "dev" | "qa", string>;
type Ok<T> = { ok: true; data: T } | { ok: false; error: string };
const ok = <T>(result: Ok<T>, what: string): T => {
  if (!result.ok) throw new Error(`Demo history: ${what} failed: ${result.error}`);
  return result.data;
};

// --- the shifted clock -------------------------------------------------------

const RealDate = Date;
let clockOffset = 0;
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + clockOffset);
    else super(...(args as [string | number | Date]));
  }
  static override now() {
    return RealDate.now() + clockOffset;
  }
}

async function withShiftedClock<T>(fn: () => Promise<T>): Promise<T> {
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    clockOffset = 0;
  }
}

// --- the stories ---------------------------------------------------------------

type Step =
  | { pass: number } // spend N days in the stage, do its gate's work, get the sign-offs, pass the gate
  | { back: number; to: Stage; reason: string }
  | { pause: number; reason: string }
  | { resume: number }
  | { retire: number; reason: string }
  | { next: number } // N days in production, then start the next phase
  | { wait: number }; // N days so far in the stage: its work under way, a sign-off asked for, not yet passed

type Story = {
  title: string;
  summary: string;
  phases: [name: string, targets: string][];
  steps: Step[];
  /** Section sums the readiness checklist reaches (Data, Model, Infra, Monitoring). */
  readiness?: [number, number, number, number];
  /** QA fails a criterion first, then passes it after a fix. */
  qaFails?: boolean;
  /** The spec changes during validation: QA re-verifies. */
  specChange?: boolean;
};

const P1: [string, string] = ["Offline model", "AUC >= 0.80 on the holdout set"];
const P2: [string, string] = ["Online A/B test", "+2% conversion, p < 0.05"];

const R = {
  vendor: "Data pipeline blocked on a vendor contract",
  labels: "Waiting for labelled data",
  incident: "Team moved to an incident",
  legal: "Legal review of the training data",
  pocFresh: "PoC results did not hold on fresh data",
  latency: "Acceptance criteria failed: latency over budget",
  monitoring: "Monitoring plan incomplete",
  withdrawn: "Business case withdrawn",
  baseline: "PoC did not beat the rules baseline",
  regulatory: "Regulatory review advised against it",
  data: "Data not available at the needed quality",
};

// Day 0 is a year ago; the last step of each story falls before today.
const STORIES: (Story & { start: number })[] = [
  // Reached production.
  { start: 4, title: HISTORY_MARKER_TITLE, summary: "Tell shoppers when their order will arrive", phases: [P1, P2], steps: [{ pass: 10 }, { pass: 34 }, { pass: 41 }, { pass: 18 }, { next: 40 }, { pass: 21 }, { pass: 30 }, { pass: 14 }], readiness: [3, 3, 2.5, 2] },
  { start: 9, title: "Search ranking with learned relevance", summary: "Rank search results by predicted click-through", phases: [P1], steps: [{ pass: 14 }, { pass: 45 }, { pass: 75 }, { pass: 25 }], readiness: [3.5, 4, 3.5, 3.5], qaFails: true },
  { start: 15, title: "Invoice field extraction", summary: "Read totals and due dates from supplier invoices", phases: [P1, P2], steps: [{ pass: 8 }, { pass: 28 }, { pass: 36 }, { pass: 20 }, { next: 55 }, { pass: 25 }, { wait: 30 }], readiness: [2, 2, 2, 1] },
  { start: 22, title: "Support ticket routing", summary: "Send each ticket to the team that can solve it", phases: [P1], steps: [{ pass: 18 }, { pass: 30 }, { back: 20, to: "POC", reason: R.pocFresh }, { pass: 21 }, { pass: 44 }, { pass: 16 }], readiness: [1.5, 2, 2, 2] },
  { start: 31, title: "Demand forecast for warehouses", summary: "Forecast next week's orders per warehouse", phases: [P1], steps: [{ pass: 12 }, { pass: 40 }, { pause: 18, reason: R.vendor }, { resume: 26 }, { pass: 30 }, { pass: 22 }], readiness: [3, 2, 3, 2.5], specChange: true },
  { start: 40, title: "Product image quality check", summary: "Flag listing photos that are blurred or cropped", phases: [P1], steps: [{ pass: 9 }, { pass: 26 }, { pass: 33 }, { back: 12, to: "BUILD", reason: R.latency }, { pass: 18 }, { pass: 15 }], readiness: [1.5, 2, 1.5, 1.5], qaFails: true },
  { start: 52, title: "Payment fraud score", summary: "Score card payments for fraud before capture", phases: [P1, P2], steps: [{ pass: 11 }, { pass: 38 }, { pass: 47 }, { pass: 28 }, { next: 35 }, { wait: 20 }], readiness: [3.5, 4, 3.5, 3] },
  { start: 60, title: "Price elasticity model", summary: "Estimate how demand changes with price per category", phases: [P1], steps: [{ pass: 20 }, { pass: 90 }, { pass: 110 }, { pass: 40 }], readiness: [2, 1.5, 2, 2], specChange: true },
  { start: 150, title: "Review spam filter", summary: "Hide fake product reviews before they are published", phases: [P1], steps: [{ pass: 7 }, { pass: 40 }, { pass: 60 }, { pass: 20 }], readiness: [2, 2, 2, 2], qaFails: true },
  { start: 95, title: "Delivery route optimisation", summary: "Order each driver's stops to cut kilometres", phases: [P1], steps: [{ pass: 15 }, { pass: 33 }, { back: 14, to: "POC", reason: R.pocFresh }, { pass: 18 }, { pass: 70 }, { pass: 21 }], readiness: [2, 2.5, 2, 1.5] },
  { start: 200, title: "Call transcript summaries", summary: "Summarise support calls for the CRM", phases: [P1], steps: [{ pass: 10 }, { pass: 30 }, { pass: 70 }, { pass: 19 }], readiness: [1.5, 1.5, 1.5, 1] },
  { start: 140, title: "Stock-out early warning", summary: "Warn buyers two weeks before a product sells out", phases: [P1], steps: [{ pass: 8 }, { pass: 60 }, { pass: 120 }, { pass: 35 }], readiness: [2.5, 3, 2.5, 3] },
  // In validation now.
  { start: 170, title: "Returns prediction", summary: "Predict which orders will be returned", phases: [P1], steps: [{ pass: 12 }, { pass: 41 }, { pass: 55 }, { wait: 38 }], readiness: [2, 2, 1.5, 1], qaFails: true },
  { start: 205, title: "Supplier risk score", summary: "Score suppliers on the risk of late delivery", phases: [P1], steps: [{ pass: 10 }, { pass: 35 }, { pass: 48 }, { wait: 22 }], readiness: [0.5, 1, 1.5, 1] },
  { start: 230, title: "Churn-risk outreach list", summary: "List customers to call before they leave", phases: [P1], steps: [{ pass: 9 }, { pass: 30 }, { pass: 44 }, { wait: 14 }], readiness: [2, 2, 2, 1.5], specChange: true },
  { start: 250, title: "Catalogue deduplication", summary: "Merge listings that sell the same product", phases: [P1], steps: [{ pass: 8 }, { pass: 28 }, { pass: 36 }, { wait: 9 }], readiness: [1, 1.5, 1, 1] },
  { start: 262, title: "Chat intent detection", summary: "Recognise what a customer asks in the chat", phases: [P1], steps: [{ pass: 7 }, { pass: 25 }, { pass: 30 }, { wait: 5 }] },
  // In build now.
  { start: 215, title: "Warehouse pick-path model", summary: "Shorten pickers' walks through the aisles", phases: [P1], steps: [{ pass: 14 }, { pass: 44 }, { wait: 64 }] },
  { start: 255, title: "Ad spend allocation", summary: "Split the ad budget across channels weekly", phases: [P1], steps: [{ pass: 11 }, { pass: 38 }, { wait: 40 }] },
  { start: 270, title: "Size recommendation", summary: "Suggest the size that fits from past orders", phases: [P1], steps: [{ pass: 9 }, { pass: 29 }, { back: 25, to: "POC", reason: R.pocFresh }, { pass: 14 }, { wait: 12 }] },
  { start: 290, title: "Voice order entry", summary: "Take phone orders by speech", phases: [P1], steps: [{ pass: 10 }, { pass: 33 }, { wait: 18 }] },
  { start: 300, title: "Fraudulent account sign-ups", summary: "Stop fake accounts at sign-up", phases: [P1], steps: [{ pass: 6 }, { pass: 31 }, { wait: 22 }] },
  // In proof of concept now.
  { start: 280, title: "Personalised home page", summary: "Order home page modules per customer", phases: [P1], steps: [{ pass: 16 }, { wait: 62 }] },
  { start: 305, title: "Energy use forecast", summary: "Forecast the warehouses' electricity use", phases: [P1], steps: [{ pass: 12 }, { wait: 41 }] },
  { start: 318, title: "Translation of listings", summary: "Translate listings for three new markets", phases: [P1], steps: [{ pass: 9 }, { wait: 30 }] },
  { start: 333, title: "Coupon abuse detection", summary: "Spot coupon codes shared beyond their audience", phases: [P1], steps: [{ pass: 8 }, { wait: 18 }] },
  { start: 345, title: "Shelf-life prediction", summary: "Predict how long fresh goods keep", phases: [P1], steps: [{ pass: 7 }, { wait: 9 }] },
  // In idea now.
  { start: 338, title: "Customer lifetime value", summary: "Estimate each customer's value over three years", phases: [P1], steps: [{ wait: 26 }] },
  { start: 352, title: "Photo-based product search", summary: "Find products from a shopper's photo", phases: [P1], steps: [{ wait: 12 }] },
  { start: 359, title: "Packaging size advisor", summary: "Pick the smallest box that fits an order", phases: [P1], steps: [{ wait: 5 }] },
  // Paused now.
  { start: 200, title: "Weather-aware demand", summary: "Adjust forecasts for the weather ahead", phases: [P1], steps: [{ pass: 13 }, { pause: 30, reason: R.labels }, { wait: 110 }] },
  { start: 185, title: "Return fraud detection", summary: "Flag returns that look like wardrobing", phases: [P1], steps: [{ pass: 10 }, { pass: 36 }, { pause: 25, reason: R.incident }, { wait: 90 }] },
  { start: 160, title: "Credit limit suggestions", summary: "Suggest credit limits for business customers", phases: [P1], steps: [{ pass: 12 }, { pass: 40 }, { pass: 45 }, { pause: 20, reason: R.legal }, { wait: 80 }], readiness: [2, 2, 1.5, 1] },
  // Retired.
  { start: 60, title: "Influencer match-making", summary: "Pair products with influencers", phases: [P1], steps: [{ retire: 21, reason: R.withdrawn }] },
  { start: 70, title: "Auto-generated product titles", summary: "Write listing titles from attributes", phases: [P1], steps: [{ pass: 10 }, { retire: 35, reason: R.baseline }] },
  { start: 110, title: "Parcel damage prediction", summary: "Predict which parcels arrive damaged", phases: [P1], steps: [{ pass: 14 }, { retire: 48, reason: R.baseline }] },
  { start: 130, title: "Dynamic shipping fees", summary: "Set shipping fees by predicted cost", phases: [P1], steps: [{ pass: 9 }, { pass: 30 }, { pause: 15, reason: R.vendor }, { retire: 40, reason: R.withdrawn }] },
  { start: 90, title: "Employee attrition risk", summary: "Predict which employees may resign", phases: [P1], steps: [{ pass: 12 }, { pass: 33 }, { pass: 38 }, { retire: 20, reason: R.regulatory }], readiness: [1, 1, 1, 1] },
  { start: 240, title: "Receipt scanning for expenses", summary: "Read expense receipts from photos", phases: [P1], steps: [{ pass: 8 }, { retire: 30, reason: R.data }] },
];

// --- the commands each step runs -----------------------------------------------

type Scheduled = { at: number; order: number; run: () => Promise<void> };

const GATE_SIGNERS: Record<string, Role[]> = {
  IDEA: ["PM", "DS"],
  POC: ["DS", "PM"],
  BUILD: ["DEV"],
  VALIDATION: ["QA", "PM"],
};
const PIPELINE: Stage[] = ["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION"];
const SECTION_KEYS = ["DATA", "MODEL", "INFRA", "MONITORING"] as const;

/** A small seeded PRNG, so the demo is the same on every machine. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function schedule(story: Story & { start: number }, index: number, teamId: string, people: People, t0: number): Scheduled[] {
  const random = mulberry32(index + 1);
  const out: Scheduled[] = [];
  const ref = { id: "" };
  const role = (r: Role) => people[r.toLowerCase() as keyof People];
  // Working hours: a step at day d happens between 09:00 and 17:00.
  const minutes = (index * 17) % 60;
  const at = (day: number) => t0 + Math.floor(day) * DAY + ((9 + (day % 1) * 8) * 60 + minutes) * 60 * 1000;
  const add = (day: number, run: () => Promise<void>) => out.push({ at: at(day), order: index, run });
  const featureId = () => ref.id;
  const version = async () => (await db.feature.findUniqueOrThrow({ where: { id: ref.id }, select: { version: true } })).version;
  const base = { teamId };

  let stage: Stage = "IDEA";
  let phase = 1;
  let pausedFrom: Stage | null = null;
  let day = story.start;
  let criteriaWrittenFor = 0;
  let failedOnce = false;

  add(day, async () => {
    const created = ok(
      await createFeature.run(people.pm, {
        teamId,
        title: story.title,
        summary: story.summary,
        phaseName: story.phases.map((p) => p[0]),
        phaseTargets: story.phases.map((p) => p[1]),
      }),
      "createFeature",
    );
    ref.id = created.featureId;
  });

  // The work a gate needs, spread over [from, from + span): what is already
  // there (a second pass, a later phase) is not done again.
  const work = (gate: Stage, from: number, span: number, full: boolean) => {
    const step = (f: number, run: () => Promise<void>) => add(from + span * f, run);
    if (gate === "IDEA") {
      step(0.15, async () => {
        const specs = await db.specRevision.count({ where: { featureId: featureId() } });
        if (specs > 0) return;
        ok(
          await saveSpec.run(people.pm, {
            ...base,
            featureId: featureId(),
            baseRevision: 0,
            problem: story.summary,
            customerContext: "Shoppers on the web shop and the operations team behind it",
            constraints: "Answers within 200 ms p95; no new personal data",
            criterionMetric: story.phases[0]![1].split(" ")[0],
            criterionTarget: story.phases[0]![1].split(" ").slice(1).join(" "),
            criterionHowMeasured: "Holdout of the last three months",
            criterionPhase: "1",
          }),
          "saveSpec",
        );
        ok(await requestSpecReview.run(people.pm, { ...base, featureId: featureId(), revision: 1 }), "requestSpecReview");
      });
      step(0.4, async () => {
        const spec = await db.specRevision.findFirst({ where: { featureId: featureId(), status: "IN_REVIEW" }, select: { number: true } });
        if (spec) ok(await reviewSpec.run(people.lead, { ...base, featureId: featureId(), revision: spec.number, decision: "APPROVED" }), "reviewSpec");
      });
    }
    if (gate === "POC") {
      step(0.05, async () => {
        const responsible = await db.responsibility.count({ where: { featureId: featureId(), role: "DS", kind: "RESPONSIBLE" } });
        if (!responsible) {
          ok(await assignResponsibility.run(people.pm, { ...base, featureId: featureId(), userId: people.ds, role: "DS", kind: "RESPONSIBLE" }), "assign DS");
        }
      });
      if (full) step(0.6, () => saveBriefRevision(false));
    }
    if (gate === "BUILD") {
      step(0.05, async () => {
        const responsible = await db.responsibility.count({ where: { featureId: featureId(), role: "DEV", kind: "RESPONSIBLE" } });
        if (!responsible) {
          ok(await assignResponsibility.run(people.pm, { ...base, featureId: featureId(), userId: people.dev, role: "DEV", kind: "RESPONSIBLE" }), "assign DEV");
        }
      });
      const criteriaPhase = phase;
      step(0.15, async () => {
        // Two or three criteria for the first phase, one more for each later one.
        if (criteriaWrittenFor >= criteriaPhase) return;
        criteriaWrittenFor = criteriaPhase;
        const count = await db.acceptanceCriterion.count({ where: { featureId: featureId() } });
        const wanted = count === 0 ? 2 + Math.floor(random() * 2) : count + 1;
        for (let i = count; i < wanted; i++) {
          ok(
            await createCriterion.run(people.pm, {
              ...base,
              featureId: featureId(),
              given: i === 0 ? "a typical request from last month's traffic" : `phase ${phase} traffic, case ${i + 1}`,
              when: "the model answers",
              then: i === 0 ? "the answer arrives within 200 ms" : "the answer matches the reviewed label",
            }),
            "createCriterion",
          );
        }
      });
      step(0.3, async () => {
        const items = await db.readinessItem.findMany({ where: { featureId: featureId(), code: { startsWith: "MONITORING-" } } });
        for (let n = 1; n <= 7; n++) {
          const code = `MONITORING-${n}`;
          const item = items.find((i) => i.code === code);
          if (item?.ownerId) continue;
          ok(
            await setReadinessItem.run(people.ds, {
              ...base,
              featureId: featureId(),
              code,
              version: String(item?.version ?? 0),
              halves: "0",
              ownerId: n % 2 ? people.ds : people.dev,
            }),
            "owner",
          );
        }
      });
      if (full) step(0.5, () => saveBriefRevision(true));
    }
    if (gate === "VALIDATION") {
      step(0.05, async () => {
        const responsible = await db.responsibility.count({ where: { featureId: featureId(), role: "QA", kind: "RESPONSIBLE" } });
        if (!responsible) {
          ok(await assignResponsibility.run(people.pm, { ...base, featureId: featureId(), userId: people.qa, role: "QA", kind: "RESPONSIBLE" }), "assign QA");
        }
      });
      step(0.12, () => scoreReadiness());
      if (story.qaFails && !failedOnce) {
        failedOnce = true;
        step(0.2, () => verdicts("fail-first"));
      }
      if (story.specChange && full) {
        step(0.28, () => verdicts("pass"));
        step(0.36, () => changeSpec());
      }
      if (full) step(0.5, () => verdicts("pass"));
      else if (story.specChange) {
        // Still in validation: the spec changed after QA passed everything, re-verification pending.
        step(0.3, () => verdicts("pass"));
        step(0.55, () => changeSpec());
      }
    }
  };

  const saveBriefRevision = async (withMonitoring: boolean) => {
    const latest = await db.briefRevision.findFirst({ where: { featureId: featureId() }, orderBy: { number: "desc" } });
    if (latest && (!withMonitoring || latest.monitoring)) return;
    const feature = await db.feature.findUniqueOrThrow({
      where: { id: featureId() },
      select: { approvedSpecRevision: { select: { successCriteria: true } } },
    });
    const criteria = (feature.approvedSpecRevision?.successCriteria ?? []) as { key: string; target: string }[];
    ok(
      await saveBrief.run(people.ds, {
        ...base,
        featureId: featureId(),
        baseRevision: String(latest?.number ?? 0),
        intendedUse: story.summary,
        data: "Twelve months of orders and their outcomes",
        metrics: story.phases[0]![1],
        failureModes: "Weaker on new customers and on products launched in the last month",
        monitoring: withMonitoring ? "Daily drift check on inputs; weekly precision on labelled samples; alert at -5 points" : "",
        resultKey: criteria.map((c) => c.key),
        resultAchieved: criteria.map((c) => `met: ${c.target}`),
        resultMet: criteria.map(() => "yes"),
        resultNotes: criteria.map(() => "On the holdout set"),
      }),
      "saveBrief",
    );
  };

  const scoreReadiness = async () => {
    const sums = story.readiness ?? [1, 1, 1, 1];
    const items = await db.readinessItem.findMany({ where: { featureId: featureId() } });
    for (const [s, key] of SECTION_KEYS.entries()) {
      const target = sums[s]!;
      const whole = Math.floor(target);
      for (let n = 1; n <= whole + (target > whole ? 1 : 0); n++) {
        const code = `${key}-${n}`;
        const item = items.find((i) => i.code === code);
        const halves = n <= whole ? 2 : 1;
        if ((item?.halves ?? 0) >= halves) continue;
        ok(
          await setReadinessItem.run(people.dev, {
            ...base,
            featureId: featureId(),
            code,
            version: String(item?.version ?? 0),
            halves: String(halves),
            note: halves === 1 ? "Checked by hand before the release" : undefined,
            evidenceUrl: halves === 2 ? `https://ci.example.com/${key.toLowerCase()}/${n}` : "https://wiki.example.com/checks",
            ownerId: item?.ownerId ?? (s % 2 ? people.dev : people.ds),
          }),
          "score",
        );
      }
    }
  };

  const verdicts = async (mode: "fail-first" | "pass") => {
    const feature = await db.feature.findUniqueOrThrow({ where: { id: featureId() }, select: { approvedSpecRevisionId: true } });
    const criteria = await db.acceptanceCriterion.findMany({ where: { featureId: featureId(), retiredAt: null }, orderBy: { position: "asc" } });
    for (const [i, c] of criteria.entries()) {
      if (c.verdict === "PASSED" && c.verdictSpecRevisionId === feature.approvedSpecRevisionId) continue;
      const fail = mode === "fail-first" && i === 0;
      if (mode === "fail-first" && !fail) continue;
      ok(
        await setCriterionVerdict.run(people.qa, {
          ...base,
          featureId: featureId(),
          criterionId: c.id,
          verdict: fail ? "FAILED" : "PASSED",
          note: fail ? "p95 latency 340 ms on the replay of last month's traffic" : undefined,
          evidenceUrl: `https://ci.example.com/qa/${c.position}`,
        }),
        "verdict",
      );
    }
  };

  const changeSpec = async () => {
    const latest = await db.specRevision.findFirstOrThrow({ where: { featureId: featureId() }, orderBy: { number: "desc" } });
    const criteria = latest.successCriteria as { key: string; metric: string; target: string; howMeasured: string; phase: string }[];
    const saved = ok(
      await saveSpec.run(people.pm, {
        ...base,
        featureId: featureId(),
        baseRevision: latest.number,
        problem: latest.problem,
        customerContext: latest.customerContext,
        constraints: `${latest.constraints}; works for the new mobile app too`,
        criterionKey: criteria.map((c) => c.key),
        criterionMetric: criteria.map((c) => c.metric),
        criterionTarget: criteria.map((c) => c.target),
        criterionHowMeasured: criteria.map((c) => c.howMeasured),
        criterionPhase: criteria.map((c) => c.phase),
      }),
      "saveSpec (change)",
    );
    ok(await requestSpecReview.run(people.pm, { ...base, featureId: featureId(), revision: saved.revision }), "requestSpecReview (change)");
    ok(await reviewSpec.run(people.lead, { ...base, featureId: featureId(), revision: saved.revision, decision: "APPROVED" }), "reviewSpec (change)");
  };

  // Sign-offs of the gate in [from, from + span): a role other than the PM's
  // is usually asked first, and answers some days later. With `leaveOpen`
  // (a feature still waiting at its gate) the last role asked has not
  // answered yet.
  const signoffs = (gate: Stage, from: number, span: number, leaveOpen = false) => {
    const roles = GATE_SIGNERS[gate]!;
    const openRole = leaveOpen ? roles.filter((r) => r !== "PM").at(-1) : undefined;
    let t = from;
    for (const r of roles) {
      const asked = r === openRole || (r !== "PM" && random() < 0.75);
      if (asked) {
        add(t, async () => {
          ok(await requestSignoff.run(people.pm, { ...base, featureId: featureId(), role: r }), `request ${r}`);
        });
        t += Math.min(span * 0.45, 0.3 + random() * 5);
      }
      if (r === openRole) continue;
      add(t, async () => {
        ok(await signGate.run(role(r), { ...base, featureId: featureId(), role: r }), `sign ${gate} ${r}`);
      });
      t += Math.min(span * 0.1, 0.2 + random());
    }
  };

  for (const s of story.steps) {
    if ("pass" in s) {
      work(stage, day, s.pass, true);
      signoffs(stage, day + s.pass * 0.62, s.pass * 0.35);
      day += s.pass;
      add(day, async () => {
        ok(await advanceFeature.run(people.pm, { ...base, featureId: featureId(), version: String(await version()) }), `advance from ${stage}`);
      });
      stage = PIPELINE[PIPELINE.indexOf(stage) + 1]!;
    } else if ("wait" in s) {
      if (stage !== "PAUSED" && stage !== "PRODUCTION") {
        work(stage, day, Math.max(s.wait, 10), s.wait > 20);
        // The sign-offs started but not finished: the last one still asked of someone.
        if (s.wait > 6) signoffs(stage, day + s.wait * 0.6, s.wait * 0.35, random() < 0.8);
      }
      day += s.wait;
    } else if ("back" in s) {
      work(stage, day, s.back, false);
      day += s.back;
      const to = s.to;
      add(day, async () => {
        ok(await moveFeatureBack.run(people.pm, { ...base, featureId: featureId(), version: String(await version()), toStage: to, reason: s.reason }), "move back");
      });
      stage = to;
    } else if ("pause" in s) {
      work(stage, day, s.pause, false);
      day += s.pause;
      add(day, async () => {
        ok(await pauseFeature.run(people.pm, { ...base, featureId: featureId(), version: String(await version()), reason: s.reason }), "pause");
      });
      pausedFrom = stage;
      stage = "PAUSED";
    } else if ("resume" in s) {
      day += s.resume;
      add(day, async () => {
        ok(await resumeFeature.run(people.pm, { ...base, featureId: featureId(), version: String(await version()) }), "resume");
      });
      stage = pausedFrom!;
    } else if ("retire" in s) {
      if (stage !== "PAUSED") work(stage, day, s.retire, false);
      day += s.retire;
      add(day, async () => {
        ok(await retireFeature.run(people.pm, { ...base, featureId: featureId(), version: String(await version()), reason: s.reason }), "retire");
      });
      stage = "RETIRED";
    } else if ("next" in s) {
      day += s.next;
      add(day, async () => {
        ok(await startNextPhase.run(people.pm, { ...base, featureId: featureId(), version: String(await version()) }), "next phase");
      });
      phase += 1;
      stage = "POC";
    }
  }
  return out;
}

/**
 * Writes the year of history unless it is there already (its first
 * feature's title marks it), so running the seed again adds nothing.
 */
export async function seedDemoHistory(teamId: string, people: People): Promise<number> {
  const marker = await db.feature.count({ where: { teamId, title: HISTORY_MARKER_TITLE } });
  if (marker > 0) return 0;
  const today = new RealDate();
  const t0 = RealDate.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 365 * DAY;
  const steps = STORIES.flatMap((story, i) => schedule(story, i, teamId, people, t0)).sort((a, b) => a.at - b.at || a.order - b.order);
  const last = steps.at(-1)!.at;
  if (last >= RealDate.now() - 60 * 60 * 1000) throw new Error("Demo history: a story runs past today; shorten it.");
  await withShiftedClock(async () => {
    let previousEnd = -Infinity;
    for (const step of steps) {
      // Never back in time: two steps due at the same moment run one after the other.
      clockOffset = Math.max(step.at, previousEnd + 1) - RealDate.now();
      await step.run();
      previousEnd = RealDate.now() + clockOffset;
    }
  });
  return STORIES.length;
}

/** Runs `fn` with the clock at `at` (moving on from there): the demo team is made when its history starts. */
export function atHistoryStart<T>(fn: () => Promise<T>): Promise<T> {
  return withShiftedClock(async () => {
    clockOffset = -366 * DAY;
    return fn();
  });
}
