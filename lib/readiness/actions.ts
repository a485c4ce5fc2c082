"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/readiness/commands";

export const setReadinessItem = serverAction(commands.setReadinessItem);
export const setReadinessBar = serverAction(commands.setReadinessBar);
export const saveReadinessItems = serverAction(commands.saveReadinessItems);
