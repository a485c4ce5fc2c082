import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineCommand } from "@/lib/actions/command";
import { ActionError } from "@/lib/errors";
import { createTeamWithRoles } from "@/tests/fixtures";

// defineCommand and unique-constraint violations: one a command expects (a
// race two requests can both run into) is answered with its own message;
// any other is a bug, logged with the command and constraint.

/** A command that writes the same gate setting twice: a real violation of TeamGateSetting's key. */
function duplicating(options: Pick<Parameters<typeof defineCommand>[0], "uniqueViolation"> = {}) {
  return defineCommand({
    name: "setGateRequirement",
    schema: z.object({ teamId: z.uuid() }).strict(),
    async handler({ tx }, { teamId }) {
      await tx.teamGateSetting.create({ data: { teamId, key: "IDEA.summary", enabled: true } });
      await tx.teamGateSetting.create({ data: { teamId, key: "IDEA.summary", enabled: false } });
      return { teamId };
    },
    ...options,
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("unique-constraint violations", () => {
  it("an expected one is answered with the command's message, and not logged", async () => {
    const f = await createTeamWithRoles();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: unknown[] = [];
    const command = duplicating({
      uniqueViolation: (violation) => {
        seen.push(violation);
        return violation.constraint === "TeamGateSetting_pkey"
          ? new ActionError("invalid", "That setting is already saved.", { key: ["Already saved."] })
          : null;
      },
    });
    const result = await command.run(f.members.LEAD.id, { teamId: f.team.id });
    expect(result).toMatchObject({ ok: false, code: "invalid", error: "That setting is already saved.", fieldErrors: { key: ["Already saved."] } });
    expect(seen).toEqual([{ model: "TeamGateSetting", constraint: "TeamGateSetting_pkey" }]);
    expect(log).not.toHaveBeenCalled();
  });

  it("an unexpected one is logged with the command and the constraint, and answered as a conflict", async () => {
    const f = await createTeamWithRoles();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await duplicating({ uniqueViolation: () => null }).run(f.members.LEAD.id, { teamId: f.team.id });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining("setGateRequirement"),
      expect.objectContaining({ model: "TeamGateSetting", constraint: "TeamGateSetting_pkey" }),
    );
    log.mockClear();
    expect(await duplicating().run(f.members.LEAD.id, { teamId: f.team.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(log).toHaveBeenCalledTimes(1);
  });
});
