"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/notifications/commands";

export const saveNotificationPreferences = serverAction(commands.saveNotificationPreferences);
export const unsubscribe = serverAction(commands.unsubscribe);
