import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_KINDS, auditSentence, type AuditEventFacts } from "@/lib/activity/sentences";

// Every kind of event the code writes reads as a sentence: who did what to
// which feature, with no raw key, no id and no "null".

/** The audit kinds written under lib/ (string literals on `action:` lines), identity events aside. */
function kindsInCode(): string[] {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "generated") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) {
        for (const line of readFileSync(path, "utf8").split("\n")) {
          if (!/\baction: /.test(line)) continue;
          for (const m of line.matchAll(/"([a-z]+\.[a-z_]+)"/g)) kinds.add(m[1]!);
        }
      }
    }
  };
  walk(join(process.cwd(), "lib"));
  return [...kinds].filter((k) => !k.startsWith("user.")).sort();
}

const ACTOR = "Pia PM";
const FEATURE = "Churn model";
const UUID = "0192d3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";

/** One event of each kind, shaped as the commands write it. */
const SAMPLES: Record<(typeof AUDIT_KINDS)[number], { before?: unknown; after?: unknown; expected: string }> = {
  "team.created": { after: { name: "Growth ML" }, expected: "Pia PM created the team Growth ML" },
  "member.added": { after: { roles: ["LEAD"] }, expected: "Pia PM joined the team as team lead" },
  "member.roles_changed": {
    before: { email: "dan@example.com", roles: ["DEV"] },
    after: { email: "dan@example.com", roles: ["DEV", "QA"] },
    expected: "Pia PM changed the roles of dan@example.com from developer to developer and QA",
  },
  "member.removed": { before: { email: "dan@example.com", roles: ["DEV"] }, expected: "Pia PM removed dan@example.com (developer) from the team" },
  "invitation.sent": { after: { email: "quinn@example.com", roles: ["QA"] }, expected: "Pia PM invited quinn@example.com as QA" },
  "invitation.revoked": { before: { email: "quinn@example.com", roles: ["QA"] }, expected: "Pia PM revoked the invitation of quinn@example.com (QA)" },
  "invitation.accepted": { before: { email: "q@x", roles: [] }, after: { email: "q@x", roles: ["QA"] }, expected: "Pia PM accepted the invitation and joined as QA" },
  "invitation.declined": { before: { email: "q@x", roles: ["DS"] }, expected: "Pia PM declined the invitation to join as data scientist" },
  "feature.created": { after: { title: "Churn model", summary: "s", phases: [] }, expected: "Pia PM created Churn model" },
  "feature.edited": { before: { title: "Churn", summary: "a" }, after: { title: "Churn model", summary: "a" }, expected: "Pia PM renamed Churn to Churn model" },
  "feature.stage_changed": {
    before: { stage: "VALIDATION" },
    after: { stage: "BUILD", reason: "Nulls crash scoring" },
    expected: "Pia PM moved Churn model from Validation to Build: “Nulls crash scoring”",
  },
  "gate.signed": { after: { gate: "VALIDATION", role: "PM" }, expected: "Pia PM signed the Validation gate of Churn model as product manager" },
  "gate.signoff_withdrawn": { before: { gate: "IDEA", role: "PM" }, expected: "Pia PM withdrew their sign-off as product manager of the Idea gate of Churn model" },
  "gate.signoff_requested": { after: { gate: "VALIDATION", role: "QA" }, expected: "Pia PM asked for a sign-off as QA of the Validation gate of Churn model" },
  "gate.signoff_released": {
    before: { gate: "BUILD", role: "DEV", userId: UUID, name: "Dan Developer" },
    after: { reason: "left the team" },
    expected: "Dan Developer's sign-off as developer of the Build gate of Churn model was withdrawn (left the team)",
  },
  "gate.setting_changed": {
    before: { key: "VALIDATION.signoff.QA", enabled: true },
    after: { key: "VALIDATION.signoff.QA", enabled: false },
    expected: "Pia PM turned off the gate requirement “QA: acceptance verified”",
  },
  "gate.readiness_bar_changed": { before: { bar: 1 }, after: { bar: 1.5 }, expected: "Pia PM set the team's readiness bar from 1 to 1½" },
  "responsibility.assigned": {
    before: { kind: "ACCOUNTABLE", userId: UUID, role: "PM" },
    after: { kind: "ACCOUNTABLE", userId: "x", name: "Dan Developer", role: "DEV" },
    expected: "Pia PM made Dan Developer Accountable on Churn model, in place of Pat Earlier",
  },
  "responsibility.removed": {
    before: { kind: "RESPONSIBLE", userId: UUID, name: "Dan Developer", role: "DEV" },
    expected: "Pia PM removed Dan Developer as Responsible on Churn model",
  },
  "spec.saved": { before: { revision: 2 }, after: { revision: 3, superseded: [2] }, expected: "Pia PM saved revision 3 of the spec of Churn model" },
  "spec.review_requested": { after: { revision: 3 }, expected: "Pia PM asked for a review of revision 3 of the spec of Churn model" },
  "spec.approved": { after: { revision: 3 }, expected: "Pia PM approved revision 3 of the spec of Churn model" },
  "spec.changes_requested": {
    after: { revision: 3, comment: "Say how precision is measured" },
    expected: "Pia PM asked for changes to revision 3 of the spec of Churn model: “Say how precision is measured”",
  },
  "criterion.created": { after: { text: "Handles nulls" }, expected: "Pia PM wrote the criterion “Handles nulls” on Churn model" },
  "criterion.edited": {
    before: { text: "Handles nulls" },
    after: { text: "Handles nulls and NaNs" },
    expected: "Pia PM edited the criterion “Handles nulls” on Churn model, now “Handles nulls and NaNs”",
  },
  "criterion.removed": { before: { text: "Handles nulls" }, expected: "Pia PM removed the criterion “Handles nulls” from Churn model" },
  "criterion.retired": {
    before: { text: "Handles nulls" },
    after: { reason: "Out of scope" },
    expected: "Pia PM retired the criterion “Handles nulls” on Churn model: “Out of scope”",
  },
  "criterion.moved": { before: { position: 2 }, after: { position: 1 }, expected: "Pia PM moved a criterion of Churn model from place 2 to 1" },
  "criterion.verdict_set": {
    after: { verdict: "FAILED", note: null, text: "Handles nulls" },
    expected: "Pia PM marked “Handles nulls” failed on Churn model",
  },
  "readiness.item_set": {
    before: null,
    after: { code: "DATA-1", score: 0.5, notApplicable: false },
    expected: "Pia PM set DATA-1 to ½ (by hand) on Churn model",
  },
  "readiness.owner_changed": {
    before: { code: "MONITORING-3", ownerId: null, owner: null },
    after: { code: "MONITORING-3", ownerId: UUID, owner: "Dan Developer" },
    expected: "Pia PM made Dan Developer the owner of MONITORING-3 on Churn model",
  },
  "brief.saved": { before: null, after: { revision: 1 }, expected: "Pia PM saved revision 1 of the model brief of Churn model" },
  "comment.added": {
    after: { excerpt: "Can we ship Friday?", mentioned: ["Dan Developer", "Quinn QA"] },
    expected: "Pia PM commented on Churn model: “Can we ship Friday?”, mentioning Dan Developer and Quinn QA",
  },
};

