import type { NextConfig } from "next";
import { staticHeaderRules } from "./lib/security/headers";
import { securitySettings } from "./lib/security/settings";

const security = securitySettings();

const nextConfig: NextConfig = {
  // Every page here is per-user and reads the database on each request, so
  // we render dynamically and do not turn on cacheComponents. The CSP nonce
  // (proxy.ts) needs that too: Next.js only marks scripts of dynamic renders.
  poweredByHeader: false,
  turbopack: {
    rules: {
      "*.css": {
        loaders: ["@tailwindcss/turbopack"],
        as: "*.css",
      },
    },
  },
  serverExternalPackages: ["@node-rs/argon2"],
  experimental: {
    // One setting (BODY_LIMIT_BYTES, default 1 MB) for Next.js' limit and the
    // proxy's 413, which answers before Next.js would fail with a 500.
    serverActions: {
      bodySizeLimit: security.bodyLimitBytes,
      allowedOrigins: [...security.allowedActionOrigins],
    },
  },
  // The path-only security headers for everything, static files included;
  // the proxy adds the CSP and HSTS to pages and route handlers.
  async headers() {
    return staticHeaderRules();
  },
};

export default nextConfig;
