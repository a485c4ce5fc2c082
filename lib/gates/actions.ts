"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/gates/commands";

export const signGate = serverAction(commands.signGate);
export const withdrawSignoff = serverAction(commands.withdrawSignoff);
export const requestSignoff = serverAction(commands.requestSignoff);
export const setGateRequirement = serverAction(commands.setGateRequirement);
