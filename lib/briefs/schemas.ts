import { z } from "zod";
import { nonNegativeInt } from "@/lib/schemas/common";
import { MAX_SUCCESS_CRITERIA } from "@/lib/specs/schemas";

// The model brief's text sections, in the order they are written and shown.
// They follow Model Cards (Mitchell et al. 2019) plus what the PoC teaches.
export const BRIEF_SECTIONS = [
  { key: "intendedUse", label: "Intended use and users", hint: "What the model is for, in which product flow, and who relies on its output." },
  { key: "outOfScopeUses", label: "Out-of-scope uses", hint: "Uses it was not built or checked for, and must not be put to." },
  { key: "data", label: "Data used", hint: "Training and evaluation data (source, period, size, labels), with preprocessing notes." },
  { key: "metrics", label: "Metrics and decision thresholds", hint: "What is measured, why, and the thresholds the product acts on." },
  { key: "dataSlices", label: "Data slices checked", hint: "Groups, regions, devices or periods evaluated separately, and what they showed." },
  { key: "failureModes", label: "Failure modes", hint: "Where and how the model gets it wrong, and what that costs." },
  { key: "caveats", label: "Caveats and ethical considerations", hint: "Limits, risks to people, fairness and privacy concerns, recommendations." },
  { key: "monitoring", label: "Monitoring in production", hint: "What to watch once it is live (inputs, predictions, outcomes), alert thresholds, and what to do when they fire." },
  { key: "improvements", label: "Areas for improvement", hint: "What would make this model better, and what it would take." },
  { key: "futureEnhancements", label: "Future enhancements", hint: "Later phases or extensions worth planning." },
] as const;

export type BriefSectionKey = (typeof BRIEF_SECTIONS)[number]["key"];
export type BriefSections = Record<BriefSectionKey, string>;

/** The PoC result for one success criterion of the spec, by its stable key. */
export type PocResult = {
  criterionKey: string;
  achieved: string;
  /** null until the data scientist decides met or not met. */
  met: boolean | null;
  notes: string;
};

export const MET_OPTIONS = [
  { value: "yes", label: "Met" },
  { value: "no", label: "Not met" },
] as const;

export const SECTION_MAX = 20_000;
export const ACHIEVED_MAX = 200;
export const NOTES_MAX = 2_000;

const section = z.string().max(SECTION_MAX, { error: `Keep each section under ${SECTION_MAX.toLocaleString("en")} characters.` });
const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
// One row per success criterion of the spec, so no more rows than a spec holds.
const resultRows = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    asArray,
    z.array(item).max(MAX_SUCCESS_CRITERIA, { error: `At most ${MAX_SUCCESS_CRITERIA} PoC results, one per success criterion.` }),
  );
const list = (max: number) => resultRows(z.string().max(max, { error: `Use at most ${max.toLocaleString("en")} characters.` }));

export const saveBriefSchema = z
  .object({
    teamId: z.uuid({ error: "Unknown team." }),
    featureId: z.uuid({ error: "Unknown feature." }),
    // The revision the editor started from (0: none yet).
    baseRevision: nonNegativeInt("revision"),
    intendedUse: section.default(""),
    outOfScopeUses: section.default(""),
    data: section.default(""),
    metrics: section.default(""),
    dataSlices: section.default(""),
    failureModes: section.default(""),
    caveats: section.default(""),
    monitoring: section.default(""),
    improvements: section.default(""),
    futureEnhancements: section.default(""),
    // One row per success criterion, as repeated form fields.
    resultKey: list(100),
    resultAchieved: list(ACHIEVED_MAX),
    resultMet: resultRows(z.enum(["yes", "no", ""], { error: "Pick met, not met, or leave it open." })),
    resultNotes: list(NOTES_MAX),
  })
  .strict()
  .transform(({ resultKey, resultAchieved, resultMet, resultNotes, ...rest }) => ({
    ...rest,
    pocResults: resultKey
      .map(
        (key, i): PocResult => ({
          criterionKey: key.trim(),
          achieved: (resultAchieved[i] ?? "").trim(),
          met: resultMet[i] === "yes" ? true : resultMet[i] === "no" ? false : null,
          notes: (resultNotes[i] ?? "").trim(),
        }),
      )
      // Untouched rows are not stored.
      .filter((r) => r.achieved || r.met !== null || r.notes),
  }))
  .superRefine((value, ctx) => {
    // Only a hand-made request gets here: the editor sends one key per criterion.
    const keys = value.pocResults.map((r) => r.criterionKey);
    if (keys.some((key) => !key)) {
      ctx.addIssue({ code: "custom", path: ["pocResults"], message: "A PoC result names no success criterion: reload the page." });
    }
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", path: ["pocResults"], message: "Two PoC results name the same success criterion." });
    }
  });

export type SaveBriefInput = z.output<typeof saveBriefSchema>;
