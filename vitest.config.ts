/**
 * Two tiers (test/tiers.ts says which file is which): `unit` runs first, every file in parallel;
 * `integration` runs after it with more workers than cores, because its files mostly wait on
 * processes, Redis and Python rather than compute. `npm test` runs both; `npm run test:unit` and
 * `npm run test:integration` one each.
 */
import { defineConfig } from "vitest/config";
import WeighedSequencer from "./test/support/sequencer.js";
import { integrationGlobs, TEST_FILES } from "./test/tiers.js";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Longest files first also on a clean clone (see the sequencer).
    sequence: { sequencer: WeighedSequencer },
    // The suite runs on busy shared machines: sandboxed cells at their default nice 10 would wait
    // for every other test process. Their priority is tested where it is the subject.
    env: { SANDBOX_NICE: "0" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: TEST_FILES,
          exclude: integrationGlobs,
          setupFiles: ["test/support/unit-guard.ts"],
          maxWorkers: 2,
          // Files share their worker's module cache (half the CPU of a fresh process per file):
          // a unit test leaves no global state behind (fake timers are restored after each test).
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: integrationGlobs,
          // Upper bounds, not speed checks: a test that starts processes on a busy machine may
          // take minutes; what is fast is measured by `npm run bench`.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
