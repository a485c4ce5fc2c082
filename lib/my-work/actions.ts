"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/my-work/commands";

export const dismissInboxItem = serverAction(commands.dismissInboxItem);
export const restoreInboxItem = serverAction(commands.restoreInboxItem);
export const markInboxSeen = serverAction(commands.markInboxSeen);
