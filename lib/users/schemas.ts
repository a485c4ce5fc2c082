import { z } from "zod";

// Shared by the forms (client) and the server actions.

/** An email address; `missing` is what an empty field says (whose address it is). */
export function emailAddressSchema(missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .toLowerCase()
    .min(1, { error: missing })
    .max(254, { error: "That email is too long." })
    .pipe(z.email({ error: "Enter a valid email, like name@example.com." }));
}

/** The person's own address (sign-up, sign-in, password reset). */
export const emailSchema = emailAddressSchema("Enter your email.");

// NIST 800-63B: length only, no composition rules; long passphrases welcome.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters.` });

export const signUpSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, { error: "Enter your name." })
      .max(100, { error: "Use at most 100 characters." }),
    email: emailSchema,
    password: newPasswordSchema,
    // Set when signing up from an invitation link: proves the address.
    invitation: z.string().max(200).optional(),
  })
  .strict();

// A link's token as it arrives in a form or URL; its shape is checked where it is used.
const tokenField = z.string({ error: "This link is not valid." }).min(1, { error: "This link is not valid." }).max(200);

export const verifyEmailSchema = z.object({ token: tokenField }).strict();

export const requestPasswordResetSchema = z.object({ email: emailSchema }).strict();

export const resetPasswordSchema = z.object({ token: tokenField, password: newPasswordSchema }).strict();

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, { error: "Enter your current password." })
      .max(PASSWORD_MAX),
    password: newPasswordSchema,
  })
  .strict();

export const emptySchema = z.object({}).strict();

export const revokeSessionSchema = z.object({ sessionId: z.uuid({ error: "Unknown session." }) }).strict();

export const invitationTokenSchema = z.object({ token: tokenField }).strict();

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }).max(PASSWORD_MAX),
});
