"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/criteria/commands";

export const createCriterion = serverAction(commands.createCriterion);
export const updateCriterion = serverAction(commands.updateCriterion);
export const removeCriterion = serverAction(commands.removeCriterion);
export const retireCriterion = serverAction(commands.retireCriterion);
export const moveCriterion = serverAction(commands.moveCriterion);
export const setCriterionVerdict = serverAction(commands.setCriterionVerdict);
export const passCriteria = serverAction(commands.passCriteria);
