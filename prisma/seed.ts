import "dotenv/config";
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { advanceFeature, createFeature } from "@/lib/features/commands";
import { signGate } from "@/lib/gates/commands";
import { assignResponsibility } from "@/lib/responsibilities/commands";
import { requestSpecReview, reviewSpec, saveSpec } from "@/lib/specs/commands";
import type { Role } from "@/lib/generated/prisma/enums";
import { atHistoryStart, seedDemoHistory } from "./demo-history";

// Demo data for trying Liftoff: one team with a person in each role, a year
// of history (about forty features: prisma/demo-history.ts) and three
// features at today's start of their journey. Safe to run again: it updates
// the same rows instead of duplicating them, and adds no feature twice.

export const DEMO_TEAM_ID = "01970000-0000-7000-8000-000000000001";
export const DEMO_PASSWORD = "liftoff-demo";
export const DEMO_PEOPLE: { email: string; name: string; roles: Role[] }[] = [
  { email: "lead@demo.liftoff.dev", name: "Lena Lead", roles: ["LEAD"] },
  { email: "pm@demo.liftoff.dev", name: "Priya PM", roles: ["PM"] },
  { email: "ds@demo.liftoff.dev", name: "Dmitri Data", roles: ["DS"] },
  { email: "dev@demo.liftoff.dev", name: "Devon Dev", roles: ["DEV"] },
  { email: "qa@demo.liftoff.dev", name: "Quinn QA", roles: ["QA"] },
];

async function main() {
  const passwordHash = await hash(DEMO_PASSWORD);
  const fresh = (await db.team.count({ where: { id: DEMO_TEAM_ID } })) === 0;
  // A new demo team is made when its history starts, a year ago.
  const atStart = <T,>(fn: () => Promise<T>) => (fresh ? atHistoryStart(fn) : fn());
  await atStart(() => db.$transaction(async (tx) => {
    const team = await tx.team.upsert({
      where: { id: DEMO_TEAM_ID },
      create: { id: DEMO_TEAM_ID, name: "Demo ML Team" },
      update: {},
    });
    const created = await tx.auditEvent.count({ where: { teamId: team.id } });
    for (const person of DEMO_PEOPLE) {
      const user = await tx.user.upsert({
        where: { email: person.email },
        // Demo addresses cannot receive mail: they start verified.
        create: { email: person.email, name: person.name, passwordHash, emailVerifiedAt: new Date() },
        update: { passwordHash },
      });
      const membership = await tx.membership.upsert({
        where: { teamId_userId: { teamId: team.id, userId: user.id } },
        create: { teamId: team.id, userId: user.id, roles: person.roles },
        update: {},
      });
      if (created === 0) {
        await tx.auditEvent.create({
          data: {
            teamId: team.id,
            actorId: null,
            action: "member.added",
            targetType: "membership",
            targetId: membership.id,
            after: { email: person.email, roles: person.roles },
          },
        });
      }
    }
  }));
  const people = await db.user.findMany({ where: { email: { in: DEMO_PEOPLE.map((p) => p.email) } } });
  const id = (email: string) => people.find((p) => p.email === email)!.id;
  const historyFeatures = await seedDemoHistory(DEMO_TEAM_ID, {
    lead: id("lead@demo.liftoff.dev"),
    pm: id("pm@demo.liftoff.dev"),
    ds: id("ds@demo.liftoff.dev"),
    dev: id("dev@demo.liftoff.dev"),
    qa: id("qa@demo.liftoff.dev"),
  });
  if (historyFeatures) console.log(`Wrote a year of history: ${historyFeatures} features.`);
  await seedFeatures();
  console.log(`Seeded "Demo ML Team". Sign in as any of (password "${DEMO_PASSWORD}"):`);
  for (const person of DEMO_PEOPLE) console.log(`  ${person.email.padEnd(24)} ${person.roles.join(", ")}`);
}

/** A few features at different points, made through the app's own commands (audited). */
async function seedFeatures() {
  const people = await db.user.findMany({ where: { email: { in: DEMO_PEOPLE.map((p) => p.email) } } });
  const id = (email: string) => people.find((p) => p.email === email)!.id;
  const [lead, pm, ds] = [id("lead@demo.liftoff.dev"), id("pm@demo.liftoff.dev"), id("ds@demo.liftoff.dev")];
  const teamId = DEMO_TEAM_ID;
  const ok = <T,>(r: { ok: true; data: T } | { ok: false; error: string }) => {
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };

  const features = [
    { title: "Fraud score on checkout", summary: "Hold risky card payments for review before they are charged", phase: "Gradient-boosted model on rules features", targets: "precision >= 0.90 at 1% review rate" },
    { title: "Churn-risk badge in CRM", summary: "Show account managers which customers may leave this quarter", phase: "Logistic baseline", targets: "recall >= 0.70 in the top 10% of accounts" },
    { title: "Smart reorder suggestions", summary: "Suggest what each shop should reorder this week", phase: "Seasonal baseline", targets: "stock-outs -30%" },
  ];
  if ((await db.feature.count({ where: { teamId, title: { in: features.map((f) => f.title) } } })) > 0) return;
  const ids: string[] = [];
  for (const f of features) {
    const { featureId } = ok(await createFeature.run(pm, { teamId, title: f.title, summary: f.summary, phaseName: f.phase, phaseTargets: f.targets }));
    ids.push(featureId);
  }
  // The first two have an approved spec; the second has passed its first gate.
  for (const [i, featureId] of ids.slice(0, 2).entries()) {
    const f = features[i]!;
    ok(
      await saveSpec.run(pm, {
        teamId,
        featureId,
        baseRevision: 0,
        problem: f.summary,
        customerContext: "Our web shop's customers and the operations team",
        constraints: "Scores within 100 ms p95; no new personal data",
        criterionMetric: f.targets.split(" ")[0],
        criterionTarget: f.targets.split(" ").slice(1).join(" "),
        criterionHowMeasured: "Holdout of the last three months",
        criterionPhase: "1",
      }),
    );
    ok(await requestSpecReview.run(pm, { teamId, featureId, revision: 1 }));
    ok(await reviewSpec.run(lead, { teamId, featureId, revision: 1, decision: "APPROVED" }));
    ok(await signGate.run(pm, { teamId, featureId, role: "PM" }));
  }
  const churn = ids[1]!;
  ok(await signGate.run(ds, { teamId, featureId: churn, role: "DS", comment: "Two years of labelled churn exist" }));
  ok(await advanceFeature.run(pm, { teamId, featureId: churn, version: 1 }));
  ok(await assignResponsibility.run(pm, { teamId, featureId: churn, userId: ds, role: "DS", kind: "RESPONSIBLE" }));
  // The commands above recorded notifications as they would for real people;
  // the demo's history is not news, so nobody is mailed about it.
  await db.notification.deleteMany({ where: { teamId } });
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
