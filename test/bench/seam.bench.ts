/**
 * What self-contained jobs cost on the loopback round trip (commands.ask → worker → result
 * stored): the same question with no files and no images, and with a 1 MB attachment streamed into
 * the blob store at enqueue, read by the worker, and 10 step images (20 kB each) stored at the end.
 * Samples alternate between the two so that load on the machine hits both alike.
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { Readable } from "node:stream";
import { commandDeps, createCommands, type IncomingAttachment } from "../../commands/index.js";
import { RedisBlobStore } from "../../src/blobs/redis.js";
import type { ResultStep, RunQuestion, StepImage } from "../../src/pipeline/types.js";
import { answeredResult, withQueue } from "./queue-rig.js";
import { ms, percentile, summary } from "./stats.js";

/** 1 MB of CSV (random bytes would be refused: binary under a text name). */
const ATTACHMENT = Buffer.from(
  `x,y\n${Array.from({ length: 90_000 }, (_, i) => `${i},${(i * 7919) % 100_003}`).join("\n")}\n`,
).subarray(0, 1024 * 1024);
const IMAGE = randomBytes(20 * 1024);
const IMAGES = 10;
const SAMPLES = 200;
const WARMUP = 20;

/** Reads the attachments the way the pipeline does and stores 10 images when the question has files. */
const runQuestion: RunQuestion = async (question, { blobs }) => {
  await Promise.all(question.attachments.map((a) => blobs.get(a.blob)));
  const withImages = question.attachments.length > 0;
  // One image per step, stored concurrently as the step renderer does.
  const steps = await Promise.all(
    Array.from({ length: IMAGES }, async (_, s): Promise<ResultStep> => {
      const images: StepImage[] = withImages
        ? [
            {
              kind: "formula",
              filename: "formula-1.png",
              alt: "x^2",
              width: 100,
              height: 40,
              blob: await blobs.put(IMAGE, { contentType: "image/png" }),
            },
          ]
        : [];
      return { title: `Step ${s + 1}`, markdown: "x", text: "x", images, parts: [{ kind: "text", text: "x" }] };
    }),
  );
  return answeredResult(question.id, steps);
};

/** Microseconds Redis has spent executing commands so far (INFO commandstats), for CPU accounting. */
async function redisCommandUsec(redis: { info(section: string): Promise<string> }): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/,usec=(\d+),/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export default async function seamBench(): Promise<void> {
  await withQueue("seam", runQuestion, 8, async ({ client, prefix, completed }) => {
    const blobs = new RedisBlobStore(client.redis, { prefix, maxBytes: 32 * 1024 * 1024, ttlS: 600 });
    const commands = createCommands(
      commandDeps({
        client,
        blobs,
        limits: { maxQuestionChars: 20_000, maxAttachmentBytes: 20 * 1024 * 1024, maxAttachments: 5 },
        resultTtlS: 600,
      }),
    );
    const file: IncomingAttachment = {
      name: "data.csv",
      bytes: ATTACHMENT.length,
      // A download arrives in 64 kB chunks.
      open: async () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < ATTACHMENT.length; i += 65_536) yield ATTACHMENT.subarray(i, i + 65_536);
          })(),
        ),
    };
    const roundTrip = async (id: string, attachments: IncomingAttachment[]): Promise<number> => {
      const t0 = performance.now();
      const jobId = `q-${id}`;
      const done = completed(jobId);
      const reply = await commands.ask({
        eventId: id,
        text: "What is the sum?",
        mode: "solve",
        attachments,
        replyTarget: { platform: "cli" },
        user: "bench",
        space: "bench",
      });
      if (reply.kind !== "queued") throw new Error(`not queued: ${JSON.stringify(reply)}`);
      await done;
      return performance.now() - t0;
    };
    const plain: number[] = [];
    const heavy: number[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      const a = await roundTrip(`plain-${i}`, []);
      const b = await roundTrip(`blobs-${i}`, [file]);
      if (i >= WARMUP) {
        plain.push(a);
        heavy.push(b);
      }
    }
    // The blob work alone, without the queue around it: what the difference above should be.
    const alone: number[] = [];
    let cpu = process.cpuUsage();
    let redisUsec = await redisCommandUsec(client.redis);
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      if (i === WARMUP) {
        cpu = process.cpuUsage();
        redisUsec = await redisCommandUsec(client.redis);
      }
      const t0 = performance.now();
      const attachment = await blobs.put(await file.open(), { contentType: "text/csv" });
      await blobs.get(attachment);
      const images = await Promise.all(
        Array.from({ length: IMAGES }, () => blobs.put(IMAGE, { contentType: "image/png" })),
      );
      await blobs.expire([attachment, ...images], 600);
      if (i >= WARMUP) alone.push(performance.now() - t0);
      await blobs.delete([attachment, ...images]);
    }
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 / SAMPLES;
    const redisMs = ((await redisCommandUsec(client.redis)) - redisUsec) / 1000 / SAMPLES;
    console.log(summary("round trip, no files, no images", plain));
    console.log(summary("round trip, 1 MB attachment + 10 images", heavy));
    const added = percentile(heavy, 50) - percentile(plain, 50);
    console.log(`${"blobs add (p50 difference)".padEnd(44)} ${ms(added)}   target < 5 ms`);
    console.log(summary("blob work alone (put, get, 10 puts, expire)", alone));
    // CPU spent, not time waited: what the blob work costs on an idle machine, whatever the load now.
    console.log(`${"blob work CPU (this process + Redis server)".padEnd(44)} ${ms(cpuMs)} + ${ms(redisMs)}`);
    console.log(
      `${"load average (1 min) while measuring".padEnd(44)} ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
  });
}
