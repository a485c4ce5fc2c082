import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";
import { featureRef } from "@/lib/features/schemas";
import { id } from "@/lib/schemas/common";

const optionalComment = z
  .string()
  .trim()
  .max(2000, { error: "Use at most 2,000 characters." })
  .optional()
  .transform((v) => v || null);

export const signGateSchema = z
  .object({ ...featureRef, role: z.enum(ROLES, { error: "Pick a role." }), comment: optionalComment })
  .strict();
export const withdrawSignoffSchema = z.object({ ...featureRef, signoffId: id("sign-off") }).strict();
export const requestSignoffSchema = z
  .object({ ...featureRef, role: z.enum(ROLES, { error: "Pick a role." }) })
  .strict();

export const setGateRequirementSchema = z
  .object({
    teamId: id("team"),
    key: z.string().min(1).max(100),
    enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
  })
  .strict();
