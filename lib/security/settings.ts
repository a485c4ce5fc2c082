import { originOf } from "./headers";
import { parseBodyLimit } from "./requests";

// The settings proxy.ts and next.config.ts must agree on, read from the
// environment in one place. Neither may import lib/env.ts: next.config.ts
// runs before the app's environment is complete (at build), and the proxy
// should not parse the database or mail settings on every cold start.

export type SecuritySettings = {
  /** serverActions.bodySizeLimit and the proxy's 413 threshold. */
  bodyLimitBytes: number;
  /** serverActions.allowedOrigins: hosts besides our own that may post actions. */
  allowedActionOrigins: readonly string[];
  /** Where single sign-on sends the browser, allowed in CSP form-action. */
  formActionOrigins: readonly string[];
  dev: boolean;
};

export function securitySettings(env: Record<string, string | undefined> = process.env): SecuritySettings {
  const sso = env.OIDC_ISSUER ? originOf(env.OIDC_ISSUER) : null;
  return {
    bodyLimitBytes: parseBodyLimit(env.BODY_LIMIT_BYTES),
    allowedActionOrigins: [],
    formActionOrigins: sso ? [sso] : [],
    dev: env.NODE_ENV === "development",
  };
}
