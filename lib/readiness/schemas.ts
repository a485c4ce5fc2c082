import { z } from "zod";
import { nonNegativeInt } from "@/lib/schemas/common";

export const SCORE_OPTIONS = [
  { value: "0", label: "0 — not done" },
  { value: "1", label: "½ — done by hand (note and evidence)" },
  { value: "2", label: "1 — automated (link to the job, test or monitor)" },
] as const;

const optionalText = (max: number) =>
  z.string().trim().max(max, { error: `Use at most ${max.toLocaleString("en")} characters.` }).optional().transform((v) => v || null);

export const setReadinessItemSchema = z
  .object({
    teamId: z.uuid(),
    featureId: z.uuid(),
    code: z.string().regex(/^(DATA|MODEL|INFRA|MONITORING)-[1-7]$/, { error: "Unknown checklist item." }),
    // 0 when the item has never been saved.
    version: nonNegativeInt("version"),
    halves: z.enum(["0", "1", "2"], { error: "Pick a score." }).transform(Number),
    notApplicable: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    naReason: optionalText(2000),
    note: optionalText(4000),
    evidenceUrl: optionalText(2000).pipe(
      z.url({ protocol: /^https?$/, error: "Use an http(s) link, like https://ci.example.com/job/7." }).nullable(),
    ),
    ownerId: z.preprocess((v) => (v === "" ? null : v), z.uuid({ error: "Pick a team member." }).nullable().default(null)),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.notApplicable) {
      if (!v.naReason) ctx.addIssue({ code: "custom", path: ["naReason"], message: "Say why this test does not apply." });
      return;
    }
    if (v.halves === 1) {
      if (!v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Done by hand: describe what was done." });
      if (!v.evidenceUrl) ctx.addIssue({ code: "custom", path: ["evidenceUrl"], message: "Done by hand: link the evidence." });
    }
    if (v.halves === 2 && !v.evidenceUrl) {
      ctx.addIssue({ code: "custom", path: ["evidenceUrl"], message: "Automated: link the job, test or monitor." });
    }
  });

export const setReadinessBarSchema = z
  .object({
    teamId: z.uuid(),
    bar: z.coerce
      .number({ error: "Enter a number from 0 to 7." })
      .min(0, { error: "Enter a number from 0 to 7." })
      .max(7, { error: "Enter a number from 0 to 7." })
      .refine((n) => Number.isInteger(n * 2), { error: "Use whole or half points, like 1 or 1.5." }),
  })
  .strict();
