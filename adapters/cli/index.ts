/**
 * The CLI as a platform: `ask --via-queue` goes through `commands/` like every surface, but nobody
 * reads a thread — the CLI reads the stored result — so its poster only acknowledges.
 */
import type { AdapterDefinition, ReplyTarget, TargetParse } from "../types.js";

export interface CliTarget extends ReplyTarget {
  platform: "cli";
}

export function parseCliTarget(raw: ReplyTarget): TargetParse<CliTarget> {
  return raw.platform === "cli"
    ? { ok: true, target: { platform: "cli" } }
    : { ok: false, problem: "not a CLI target" };
}

export const cliAdapter: AdapterDefinition<CliTarget> = {
  platform: "cli",
  isConfigured: () => true,
  create: () => ({
    platform: "cli",
    parseTarget: parseCliTarget,
    receiver: null,
    poster: {
      post: async (_target, _message, context) => ({ messageId: context.key }),
      edit: async () => {},
      findPosted: async (_target, context) => ({ outcome: "posted", messageId: context.key }),
    },
  }),
};
