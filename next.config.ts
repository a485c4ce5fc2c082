import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Every page here is per-user and reads the database on each request, so
  // we render dynamically and do not turn on cacheComponents.
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
};

export default nextConfig;
