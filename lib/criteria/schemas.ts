import { z } from "zod";
import { positiveInt } from "@/lib/schemas/common";
import { MAX_SUCCESS_CRITERIA } from "@/lib/specs/schemas";

export const VERDICTS = ["UNTESTED", "PASSED", "FAILED", "BLOCKED"] as const;
export const VERDICT_LABELS: Record<(typeof VERDICTS)[number], string> = {
  UNTESTED: "Untested",
  PASSED: "Passed",
  FAILED: "Failed",
  BLOCKED: "Blocked",
};

const part = z.string().trim().max(2000, { error: "Use at most 2,000 characters." }).default("");
// Keys of the spec's success criteria (uuids the editor sends), at most as many as a spec holds.
const keys = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().max(64, { error: "Unknown success criterion: reload the page." }))
    .max(MAX_SUCCESS_CRITERIA, { error: `Link at most ${MAX_SUCCESS_CRITERIA} success criteria.` }),
);
const ids = { teamId: z.uuid(), featureId: z.uuid() };

const contentShape = { given: part, when: part, then: part, text: part, successCriterionKeys: keys };
type Content = { given: string; when: string; then: string; text: string };

// Given / When / Then, or plain text: one of the two forms, complete.
function checkContent(c: Content, ctx: z.RefinementCtx) {
  const gwt = [c.given, c.when, c.then];
  if (c.text) {
    if (gwt.some(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["text"], message: "Use either Given / When / Then or plain text, not both." });
    }
    return;
  }
  if (!gwt.some(Boolean)) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "Write the criterion: Given / When / Then, or plain text." });
    return;
  }
  if (!c.given) ctx.addIssue({ code: "custom", path: ["given"], message: "Say what is given." });
  if (!c.when) ctx.addIssue({ code: "custom", path: ["when"], message: "Say when." });
  if (!c.then) ctx.addIssue({ code: "custom", path: ["then"], message: "Say what then happens." });
}

export const createCriterionSchema = z.object({ ...ids, ...contentShape }).strict().superRefine(checkContent);

export const updateCriterionSchema = z
  .object({ ...ids, ...contentShape, criterionId: z.uuid(), version: positiveInt("version") })
  .strict()
  .superRefine(checkContent);

export const removeCriterionSchema = z.object({ ...ids, criterionId: z.uuid() }).strict();
export const retireCriterionSchema = z
  .object({
    ...ids,
    criterionId: z.uuid(),
    reason: z.string().trim().min(1, { error: "Say why it is retired." }).max(2000),
  })
  .strict();
export const moveCriterionSchema = z.object({ ...ids, criterionId: z.uuid(), direction: z.enum(["up", "down"]) }).strict();

// A verdict's note and evidence link, for one criterion or several at once.
const verdictNote = z.string().trim().max(4000, { error: "Use at most 4,000 characters." }).optional().transform((v) => v || null);
const verdictEvidence = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((v) => v || null)
  .pipe(z.url({ protocol: /^https?$/, error: "Use an http(s) link, like https://ci.example.com/run/42." }).nullable());

export const setCriterionVerdictSchema = z
  .object({
    ...ids,
    criterionId: z.uuid(),
    verdict: z.enum(VERDICTS, { error: "Pick a verdict." }),
    note: verdictNote,
    evidenceUrl: verdictEvidence,
  })
  .strict()
  .refine((v) => v.verdict === "PASSED" || v.verdict === "UNTESTED" || v.note, {
    path: ["note"],
    error: "Say what failed or what blocks it.",
  });

/** Criteria QA may pass at once: a page of the queue. */
export const MAX_BULK_PASS = 200;

/** Several criteria (of any of the team's features) passed at once, with one note and evidence link. */
export const passCriteriaSchema = z
  .object({
    teamId: z.uuid(),
    criterionIds: z.preprocess(
      (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.uuid({ error: "Unknown criterion: reload the page." }))
        .min(1, { error: "Select the criteria that passed." })
        .max(MAX_BULK_PASS, { error: `Pass at most ${MAX_BULK_PASS} criteria at once.` })
        .transform((ids) => [...new Set(ids)]),
    ),
    note: verdictNote,
    evidenceUrl: verdictEvidence,
  })
  .strict();
