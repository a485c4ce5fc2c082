// Legend swatches in each stage's chart colour. Written out whole so
// Tailwind sees each class.
export const STAGE_SWATCH: Record<string, string> = {
  IDEA: "bg-(--stage-IDEA)",
  POC: "bg-(--stage-POC)",
  BUILD: "bg-(--stage-BUILD)",
  VALIDATION: "bg-(--stage-VALIDATION)",
  PRODUCTION: "bg-(--stage-PRODUCTION)",
  PAUSED: "bg-(--stage-PAUSED)",
  RETIRED: "bg-(--stage-RETIRED)",
};
