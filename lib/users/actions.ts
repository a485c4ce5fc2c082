"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/users/commands";

export const signUp = serverAction(commands.signUp);
