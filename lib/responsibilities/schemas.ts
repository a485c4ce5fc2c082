import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";
import { featureRef } from "@/lib/features/schemas";
import { Raci } from "@/lib/generated/prisma/enums";
import { id } from "@/lib/schemas/common";

export const RACI_KINDS = [Raci.RESPONSIBLE, Raci.ACCOUNTABLE, Raci.CONSULTED, Raci.INFORMED] as const;
export const RACI_LABELS: Record<Raci, string> = {
  RESPONSIBLE: "Responsible",
  ACCOUNTABLE: "Accountable",
  CONSULTED: "Consulted",
  INFORMED: "Informed",
};

export const assignResponsibilitySchema = z
  .object({
    ...featureRef,
    userId: z.uuid({ error: "Pick a person." }),
    role: z.enum(ROLES, { error: "Pick the role they act in." }),
    kind: z.enum(RACI_KINDS, { error: "Pick R, A, C or I." }),
  })
  .strict();
export const removeResponsibilitySchema = z
  .object({ ...featureRef, responsibilityId: id("responsibility") })
  .strict();
