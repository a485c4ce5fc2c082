// The ML Test Score (Breck et al. 2017): 28 tests in four sections of seven.
// Pure: the catalogue, the score and the paper's bands.

export const SECTIONS = [
  {
    key: "DATA",
    label: "Data",
    tests: [
      "Feature expectations are captured in a schema.",
      "All features are beneficial.",
      "No feature's cost is too much.",
      "Features adhere to meta-level requirements.",
      "The data pipeline has appropriate privacy controls.",
      "New features can be added quickly.",
      "All input feature code is tested.",
    ],
  },
  {
    key: "MODEL",
    label: "Model development",
    tests: [
      "Model specs are reviewed and submitted.",
      "Offline and online metrics correlate.",
      "All hyperparameters have been tuned.",
      "The impact of model staleness is known.",
      "A simpler model is not better.",
      "Model quality is sufficient on all important data slices.",
      "The model has been tested for considerations of inclusion.",
    ],
  },
  {
    key: "INFRA",
    label: "ML infrastructure",
    tests: [
      "Training is reproducible.",
      "Model specs are unit tested.",
      "The full ML pipeline is integration tested.",
      "Model quality is validated before attempting to serve it.",
      "The model allows debugging by observing the step-by-step computation of training or inference on a single example.",
      "Models are tested via a canary process before they enter production serving environments.",
      "Models can be quickly and safely rolled back to a previous serving version.",
    ],
  },
  {
    key: "MONITORING",
    label: "Monitoring",
    tests: [
      "Dependency changes result in notification.",
      "Data invariants hold in training and serving inputs.",
      "Training and serving features compute the same values.",
      "Models are not too stale.",
      "The model is numerically stable.",
      "The model has not experienced a dramatic or slow-leak regression in training speed, serving latency, throughput, or RAM usage.",
      "The model has not experienced a regression in prediction quality on served data.",
    ],
  },
] as const;

export type SectionKey = (typeof SECTIONS)[number]["key"];

/** Item codes: DATA-1 … MONITORING-7. */
export const ITEMS = SECTIONS.flatMap((section) =>
  section.tests.map((text, i) => ({ code: `${section.key}-${i + 1}`, section: section.key, number: i + 1, text })),
);
export const ITEM_CODES = new Set(ITEMS.map((item) => item.code));

/** Stored in halves: 0 not done, 1 = ½ done by hand, 2 = 1 automated. */
export type Halves = 0 | 1 | 2;

export type ItemState = { code: string; halves: number; notApplicable: boolean };

export type SectionScore = { key: SectionKey; label: string; sum: number; max: number; notApplicable: number };

/**
 * Section sums over applicable items; an item marked not applicable leaves
 * the sum and lowers that section's maximum by one. The readiness score is
 * the minimum of the four sums, so every section matters.
 */
export function readinessScore(items: ItemState[]) {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const sections: SectionScore[] = SECTIONS.map((section) => {
    let sum = 0;
    let notApplicable = 0;
    section.tests.forEach((_, i) => {
      const item = byCode.get(`${section.key}-${i + 1}`);
      if (item?.notApplicable) notApplicable++;
      else sum += (item?.halves ?? 0) / 2;
    });
    return { key: section.key, label: section.label, sum, max: section.tests.length - notApplicable, notApplicable };
  });
  const score = Math.min(...sections.map((s) => s.sum));
  // Every section at the minimum: two or more at the same sum tie.
  const weakestSections = sections.filter((s) => s.sum === score);
  return { score, weakestSections, weakest: weakestPhrase(weakestSections), sections, band: band(score) };
}

/** Points in halves as people write them: 0, ½, 1½, 7. */
export const formatPoints = (n: number) => (Number.isInteger(n) ? String(n) : `${Math.floor(n) || ""}½`);
const half = formatPoints;

/** "2 of 7", "1½ of 6", "½ of 7": a section sum against its maximum, as people write it. */
export function sectionSum(s: Pick<SectionScore, "sum" | "max">): string {
  return `${half(s.sum)} of ${s.max}`;
}

/**
 * The weakest section in words, ties named as ties, to follow "weakest:"
 * or stand alone: "Data at 2 of 7", "Data and Model development tie at 2 of 7",
 * "Data (2 of 6) and Monitoring (2 of 7) tie at 2", "all four sections tie at 0 of 7".
 */
export function weakestPhrase(weakest: Pick<SectionScore, "label" | "sum" | "max">[]): string {
  const [first] = weakest;
  if (!first) return "";
  if (weakest.length === 1) return `${first.label} at ${sectionSum(first)}`;
  const sameMax = weakest.every((s) => s.max === first.max);
  const at = sameMax ? sectionSum(first) : half(first.sum);
  if (weakest.length === SECTIONS.length) return `all four sections tie at ${at}`;
  const names = weakest.map((s) => (sameMax ? s.label : `${s.label} (${sectionSum(s)})`));
  const list = names.length === 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${list} tie at ${at}`;
}

/** The paper's reading of a final score. */
export function band(score: number): string {
  if (score <= 0) return "More of a research project than a productionized system";
  if (score <= 1) return "Not totally untested, but serious holes in reliability are possible";
  if (score <= 2) return "A first pass at basic productionization; more investment may be needed";
  if (score <= 3) return "Reasonably tested, but more tests and procedures could be automated";
  if (score <= 5) return "Strong automated testing and monitoring, fit for mission-critical systems";
  return "Exceptional levels of automated testing and monitoring";
}
