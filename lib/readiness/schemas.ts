import { z } from "zod";
import { CONTROL_MESSAGE, hasControlCharacters, nonNegativeInt } from "@/lib/schemas/common";

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
    // The link's form is the field's own check above.
    for (const problem of itemProblems(v, { linkForm: false })) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });

const evidenceUrlSchema = z.url({ protocol: /^https?$/, error: "Use an http(s) link, like https://ci.example.com/job/7." });

/** What an item's score asks for: a reason when not applicable, a note and link by hand, a link when automated. */
export function itemProblems(v: {
  halves: number;
  notApplicable: boolean;
  naReason: string | null;
  note: string | null;
  evidenceUrl: string | null;
}, options = { linkForm: true }): { field: "naReason" | "note" | "evidenceUrl"; message: string }[] {
  const problems: { field: "naReason" | "note" | "evidenceUrl"; message: string }[] = [];
  if (options.linkForm && v.evidenceUrl && !evidenceUrlSchema.safeParse(v.evidenceUrl).success) {
    problems.push({ field: "evidenceUrl", message: "Use an http(s) link, like https://ci.example.com/job/7." });
  }
  if (v.notApplicable) {
    if (!v.naReason) problems.push({ field: "naReason", message: "Say why this test does not apply." });
    return problems;
  }
  if (v.halves === 1) {
    if (!v.note) problems.push({ field: "note", message: "Done by hand: describe what was done." });
    if (!v.evidenceUrl) problems.push({ field: "evidenceUrl", message: "Done by hand: link the evidence." });
  }
  if (v.halves === 2 && !v.evidenceUrl) {
    problems.push({ field: "evidenceUrl", message: "Automated: link the job, test or monitor." });
  }
  return problems;
}

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

/** The grid's many-items save: each changed item, as the grid holds it. */
export const MAX_READINESS_ITEMS = 28;

const jsonText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max.toLocaleString("en")} characters.` })
    .refine((v) => !hasControlCharacters(v), { error: CONTROL_MESSAGE })
    .nullable()
    .default(null)
    .transform((v) => v || null);

const gridItemSchema = z
  .object({
    code: z.string().regex(/^(DATA|MODEL|INFRA|MONITORING)-[1-7]$/, { error: "Unknown checklist item." }),
    version: z.number().int().min(0).max(2_147_483_647),
    halves: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "Pick a score." }),
    notApplicable: z.boolean(),
    naReason: jsonText(2000),
    note: jsonText(4000),
    evidenceUrl: jsonText(2000),
    ownerId: z.uuid({ error: "Pick a team member." }).nullable(),
  })
  .strict();

export type ReadinessGridItem = z.input<typeof gridItemSchema>;

function parseJson(value: unknown) {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Several items saved at once from the grid. Their problems come back as
 * fields named `<code>.<field>` ("DATA-1.evidenceUrl"), so each row shows its own.
 */
export const saveReadinessItemsSchema = z
  .object({
    teamId: z.uuid(),
    featureId: z.uuid(),
    items: z.preprocess(
      parseJson,
      z
        .array(gridItemSchema, { error: "This request was not understood. Reload the page and try again." })
        .min(1, { error: "Nothing changed: score a test first." })
        .max(MAX_READINESS_ITEMS, { error: "Nothing changed: score a test first." }),
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const item of v.items) {
      if (seen.has(item.code)) ctx.addIssue({ code: "custom", path: ["items"], message: `${item.code} is listed twice.` });
      seen.add(item.code);
      for (const problem of itemProblems(item)) {
        ctx.addIssue({ code: "custom", path: [`${item.code}.${problem.field}`], message: problem.message });
      }
    }
  });
