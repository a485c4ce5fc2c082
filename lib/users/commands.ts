import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { hashPassword } from "@/lib/auth/password";
import { ActionError } from "@/lib/errors";
import { acceptPendingInvitations } from "@/lib/teams/invitations";
import { signUpSchema } from "@/lib/users/schemas";

export const signUp = defineCommand({
  name: "signUp",
  schema: signUpSchema,
  async handler({ tx }, { name, email, password }) {
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) {
      throw new ActionError("invalid", "An account with that email exists.", {
        email: ["An account with this email exists. Sign in instead."],
      });
    }
    const user = await tx.user.create({
      data: { name, email, passwordHash: await hashPassword(password) },
      select: { id: true, email: true },
    });
    const joinedTeamIds = await acceptPendingInvitations(tx, user);
    return { userId: user.id, joinedTeamIds };
  },
});
