/**
 * The receiving side alone, for `start-tutor slack` (and any other single-platform receiver
 * process): a producer connection to Redis, the blob store, `commands/`, and the named adapters'
 * receivers started. Workers run elsewhere and post through the same adapters' posters. Slack in
 * HTTP mode is served here on PORT, beside /healthz and /readyz, and answers Slack's
 * event deliveries 503 while Redis is unavailable so that Slack redelivers them.
 */
import {
  ADAPTERS,
  createAdapters,
  type PlatformAdapter,
  SLACK_EVENTS_PATH,
  type SlackReceiver,
  slackOutageGate,
} from "../../adapters/index.js";
import { askLimits, type Commands, commandDeps, createCommands, QUEUE_RETRY_AFTER_S } from "../../commands/index.js";
import { createBlobStore } from "../blobs/index.js";
import type { BlobStore } from "../blobs/types.js";
import type { Config } from "../config.js";
import { readiness } from "../http/readiness.js";
import { type OpsServer, startOpsServer } from "../http/server.js";
import type { Logger } from "../logger.js";
import type { Platform, ReplyTarget } from "../question.js";
import { RedisAvailability } from "../queue/availability.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../queue/client.js";
import { runKeys } from "../queue/keys.js";

/** What a process needs to take questions in: a producer connection, the blob store and `commands/`. */
export interface CommandsConnection {
  client: QueueClient;
  blobs: BlobStore;
  commands: Commands;
  /** Whether Redis serves the queue right now (probed now and then, and told by every command that met an outage). */
  availability: RedisAvailability;
  close(): Promise<void>;
}

/** What a test may put in place of the real thing: the clock release dates are read against. */
export interface CommandsHooks {
  now?: () => Date;
}

/** One wiring of `commands/` over Redis, shared by `ask --via-queue`, the receivers and the workers. */
export function connectCommands(config: Config, logger: Logger, hooks: CommandsHooks = {}): CommandsConnection {
  const client = createQueueClient(queueClientSettings(config), { logger });
  const blobs = createBlobStore(client.redis, config);
  const availability = new RedisAvailability(client.redis, runKeys(config.QUEUE_PREFIX).probe, { logger }).start();
  const commands = createCommands(
    commandDeps({
      client,
      blobs,
      limits: askLimits(config),
      resultTtlS: config.QUEUE_RESULT_TTL_S,
      records: { retentionDays: config.RECORDS_RETENTION_DAYS, realNames: config.RECORDS_REAL_NAMES },
      quota: { perHour: config.QUOTA_PER_HOUR, perDay: config.QUOTA_PER_DAY },
      logger: logger.child({ component: "commands" }),
      ...(hooks.now && { now: () => hooks.now!().getTime() }),
    }),
    { onOutage: (err) => availability.reportFailure(err) },
  );
  return {
    client,
    blobs,
    commands,
    availability,
    async close() {
      availability.stop();
      await client.close();
    },
  };
}

/** What was left undone because of a Redis outage (asked now, briefly), for the one shutdown line. */
export async function outageLeft(availability: RedisAvailability): Promise<string[]> {
  if (availability.usable()) await availability.probe(1_000);
  const outage = availability.outage();
  if (!outage) return [];
  return [
    `a clean close of its Redis connections (Redis unavailable for ${Math.round(outage.forMs / 1000)} s: ${outage.error})`,
  ];
}

export interface Ingress {
  adapters: PlatformAdapter<ReplyTarget>[];
  availability: RedisAvailability;
  /** Slack in HTTP mode: the port it serves on. */
  httpPort: number | null;
  close(): Promise<void>;
}

export async function startIngress(config: Config, logger: Logger, platforms: readonly Platform[]): Promise<Ingress> {
  const connection = connectCommands(config, logger);
  const { blobs, commands, availability } = connection;
  const wanted = ADAPTERS.filter((adapter) => platforms.includes(adapter.platform));
  const adapters = await createAdapters(config, { commands, blobs, logger }, wanted);
  const receivers = adapters.flatMap((adapter) => (adapter.receiver ? [adapter.receiver] : []));
  const started: typeof receivers = [];
  let http: OpsServer | null = null;
  try {
    for (const receiver of receivers) {
      const slack = receiver as Partial<SlackReceiver>;
      if (slack.mode === "http" && slack.requestListener) {
        http = await serveSlackEvents(config, slack.requestListener, availability);
        continue;
      }
      await receiver.start();
      started.push(receiver);
    }
  } catch (err) {
    await Promise.allSettled(started.map((receiver) => receiver.stop()));
    await http?.close();
    await connection.close();
    throw err;
  }
  logger.info({ platforms: adapters.map((a) => a.platform), port: http?.port }, "receivers started");
  return {
    adapters,
    availability,
    httpPort: http?.port ?? null,
    async close() {
      await http?.close();
      await Promise.allSettled(started.map((receiver) => receiver.stop()));
      await connection.close();
    },
  };
}

/** `POST /slack/events` on PORT with /healthz and /readyz (Redis) beside it. */
function serveSlackEvents(
  config: Config,
  listener: NonNullable<SlackReceiver["requestListener"]>,
  availability: RedisAvailability,
): Promise<OpsServer> {
  return startOpsServer({
    port: config.PORT,
    host: config.SLACK_HTTP_HOST,
    health: () => ({ ok: true, redis: availability.usable() ? "available" : "unavailable" }),
    ready: () =>
      readiness({ redis: () => availability.probe().then((p) => (p.ok ? p : { ok: false, error: p.error })) }),
    mounts: [
      {
        prefix: SLACK_EVENTS_PATH,
        handler: slackOutageGate(listener, () => availability.usable(), QUEUE_RETRY_AFTER_S),
      },
    ],
  });
}
