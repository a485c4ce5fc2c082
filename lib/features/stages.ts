import { Stage } from "@/lib/generated/prisma/enums";

export { Stage };

/** The forward path; PAUSED and RETIRED are side states off it. */
export const PIPELINE = [Stage.IDEA, Stage.POC, Stage.BUILD, Stage.VALIDATION, Stage.PRODUCTION] as const;
export type PipelineStage = (typeof PIPELINE)[number];
/** Stages with a gate out of them (every pipeline stage but the last). */
export type GateStage = Exclude<PipelineStage, "PRODUCTION">;
export const GATES: readonly GateStage[] = [Stage.IDEA, Stage.POC, Stage.BUILD, Stage.VALIDATION];

export const STAGE_LABELS: Record<Stage, string> = {
  IDEA: "Idea",
  POC: "Proof of concept",
  BUILD: "Build",
  VALIDATION: "Validation",
  PRODUCTION: "Production",
  PAUSED: "Paused",
  RETIRED: "Retired",
};

export function isPipelineStage(stage: Stage): stage is PipelineStage {
  return (PIPELINE as readonly Stage[]).includes(stage);
}

export function isGateStage(stage: Stage): stage is GateStage {
  return (GATES as readonly Stage[]).includes(stage);
}

/** The stage after `stage` on the pipeline, or null at the end or off it. */
export function nextStage(stage: Stage): PipelineStage | null {
  const index = (PIPELINE as readonly Stage[]).indexOf(stage);
  return index >= 0 && index < PIPELINE.length - 1 ? PIPELINE[index + 1]! : null;
}

/** Earlier pipeline stages a feature in `stage` may be sent back to. */
export function earlierStages(stage: Stage): PipelineStage[] {
  const index = (PIPELINE as readonly Stage[]).indexOf(stage);
  return index > 0 ? PIPELINE.slice(0, index) : [];
}

export function gateLabel(gate: GateStage): string {
  return `${STAGE_LABELS[gate]} → ${STAGE_LABELS[nextStage(gate)!]}`;
}
