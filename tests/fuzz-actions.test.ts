import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Command } from "@/lib/actions/command";
import { ACTION_ACCESS } from "@/lib/authz/access";
import * as briefs from "@/lib/briefs/commands";
import * as comments from "@/lib/comments/commands";
import * as criteria from "@/lib/criteria/commands";
import { db } from "@/lib/db";
import * as features from "@/lib/features/commands";
import * as gates from "@/lib/gates/commands";
import * as myWork from "@/lib/my-work/commands";
import * as notifications from "@/lib/notifications/commands";
import * as readiness from "@/lib/readiness/commands";
import * as responsibilities from "@/lib/responsibilities/commands";
import * as specs from "@/lib/specs/commands";
import * as teams from "@/lib/teams/commands";
import * as invitations from "@/lib/teams/invitations";
import * as users from "@/lib/users/commands";
import { createTeamWithRoles } from "@/tests/fixtures";

// Every command, sent malformed input by a team lead of a real team (the
// most permissions there are): each run must answer with a refusal value
// (never throw, which the browser would see as a 500), say what is wrong,
// and leave the database as it was.

type AnyCommand = Command<unknown, unknown>;

const commands: AnyCommand[] = [briefs, comments, criteria, features, gates, myWork, notifications, readiness, responsibilities, specs, teams, invitations, users]
  .flatMap((module) => Object.values(module))
  .filter((value): value is AnyCommand => typeof value === "object" && value !== null && "run" in value && "schema" in value);

function fieldsOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; in?: unknown; def?: { in?: unknown } };
  if (s.shape) return Object.keys(s.shape);
  if (s.in) return fieldsOf(s.in);
  if (s.def?.in) return fieldsOf(s.def.in);
  return [];
}

const INT_FIELDS = /version|revision|position|number/i;
const ID_FIELDS = /Id$/;

