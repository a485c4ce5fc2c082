"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/briefs/commands";

export const saveBrief = serverAction(commands.saveBrief);
