import { z } from "zod";

// Shared by the forms (client) and the server actions.

export const emailSchema = z
  .string({ error: "Enter your email." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter your email." })
  .max(254, { error: "That email is too long." })
  .pipe(z.email({ error: "Enter a valid email, like name@example.com." }));

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
  })
  .strict();

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: "Enter your password." }).max(PASSWORD_MAX),
});
