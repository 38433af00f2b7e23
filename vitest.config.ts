import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "domain/**/*.test.ts",
      "db/**/*.test.ts",
      "server/**/*.test.ts",
      "scripts/**/*.test.ts",
      // pure console logic (no DOM); what a person does in the browser is in test/e2e
      "web/src/**/*.test.ts",
      // pure field-app logic (the dictionaries)
      "web/field/src/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["db/test-global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
