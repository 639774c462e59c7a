import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Generous: a PGlite start takes seconds on a quiet machine and much longer on a busy one.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
