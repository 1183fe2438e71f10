/**
 * What one platform (Discord, Slack, web, CLI) implements to plug into the bot, like Bolt's
 * Receiver: a receiver that turns platform events into `Commands` calls and acknowledges them,
 * and a poster that sends a run's messages to the platform's typed reply target. Adapters
 * translate; `commands/` decides; the core runs. Register an adapter with one line in
 * `adapters/index.ts`.
 */
import type { Commands } from "../commands/index.js";
import type { BlobStore } from "../src/blobs/types.js";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { Platform, ReplyTarget } from "../src/question.js";
import type { Poster } from "../src/seam.js";

export type {
  FindPosted,
  OutgoingMessage,
  PostContext,
  Poster,
  RunState,
  StatusLine,
} from "../src/seam.js";
export { isFinalState } from "../src/seam.js";
export type { Platform, ReplyTarget };

/**
 * The result of reading a stored target back: jobs carry targets as JSON, so every adapter checks
 * the shape once (e.g. with zod) instead of casting fields.
 */
export type TargetParse<T> = { ok: true; target: T } | { ok: false; problem: string };

/** Events in: started by `start` (or `start-tutor discord|slack|web`), stopped on shutdown. */
export interface Receiver {
  /** Connects (gateway, Socket Mode, HTTP listener) and starts turning events into `Commands` calls. */
  start(): Promise<void>;
  /** Stops taking events and closes connections; idempotent. */
  stop(): Promise<void>;
}

/**
 * One platform. `T` is its reply target, e.g.
 * `interface DiscordTarget extends ReplyTarget { platform: "discord"; channelId: string; threadId?: string }`.
 */
export interface PlatformAdapter<T extends ReplyTarget> {
  readonly platform: T["platform"];
  /** Checks a stored target's shape; the worker reports a bad one as `platform_unavailable` (not retried). */
  parseTarget(raw: ReplyTarget): TargetParse<T>;
  /** `null` for a post-only adapter (the CLI: `ask --via-queue` reads the stored result). */
  readonly receiver: Receiver | null;
  readonly poster: Poster<T>;
  /** Releases what the poster holds (e.g. the web poster's Redis connection); called once on shutdown. */
  close?(): Promise<void>;
}

/** What the registry hands an adapter when it creates one. */
export interface AdapterDeps {
  /** Every decision on an incoming event: ask, actions, settings, help. */
  commands: Commands;
  /** Step images (`image.blob`) are read from here to upload them. */
  blobs: BlobStore;
  logger: Logger;
}

/**
 * An adapter as the registry sees it. `create` must not connect to anything: workers create
 * adapters only for their posters and never start the receiver; `start` starts receivers.
 */
export interface AdapterDefinition<T extends ReplyTarget = ReplyTarget> {
  platform: T["platform"];
  /** True when this platform's credentials are set (e.g. DISCORD_TOKEN and DISCORD_APP_ID). Loads nothing. */
  isConfigured(config: Config): boolean;
  /**
   * May first load its platform's SDK (discord.js, Bolt): a process loads only the SDKs of the
   * platforms it talks to, since loading one costs more CPU than the rest of a worker's start.
   */
  create(config: Config, deps: AdapterDeps): PlatformAdapter<T> | Promise<PlatformAdapter<T>>;
}
