"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/users/commands";

export const signUp = serverAction(commands.signUp);
export const resendVerification = serverAction(commands.resendVerification);
export const verifyEmail = serverAction(commands.verifyEmail);
export const requestPasswordReset = serverAction(commands.requestPasswordReset);
export const resetPassword = serverAction(commands.resetPassword);
export const changePassword = serverAction(commands.changePassword);
export const revokeSession = serverAction(commands.revokeSession);
export const signOutEverywhere = serverAction(commands.signOutEverywhere);