const facts = (action: string, sample: { before?: unknown; after?: unknown }): AuditEventFacts => ({
  action,
  before: sample.before ?? null,
  after: sample.after ?? null,
  actor: ACTOR,
  feature: FEATURE,
});

describe("audit sentences", () => {
  it("know every kind of event the code writes", () => {
    const code = kindsInCode();
    expect(code.length).toBeGreaterThan(20);
    expect([...AUDIT_KINDS].sort()).toEqual(code);
  });

  for (const kind of AUDIT_KINDS) {
    it(`say ${kind} in words`, () => {
      const sample = SAMPLES[kind];
      const sentence = auditSentence(facts(kind, sample), new Map([[UUID, "Pat Earlier"]]));
      expect(sentence).toBe(sample.expected);
      // No raw key, id, JSON or empty value.
      expect(sentence).not.toContain(kind);
      expect(sentence).not.toMatch(/\bnull\b|\bundefined\b|\{|[0-9a-f]{8}-[0-9a-f]{4}-|\bNaN\b| \?( |$)/);
    });
  }

  it("keep to words when an event lacks what it usually holds, or its actor and feature are gone", () => {
    for (const kind of AUDIT_KINDS) {
      const sentence = auditSentence({ action: kind, before: null, after: null, actor: null, feature: null });
      expect(sentence, kind).not.toMatch(/\bnull\b|\bundefined\b|\{|\[object| \?( |$)/);
      expect(sentence, kind).not.toContain(kind);
    }
    expect(auditSentence({ action: "something.new", before: null, after: null, actor: "Quinn QA", feature: "Churn model" })).toBe(
      "Quinn QA made a change on Churn model",
    );
    expect(auditSentence({ action: "criterion.verdict_set", before: null, after: { verdict: "PASSED", note: "RC 3", text: "x".repeat(300) }, actor: "Quinn QA", feature: null })).toMatch(
      /^Quinn QA marked “x{79}…” passed: “RC 3”$/,
    );
  });
});
