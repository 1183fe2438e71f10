/**
 * Expiry counts from a run's end: a question that waits behind a long backlog — longer than the
 * results' TTL — still finds its attachment when it runs, and its files, records and the page's
 * keys live a whole TTL after it ends. Before, they expired a TTL after the question was queued and
 * the run failed with `attachment_missing`.
 */
import { Readable } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commandDeps, createCommands } from "../../commands/index.js";
import { RedisBlobStore } from "../../src/blobs/redis.js";
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import type { RunQuestion } from "../../src/pipeline/types.js";
import { createQueueClient } from "../../src/queue/client.js";
import { runKeys } from "../../src/queue/keys.js";
import { startWorker } from "../../src/worker/worker.js";
import { answeredResult } from "../bench/queue-rig.js";
import { dropPrefix, type TestRedis, testRedis, uniquePrefix } from "../support/redis.js";
import { recordedPosts, recordingPoster } from "./collaborators.js";
import { waitFor } from "./processes.js";
import { testClientSettings, testWorkerSettings } from "./settings.js";

const TTL_S = 3;
let server: TestRedis;
let redis: Redis;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await testRedis();
  redis = new Redis(server.url);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => redis.disconnect());

describe("expiry from completion", () => {
  it("keeps a waiting question's attachment past the TTL, and everything of the run a TTL after it ends", async () => {
    const prefix = uniquePrefix("expiry");
    cleanups.push(() => dropPrefix(server.url, prefix));
    const keys = runKeys(prefix);
    const client = createQueueClient(testClientSettings(server.url, prefix));
    cleanups.push(() => client.close());
    const blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 1024 * 1024, ttlS: TTL_S });
    const commands = createCommands(
      commandDeps({
        client,
        blobs,
        limits: { maxQuestionChars: 1000, maxAttachmentBytes: 1024 * 1024, maxAttachments: 2 },
        resultTtlS: TTL_S,
      }),
    );
    const pageKey = (jobId: string) => `${prefix}:runs:web-meta:${jobId}`;

    // One run at a time, the first one three TTLs long: the second waits behind it.
    const seenAtStart = new Map<string, { blobTtlMs: number; read: boolean }>();
    const runQuestion: RunQuestion = async (question, { blobs: store }) => {
      if (question.text === "backlog") {
        await new Promise((r) => setTimeout(r, 3 * TTL_S * 1000));
        return answeredResult(question.id, []);
      }
      const attachment = question.attachments[0]!;
      const blobTtlMs = await redis.pttl(blobs.key(attachment.blob.id));
      const read = await store.get(attachment.blob).then(
        (bytes) => bytes.toString() === "x,y\n1,2\n",
        () => false,
      );
      seenAtStart.set(question.id, { blobTtlMs, read });
      return answeredResult(question.id, []);
    };
    const worker = await startWorker(testWorkerSettings(server.url, prefix, { concurrency: 1, resultTtlS: TTL_S }), {
      runQuestion,
      poster: recordingPoster(redis, prefix),
      surfaceKeys: (jobId) => [pageKey(jobId)],
      metrics: createMetrics(),
      logger: silentLogger,
    });
    cleanups.push(() => worker.close(0));

    const ask = async (eventId: string, text: string, withFile: boolean) => {
      const reply = await commands.ask({
        eventId,
        text,
        mode: "solve",
        user: `u-${eventId}`,
        space: "s",
        attachments: withFile
          ? [
              {
                name: "data.csv",
                contentType: "text/csv",
                open: async () => Readable.from([Buffer.from("x,y\n1,2\n")]),
              },
            ]
          : [],
        replyTarget: { platform: "web" },
      });
      if (reply.kind !== "queued") throw new Error(`not queued: ${JSON.stringify(reply)}`);
      return reply.jobId;
    };
    const first = await ask("backlog", "backlog", false);
    await waitFor("the backlog to start", async () => (await client.runs.state(first)) === "active");
    const waiting = await ask("waits", "What is the mean of y?", true);
    // The page marks a web run when it is asked (adapters/web), with the results' TTL.
    await redis.set(pageKey(waiting), "1", "EX", TTL_S);

    // The run stored its result, and renewed every TTL, after the last look that found no result
    // yet: a moment to count from however late (on a loaded machine) the next look came.
    let notYetAt = Date.now();
    await waitFor("the waiting run to be answered", async () => {
      const lookedAt = Date.now();
      if ((await redis.exists(keys.result(waiting))) === 0) notYetAt = lookedAt;
      return (await recordedPosts(redis, prefix)).some((p) => p.jobId === waiting && p.kind === "answer");
    });
    const atStart = seenAtStart.get("waits");
    expect(atStart?.read).toBe(true);
    // Renewed when the run started, more than two TTLs after the file was stored.
    expect(atStart?.blobTtlMs).toBeGreaterThan((TTL_S - 1) * 1000);

    // Every key of the finished run has (about) a whole TTL ahead of it, counted from its end.
    const question = (await client.runs.queue.getJob(waiting))!.data;
    const ttls = await Promise.all(
      [blobs.key(question.attachments[0]!.blob.id), keys.question(waiting), keys.result(waiting), pageKey(waiting)].map(
        (key) => redis.pttl(key),
      ),
    );
    const elapsed = Date.now() - notYetAt;
    for (const ttl of ttls) {
      // (PTTL counts whole milliseconds: a few of rounding.)
      expect(ttl).toBeGreaterThan(TTL_S * 1000 - elapsed - 10);
      expect(ttl).toBeLessThanOrEqual(TTL_S * 1000);
    }
  }, 60_000);
});
