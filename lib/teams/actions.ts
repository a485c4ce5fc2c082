"use server";

import { serverAction } from "@/lib/actions/server-action";
import * as commands from "@/lib/teams/commands";
import * as invitations from "@/lib/teams/invitations";

export const createTeam = serverAction(commands.createTeam, {
  redirectTo: ({ teamId }) => `/teams/${teamId}`,
});
export const inviteMember = serverAction(commands.inviteMember);
export const revokeInvitation = serverAction(commands.revokeInvitation);
export const setMemberRoles = serverAction(commands.setMemberRoles);
export const removeMember = serverAction(commands.removeMember);
export const renewInvitation = serverAction(commands.renewInvitation);
export const acceptInvitation = serverAction(invitations.acceptInvitation, {
  redirectTo: ({ teamId }) => `/teams/${teamId}`,
});
export const declineInvitation = serverAction(invitations.declineInvitation);
