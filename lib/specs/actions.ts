"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/specs/commands";

export const saveSpec = serverAction(commands.saveSpec);
export const requestSpecReview = serverAction(commands.requestSpecReview);
export const reviewSpec = serverAction(commands.reviewSpec);
