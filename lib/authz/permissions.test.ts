import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, refusalMessage, ROLES, type Permission } from "@/lib/authz/permissions";

// product.md's "Default permissions" table, written out row by row.
const expected: Record<Permission, string[]> = {
  "team.view": ["LEAD", "PM", "DS", "DEV", "QA"],
  "members.manage": ["LEAD"],
  "audit.view": ["LEAD"],
  "feature.create": ["LEAD", "PM"],
  "feature.move": ["LEAD", "PM"],
  "gate.sign": ["LEAD", "PM", "DS", "DEV", "QA"],
  "gate.request": ["LEAD", "PM", "DS", "DEV", "QA"],
  "gates.configure": ["LEAD"],
  "spec.edit": ["LEAD", "PM"],
  "spec.review": ["LEAD", "PM"],
  "criteria.write": ["LEAD", "PM"],
  "brief.edit": ["LEAD", "DS"],
  "readiness.edit": ["LEAD", "DS", "DEV"],
  "criterion.verdict": ["QA"],
  "responsibilities.assign": ["LEAD", "PM"],
  "comment.create": ["LEAD", "PM", "DS", "DEV", "QA"],
};

describe("can", () => {
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    it(`follows product.md for ${permission}`, () => {
      const allowed = ROLES.filter((role) => can([role], permission));
      expect(allowed).toEqual(expected[permission]);
    });
  }

  it("allows when any one of several roles allows", () => {
    expect(can(["QA", "DS"], "brief.edit")).toBe(true);
    expect(can(["QA", "DEV"], "members.manage")).toBe(false);
  });

  it("refuses a member with no roles except for any-member actions", () => {
    expect(can([], "members.manage")).toBe(false);
    expect(can([], "comment.create")).toBe(true);
  });

  it("names the roles that could act in a refusal", () => {
    expect(refusalMessage("members.manage")).toBe("Only a team lead can do this.");
    expect(refusalMessage("readiness.edit")).toBe(
      "Only a team lead, data scientist or developer can do this.",
    );
    expect(refusalMessage("criterion.verdict")).toBe("Only a QA member can do this.");
  });
});
