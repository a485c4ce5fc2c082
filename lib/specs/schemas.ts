import { z } from "zod";
import { nonNegativeInt, positiveInt } from "@/lib/schemas/common";

// The spec's sections, in the order they are written and shown.
export const SPEC_SECTIONS = [
  { key: "problem", label: "Problem", hint: "What goes wrong today, for whom, and why it matters." },
  { key: "customerContext", label: "Customer and context", hint: "Who uses it, where in the product, what they see." },
  { key: "constraints", label: "Constraints", hint: "Latency, cost, privacy, regulation, data available." },
  { key: "phases", label: "Phases", hint: "What ships first, what comes later." },
  { key: "outOfScope", label: "Out of scope", hint: "What this feature will not do." },
  { key: "openQuestions", label: "Open questions", hint: "What is not decided yet." },
] as const;

export type SpecSectionKey = (typeof SPEC_SECTIONS)[number]["key"];

export type SuccessCriterion = {
  key: string;
  metric: string;
  target: string;
  howMeasured: string;
  phase: string;
};

export const SECTION_MAX = 20_000;
/** A limit no spec reaches, and a script cannot abuse. */
export const MAX_SUCCESS_CRITERIA = 50;
const section = z.string().max(SECTION_MAX, { error: `Keep each section under ${SECTION_MAX.toLocaleString("en")} characters.` });
// One value per criterion row, as repeated form fields.
const criterionColumn = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().max(500, { error: "Use at most 500 characters." }))
    .max(MAX_SUCCESS_CRITERIA, { error: `A spec holds at most ${MAX_SUCCESS_CRITERIA} success criteria.` }),
);

/** A target is measurable when it states a number ("≥ 0.9", "< 200 ms"). */
export function isMeasurable(target: string) {
  return /\d/.test(target);
}

export const saveSpecSchema = z
  .object({
    teamId: z.uuid({ error: "Unknown team." }),
    featureId: z.uuid({ error: "Unknown feature." }),
    // The revision the editor started from (0: none yet).
    baseRevision: nonNegativeInt("revision"),
    problem: section.default(""),
    customerContext: section.default(""),
    constraints: section.default(""),
    phases: section.default(""),
    outOfScope: section.default(""),
    openQuestions: section.default(""),
    criterionKey: criterionColumn,
    criterionMetric: criterionColumn,
    criterionTarget: criterionColumn,
    criterionHowMeasured: criterionColumn,
    criterionPhase: criterionColumn,
  })
  .strict()
  .transform(({ criterionKey, criterionMetric, criterionTarget, criterionHowMeasured, criterionPhase, ...rest }) => ({
    ...rest,
    successCriteria: criterionMetric
      .map((metric, i) => ({
        key: criterionKey[i] ?? "",
        metric: metric.trim(),
        target: (criterionTarget[i] ?? "").trim(),
        howMeasured: (criterionHowMeasured[i] ?? "").trim(),
        phase: (criterionPhase[i] ?? "").trim(),
      }))
      .filter((c) => c.metric || c.target || c.howMeasured),
  }))
  .superRefine((value, ctx) => {
    value.successCriteria.forEach((c, i) => {
      if (!c.metric) ctx.addIssue({ code: "custom", path: ["successCriteria"], message: `Row ${i + 1}: name the metric.` });
      if (!c.target) ctx.addIssue({ code: "custom", path: ["successCriteria"], message: `Row ${i + 1}: give a target.` });
    });
  });

export const requestSpecReviewSchema = z
  .object({ teamId: z.uuid(), featureId: z.uuid(), revision: positiveInt("revision") })
  .strict();

export const reviewSpecSchema = z
  .object({
    teamId: z.uuid(),
    featureId: z.uuid(),
    revision: positiveInt("revision"),
    decision: z.enum(["APPROVED", "CHANGES_REQUESTED"], { error: "Approve or request changes." }),
    comment: z.string().trim().max(2000, { error: "Use at most 2,000 characters." }).optional().transform((v) => v || null),
  })
  .strict()
  .refine((v) => v.decision === "APPROVED" || v.comment, {
    path: ["comment"],
    error: "Say what should change.",
  });
