"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/comments/commands";

export const addComment = serverAction(commands.addComment);
