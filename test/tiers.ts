/**
 * Which test file runs in which tier (vitest.config.ts builds its two projects from this list).
 * Unit: pure logic, many files in parallel, no process, no socket — test/support/unit-guard.ts
 * makes each of those throw there. Integration: real Redis, real Python, the real platform clients
 * against the fakes, whole processes. A file not listed here is a unit test, so a new file that
 * needs Redis or Python fails in the unit tier until it is listed here on purpose.
 */

/** Folders (ending in "/") whose every test is an integration test, and single integration test files. */
export const INTEGRATION_TESTS = [
  "test/cli/",
  "test/containers/",
  "test/e2e/",
  "test/engine/",
  "test/eval/",
  "test/fakes/",
  "test/ops/",
  "test/queue/",
  "test/sandbox/",
  "test/seam/",
  "test/slack/",
  "test/web/",
  "adapters/discord/poster.test.ts",
  "adapters/discord/register.test.ts",
  "adapters/slack/poster.test.ts",
  "adapters/slack/receiver.test.ts",
  "adapters/web/event-log.test.ts",
  "adapters/web/runs.test.ts",
  "commands/commands.test.ts",
  "src/blobs/redis.test.ts",
  "src/cli/grade.test.ts",
  "src/cli/render.test.ts",
  "src/eval/model-check.test.ts",
  "src/pipeline/pipeline.test.ts",
  "src/sandbox/host-procs.test.ts",
  "src/present/quality.test.ts",
  "src/present/writeup/writeup.test.ts",
  "src/worker/post-once.test.ts",
  "src/worker/processor.test.ts",
  "test/look/cli.test.ts",
  "test/look/views.test.ts",
  "commands/assign.test.ts",
];

/** Where test files live. */
export const TEST_FILES = [
  "src/**/*.test.ts",
  "commands/**/*.test.ts",
  "adapters/**/*.test.ts",
  "render/**/*.test.ts",
  "test/**/*.test.ts",
];

/** INTEGRATION_TESTS as globs vitest takes. */
export const integrationGlobs = INTEGRATION_TESTS.map((entry) =>
  entry.endsWith("/") ? `${entry}**/*.test.ts` : entry,
);
