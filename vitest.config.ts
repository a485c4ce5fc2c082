import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // server-only throws outside a React server bundle; in tests the
      // modules run in plain Node, which is the server.
      "server-only": path.resolve(__dirname, "tests/server-only-noop.ts"),
    },
  },
  test: {
    include: ["{lib,tests,prisma,scripts}/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    env: {
      DATABASE_URL:
        process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_test",
      NODE_ENV: "test",
    },
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
