/**
 * The adapter registry: every platform the bot can talk to, one line each. `start` starts the
 * receivers of every adapter whose credentials are set; the worker posts through `routePosts`.
 * Adapter modules are reached only through this file.
 */
import type { Config } from "../src/config.js";
import type { ReplyTarget } from "../src/question.js";
import { NoPosterError, type Poster } from "../src/worker/poster.js";
import { cliAdapter } from "./cli/index.js";
import { discordAdapter } from "./discord/index.js";
import { slackAdapter } from "./slack/index.js";
import type { AdapterDefinition, AdapterDeps, PlatformAdapter } from "./types.js";
import { webAdapter } from "./web/index.js";

export { discordAdapter, nonceFor, registerCommands } from "./discord/index.js";
export {
  EVENTS_PATH as SLACK_EVENTS_PATH,
  type SlackReceiver,
  slackManifest,
  slackOutageGate,
} from "./slack/index.js";
export { zodTarget } from "./targets.js";
export type * from "./types.js";
export { checkWebAccess, isLoopback, runningWebServer, type WebServer, webRunKeys } from "./web/index.js";

/** Every known adapter. A new platform adds its definition here (one line). */
export const ADAPTERS: readonly AdapterDefinition[] = [cliAdapter, discordAdapter, slackAdapter, webAdapter];

/** The adapters whose credentials are set in `config`. */
export function configuredAdapters(
  config: Config,
  registry: readonly AdapterDefinition[] = ADAPTERS,
): AdapterDefinition[] {
  return registry.filter((adapter) => adapter.isConfigured(config));
}

/** Creates (without connecting) every configured adapter, loading only their platforms' SDKs. */
export function createAdapters(
  config: Config,
  deps: AdapterDeps,
  registry: readonly AdapterDefinition[] = ADAPTERS,
): Promise<PlatformAdapter<ReplyTarget>[]> {
  return Promise.all(configuredAdapters(config, registry).map((adapter) => adapter.create(config, deps)));
}

/**
 * One Poster over stored targets: picks the adapter by `target.platform` and parses the target
 * into its typed form. No adapter, or a target that does not parse, is a `NoPosterError` (final:
 * the run is reported as `platform_unavailable`, not retried).
 */
export function routePosts(adapters: readonly PlatformAdapter<ReplyTarget>[]): Poster {
  const byPlatform = new Map(adapters.map((adapter) => [adapter.platform, adapter]));
  const pick = (raw: ReplyTarget): { adapter: PlatformAdapter<ReplyTarget>; target: ReplyTarget } => {
    const adapter = byPlatform.get(raw.platform);
    if (!adapter) throw new NoPosterError(`no adapter for platform "${raw.platform}" in this process`);
    const parsed = adapter.parseTarget(raw);
    if (!parsed.ok) throw new NoPosterError(`bad ${raw.platform} reply target: ${parsed.problem}`);
    return { adapter, target: parsed.target };
  };
  return {
    async post(raw, message, context) {
      const { adapter, target } = pick(raw);
      return adapter.poster.post(target, message, context);
    },
    async edit(raw, messageId, status, context) {
      const { adapter, target } = pick(raw);
      return adapter.poster.edit(target, messageId, status, context);
    },
    async findPosted(raw, context) {
      const { adapter, target } = pick(raw);
      return adapter.poster.findPosted(target, context);
    },
  };
}
