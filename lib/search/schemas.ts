import { z } from "zod";
import { hasControlCharacters } from "@/lib/schemas/common";

/** The longest text the palette searches for: longer input is cut, not refused. */
export const SEARCH_TEXT_MAX = 100;

/** What the command palette sends: the text typed, trimmed. */
export const paletteSearchSchema = z
  .object({
    q: z
      .string()
      .trim()
      .transform((text) => text.slice(0, SEARCH_TEXT_MAX))
      .refine((text) => !hasControlCharacters(text), { error: "Remove the invisible control characters." }),
  })
  .strict();

export type PaletteSearch = z.output<typeof paletteSearchSchema>;
