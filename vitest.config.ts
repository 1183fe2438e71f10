import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "commands/**/*.test.ts",
      "adapters/**/*.test.ts",
      "render/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The suite runs on busy shared machines: sandboxed cells at their default nice 10 would wait
    // for every other test process. Their priority is tested where it is the subject.
    env: { SANDBOX_NICE: "0" },
  },
});
