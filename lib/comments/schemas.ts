import { z } from "zod";
import { id } from "@/lib/schemas/common";

// Shared by the comment form (client) and the addComment command.

export const COMMENT_MAX = 10_000;


export const commentBodySchema = z
  .string({ error: "Write a comment first." })
  .trim()
  .min(1, { error: "Write a comment first." })
  .max(COMMENT_MAX, { error: `Keep a comment under ${COMMENT_MAX.toLocaleString("en-US")} characters.` });

export const addCommentSchema = z
  .object({ teamId: id("team"), featureId: id("feature"), body: commentBodySchema })
  .strict();
