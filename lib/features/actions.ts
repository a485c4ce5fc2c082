"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/features/commands";

export const createFeature = serverAction(commands.createFeature, {
  redirectTo: ({ teamId, featureId }) => `/teams/${teamId}/features/${featureId}`,
});
export const updateFeature = serverAction(commands.updateFeature);
export const advanceFeature = serverAction(commands.advanceFeature);
export const moveFeatureBack = serverAction(commands.moveFeatureBack);
export const pauseFeature = serverAction(commands.pauseFeature);
export const resumeFeature = serverAction(commands.resumeFeature);
export const retireFeature = serverAction(commands.retireFeature);
export const startNextPhase = serverAction(commands.startNextPhase);
