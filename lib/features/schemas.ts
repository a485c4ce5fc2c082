import { z } from "zod";
import { id, positiveInt, searchText } from "@/lib/schemas/common";
import { ROLES } from "@/lib/authz/permissions";
import { PIPELINE } from "@/lib/features/stages";

const version = positiveInt("version");

/** A limit no one planning a feature reaches, and a script cannot abuse. */
export const MAX_PHASES = 20;
// Repeated form fields (one per phase row) arrive as a string or an array.
const phaseRows = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().max(2000, { error: "Use at most 2,000 characters." }))
    .max(MAX_PHASES, { error: `Plan at most ${MAX_PHASES} phases.` }),
);

/**
 * A measurable target names a metric and compares it with a number
 * ("precision >= 0.9", "p95 latency < 200 ms", "recall at least 0.7"), or
 * states a change by a percentage ("stock-outs -30%"). Several targets may
 * share one line.
 */
const COMPARISON =
  /(?:>=|<=|=>|=<|≥|≤|>|<|=|\b(?:at least|at most|under|below|above|over|within)\b)\s{0,3}~?\s{0,3}[-+]?\d|\s[-+−]\s?\d+(?:[.,]\d+)?\s?%/gi;
export const MEASURABLE_TARGET_HINT = "a metric, a comparison and a number, like “precision >= 0.9” or “p95 latency < 200 ms”";

export function isMeasurableTarget(target: string) {
  // A comparison with a metric named before it; linear in the length of the text.
  const metricAt = target.search(/[a-z]/i);
  if (metricAt < 0) return false;
  for (const match of target.matchAll(COMPARISON)) {
    if (match.index > metricAt) return true;
  }
  return false;
}

const featureTitle = z
  .string({ error: "Give the feature a title." })
  .trim()
  .min(1, { error: "Give the feature a title." })
  .max(120, { error: "Use at most 120 characters." });
const featureSummary = z
  .string({ error: "Write a one-line summary." })
  .trim()
  .min(1, { error: "Write a one-line summary." })
  .max(280, { error: "Keep the summary to 280 characters." });

export const createFeatureSchema = z
  .object({
    teamId: id("team"),
    title: featureTitle,
    summary: featureSummary,
    phaseName: phaseRows,
    phaseTargets: phaseRows,
  })
  .strict()
  .superRefine(({ phaseTargets }, ctx) => {
    phaseTargets.forEach((target, i) => {
      // Too long is reported already; the check reads only what could be stored.
      if (target.length <= 2000 && target.trim() && !isMeasurableTarget(target)) {
        ctx.addIssue({
          code: "custom",
          path: ["phaseTargets"],
          message: `Phase ${i + 1}: say what you will measure as ${MEASURABLE_TARGET_HINT}.`,
        });
      }
    });
  })
  .transform(({ phaseName, phaseTargets, ...rest }) => ({
    ...rest,
    phases: phaseName
      .map((name, i) => ({ name: name.trim(), targetMetrics: (phaseTargets[i] ?? "").trim() }))
      .filter((p) => p.name || p.targetMetrics)
      .map((p, i) => ({ name: p.name || `Phase ${i + 1}`, targetMetrics: p.targetMetrics })),
  }));

export const updateFeatureSchema = z
  .object({
    teamId: id("team"),
    featureId: id("feature"),
    title: featureTitle,
    summary: featureSummary,
    // The title and summary the editor started from: a save over someone
    // else's newer edit is refused.
    baseTitle: z.string().max(120),
    baseSummary: z.string().max(280),
  })
  .strict();

const reason = z
  .string({ error: "Say why." })
  .trim()
  .min(1, { error: "Say why: the reason is kept in the feature's history." })
  .max(2000, { error: "Use at most 2,000 characters." });

export const featureRef = { teamId: id("team"), featureId: id("feature") };

export const advanceFeatureSchema = z.object({ ...featureRef, version }).strict();
export const moveFeatureBackSchema = z
  .object({ ...featureRef, version, toStage: z.enum(PIPELINE, { error: "Pick a stage." }), reason })
  .strict();
export const pauseFeatureSchema = z.object({ ...featureRef, version, reason }).strict();
export const retireFeatureSchema = pauseFeatureSchema;
export const resumeFeatureSchema = advanceFeatureSchema;
export const startNextPhaseSchema = advanceFeatureSchema;

// Board filters come from the URL: a bad value is dropped, not an error.
const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).catch(undefined);

export const boardFiltersSchema = z.object({
  q: optionalFilter(searchText(100)),
  phase: optionalFilter(z.coerce.number().int().min(1).max(20)),
  person: optionalFilter(z.uuid()),
  waitingOn: optionalFilter(z.enum(ROLES)),
  stuckDays: optionalFilter(z.coerce.number().int().min(0).max(3650)),
});
