import { z } from "zod";
import { id, positiveInt } from "@/lib/schemas/common";
import { ROLES } from "@/lib/authz/permissions";
import { emailAddressSchema } from "@/lib/users/schemas";

// A checkbox group posts nothing, one value, or several: accept all three.
const rolesSchema = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(ROLES, { error: "Pick roles from the list." }))
    .min(1, { error: "Pick at least one role." })
    .max(ROLES.length, { error: "Pick each role at most once." })
    .transform((roles) => ROLES.filter((role) => roles.includes(role))),
);


export const teamNameSchema = z
  .string({ error: "Enter a team name." })
  .trim()
  .min(1, { error: "Enter a team name." })
  .max(80, { error: "Use at most 80 characters." });

export const createTeamSchema = z.object({ name: teamNameSchema }).strict();

export const inviteMemberSchema = z
  .object({ teamId: id("team"), email: emailAddressSchema("Enter the invitee's email address."), roles: rolesSchema })
  .strict();

export const revokeInvitationSchema = z
  .object({ teamId: id("team"), invitationId: id("invitation") })
  .strict();

export const setMemberRolesSchema = z
  .object({
    teamId: id("team"),
    membershipId: id("member"),
    roles: rolesSchema,
    version: positiveInt("version"),
  })
  .strict();

export const removeMemberSchema = z
  .object({
    teamId: id("team"),
    membershipId: id("member"),
    version: positiveInt("version"),
  })
  .strict();