/** A value that no field accepts: each is refused by a schema or the command pipeline. */
const badValue = (field: string) =>
  fc.oneof(
    fc.constantFrom("\u0000", "a\u0000b", "nul \u0000 inside", "\u001b[31m", "bell\u0007"),
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}\u0000`),
    fc.constant("x".repeat(200_000)),
    fc.constant({ nested: { deeper: "value" } }),
    fc.constant(Array.from({ length: 5_000 }, () => "\u0000")),
    ...(ID_FIELDS.test(field) ? [fc.constantFrom("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --")] : []),
    ...(INT_FIELDS.test(field)
      ? [fc.constantFrom("3000000000", "-1", "1e400", "NaN", "9999999999999999999", 2 ** 53, -(2 ** 31) - 1)]
      : []),
  );

type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * A team with a feature that has a spec, a criterion, a responsibility and a
 * pending invitation, so the other fields of a generated input name real
 * rows and a command gets as far as it can with the one bad field.
 */
async function buildWorld() {
  const f = await createTeamWithRoles();
  const pm = f.members.PM.id;
  const created = await features.createFeature.run(pm, {
    teamId: f.team.id,
    title: "Fuzzed feature",
    summary: "Receives every kind of bad input",
    phaseName: ["First"],
    phaseTargets: ["precision >= 0.9"],
  });
  if (!created.ok) throw new Error(created.error);
  const featureId = created.data.featureId;
  const saved = await specs.saveSpec.run(pm, {
    teamId: f.team.id,
    featureId,
    baseRevision: 0,
    problem: "Fraud",
    customerContext: "Checkout",
    constraints: "Fast",
    criterionKey: "sc1",
    criterionMetric: "precision",
    criterionTarget: ">= 0.9",
    criterionHowMeasured: "holdout",
    criterionPhase: "1",
  });
  if (!saved.ok) throw new Error(saved.error);
  const criterion = await criteria.createCriterion.run(pm, { teamId: f.team.id, featureId, text: "It works" });
  if (!criterion.ok) throw new Error(criterion.error);
  const criterionRow = await db.acceptanceCriterion.findFirstOrThrow({ where: { featureId }, select: { id: true } });
  const invited = await teams.inviteMember.run(f.members.LEAD.id, { teamId: f.team.id, email: `fuzz-${f.team.id}@test.liftoff`, roles: "QA" });
  if (!invited.ok) throw new Error(invited.error);
  const responsibility = await db.responsibility.findFirstOrThrow({ where: { featureId }, select: { id: true } });
  const good: Record<string, string | string[]> = {
    teamId: f.team.id,
    featureId,
    version: "1",
    baseRevision: "1",
    revision: "1",
    criterionId: criterionRow.id,
    membershipId: f.members.QA.membershipId,
    userId: f.members.DS.id,
    ownerId: f.members.DS.id,
    invitationId: invited.data.invitationId,
    responsibilityId: responsibility.id,
    signoffId: responsibility.id,
    sessionId: responsibility.id,
    role: "PM",
    roles: ["DEV", "QA"],
    kind: "CONSULTED",
    code: "DATA-1",
    halves: "1",
    verdict: "PASSED",
    decision: "APPROVED",
    direction: "down",
    enabled: "false",
    key: "IDEA.spec_complete",
    bar: "3",
    toStage: "IDEA",
    email: `someone-${f.team.id}@test.liftoff`,
    evidenceUrl: "https://example.test/run/1",
    successCriterionKeys: ["sc1"],
    phaseName: ["One"],
    phaseTargets: ["recall >= 0.5"],
    password: "long enough passphrase",
    currentPassword: "correct horse battery",
  };
  return { f, featureId, good };
}

/** The right-looking value for a field of the fixture's team (plain text otherwise). */
const goodValue = (w: World, field: string) => fc.constant(w.good[field] ?? "Plain words");

const inputFor = (w: World, fields: string[]) =>
  fc.oneof(
    // Not an object at all, or an empty one.
    { arbitrary: fc.constantFrom<unknown>(null, undefined, "teamId", 42, [], [w.f.team.id], {}), weight: 1 },
    // The command's own fields, right but for one bad value, sometimes with an unknown field.
    {
      arbitrary: fc
        .record({
          bad: fc.constantFrom(...(fields.length ? fields : ["teamId"])).chain((field) =>
            badValue(field).map((value) => ({ field, value })),
          ),
          extra: fc.option(fc.constantFrom("admin", "__proto__x", "role"), { nil: undefined }),
        })
        .chain(({ bad, extra }) =>
          fc
            .record(Object.fromEntries(fields.map((field) => [field, goodValue(w, field)])))
            .map((others) => ({ ...others, [bad.field]: bad.value, ...(extra && !fields.includes(extra) ? { [extra]: "1" } : {}) })),
        ),
      weight: 8,
    },
  );

/** Everything a command could change for this team, its feature and its people. */
async function fingerprint(w: World) {
  const { f, featureId } = w;
  const userIds = [...Object.values(f.members).map((m) => m.id), f.outsider.id];
  const emails = [...Object.values(f.members).map((m) => m.email), f.outsider.email];
  const where = { featureId };
  return Promise.all([
    db.auditEvent.count({ where: { teamId: f.team.id } }),
    db.auditEvent.count({ where: { teamId: null, targetId: { in: userIds } } }),
    db.feature.findMany({ where: { teamId: f.team.id }, select: { id: true, title: true, stage: true, version: true } }),
    db.membership.findMany({ where: { teamId: f.team.id }, select: { id: true, roles: true, version: true }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { teamId: f.team.id }, select: { secretHash: true } }),
    db.outboxMessage.count({ where: { to: { in: emails } } }),
    db.session.count({ where: { userId: { in: userIds } } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { passwordHash: true, emailVerifiedAt: true, name: true }, orderBy: { id: "asc" } }),
    db.specRevision.count({ where }),
    db.acceptanceCriterion.findMany({ where, select: { version: true, text: true } }),
    db.comment.count({ where }),
    db.gateSignoff.count({ where }),
    db.responsibility.count({ where }),
    db.readinessItem.count({ where }),
    db.briefRevision.count({ where }),
    db.teamGateSetting.count({ where: { teamId: f.team.id } }),
    db.notification.count({ where: { OR: [{ teamId: f.team.id }, { userId: { in: userIds } }] } }),
    db.notificationPreference.count({ where: { userId: { in: userIds } } }),
  ]);
}

/** fc.assert, with the failure trimmed: a counterexample may hold 200 kB of text. */
async function assertShort(property: fc.IAsyncProperty<[unknown]>, params: fc.Parameters<[unknown]>) {
  try {
    await fc.assert(property, params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/(.)\1{200,}/g, (run, ch: string) => `${ch}…(${run.length} times)`).slice(0, 4000));
  }
}

describe("every command refuses malformed input", () => {
  it("finds every command in the access table", () => {
    expect(commands.map((c) => c.name).sort()).toEqual(Object.keys(ACTION_ACCESS).sort());
  });

  for (const command of commands) {
    it(`${command.name}: a refusal with a message, no throw, nothing written`, async () => {
      const w = await buildWorld();
      const fields = fieldsOf(command.schema);
      const before = await fingerprint(w);
      await assertShort(
        fc.asyncProperty(inputFor(w, fields), async (input) => {
          const result = await command.run(w.f.members.LEAD.id, input, { sessionId: null });
          expect(result.ok, JSON.stringify(input)?.slice(0, 200)).toBe(false);
          if (result.ok) return;
          expect(result.error.length).toBeGreaterThan(0);
          if (result.code === "invalid" && result.fieldErrors) {
            expect(Object.values(result.fieldErrors).flat().length).toBeGreaterThan(0);
          }
          // Nothing of a 200 kB value comes back to the page.
          expect(JSON.stringify(result).length).toBeLessThan(260_000);
        }),
        { numRuns: 25, seed: 20261125 },
      );
      expect(await fingerprint(w)).toEqual(before);
    });
  }
});
