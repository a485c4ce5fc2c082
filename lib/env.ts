import { z } from "zod";

// Parsed once at start-up so a missing or malformed setting fails loudly
// instead of surfacing as a confusing error on some request later.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .default("postgresql://postgres@127.0.0.1:5432/liftoff"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  LIFTOFF_LOG_QUERIES: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export const env = envSchema.parse(process.env);
