"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/responsibilities/commands";

export const assignResponsibility = serverAction(commands.assignResponsibility);
export const removeResponsibility = serverAction(commands.removeResponsibility);
