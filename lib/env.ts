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
  // The address people reach Liftoff at, for links in mail. next-auth reads
  // the same variable.
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  // Mail: without SMTP_URL each message is printed to the server log instead.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Liftoff <liftoff@localhost>"),
  // "0" keeps this process from delivering mail (another process does).
  MAIL_WORKER: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1"),
  // Notification mail: events for one person on one feature within this many
  // seconds go out as one mail; the daily digest leaves at this hour (UTC).
  NOTIFY_BATCH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // Single sign-on through any OpenID Connect provider; absent = no button.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(40).default("single sign-on"),
  // Sign-in throttling: password checks allowed per account and per client
  // address within the window.
  SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  SIGNIN_MAX_PER_CLIENT: z.coerce.number().int().positive().default(100),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  // How many reverse proxies in front of the app append to X-Forwarded-For;
  // the client address is read that many entries from the right.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  LIFTOFF_LOG_QUERIES: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export const env = envSchema.parse(process.env);
