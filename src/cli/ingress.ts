/**
 * The receiving side alone, for `start-tutor slack` (and any other single-platform receiver
 * process): a producer connection to Redis, the blob store, `commands/`, and the named adapters'
 * receivers started. Workers run elsewhere and post through the same adapters' posters.
 */
import { createAdapters, type PlatformAdapter } from "../../adapters/index.js";
import { askLimits, type Commands, commandDeps, createCommands } from "../../commands/index.js";
import { createBlobStore } from "../blobs/index.js";
import type { BlobStore } from "../blobs/types.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Platform, ReplyTarget } from "../question.js";
import { createQueueClient, type QueueClient, queueClientSettings } from "../queue/client.js";

/** What a process needs to take questions in: a producer connection, the blob store and `commands/`. */
export interface CommandsConnection {
  client: QueueClient;
  blobs: BlobStore;
  commands: Commands;
}

/** One wiring of `commands/` over Redis, shared by `ask --via-queue`, the receivers and the workers. */
export function connectCommands(config: Config, logger: Logger): CommandsConnection {
  const client = createQueueClient(queueClientSettings(config), { logger });
  const blobs = createBlobStore(client.redis, config);
  const commands = createCommands(
    commandDeps({
      client,
      blobs,
      limits: askLimits(config),
      resultTtlS: config.QUEUE_RESULT_TTL_S,
      logger: logger.child({ component: "commands" }),
    }),
  );
  return { client, blobs, commands };
}

export interface Ingress {
  adapters: PlatformAdapter<ReplyTarget>[];
  close(): Promise<void>;
}

export async function startIngress(config: Config, logger: Logger, platforms: readonly Platform[]): Promise<Ingress> {
  const { client, blobs, commands } = connectCommands(config, logger);
  const adapters = createAdapters(config, { commands, blobs, logger }).filter((a) => platforms.includes(a.platform));
  const receivers = adapters.flatMap((adapter) => (adapter.receiver ? [adapter.receiver] : []));
  try {
    await Promise.all(receivers.map((receiver) => receiver.start()));
  } catch (err) {
    await Promise.allSettled(receivers.map((receiver) => receiver.stop()));
    await client.close();
    throw err;
  }
  logger.info({ platforms: adapters.map((a) => a.platform) }, "receivers started");
  return {
    adapters,
    async close() {
      await Promise.allSettled(receivers.map((receiver) => receiver.stop()));
      await client.close();
    },
  };
}
