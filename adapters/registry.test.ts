import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Commands } from "../commands/index.js";
import { MemoryBlobStore } from "../src/blobs/memory.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { NoPosterError } from "../src/worker/poster.js";
import {
  ADAPTERS,
  type AdapterDefinition,
  configuredAdapters,
  createAdapters,
  type ReplyTarget,
  routePosts,
  zodTarget,
} from "./index.js";

interface ChatTarget extends ReplyTarget {
  platform: "web";
  room: string;
}

/** A platform as an adapter session writes one: typed target, a poster that records what it got. */
function chatAdapter(posted: Array<{ room: string; kind: string }>): AdapterDefinition<ChatTarget> {
  return {
    platform: "web",
    isConfigured: (config) => config.PORT > 0,
    create: () => ({
      platform: "web",
      parseTarget: zodTarget<ChatTarget>(z.object({ platform: z.literal("web"), room: z.string().min(1) })),
      receiver: null,
      poster: {
        async post(target, message) {
          posted.push({ room: target.room, kind: message.kind });
          return { messageId: `m${posted.length}` };
        },
        async edit() {},
        async findPosted() {
          return { outcome: "not_posted" };
        },
      },
    }),
  };
}

/** The real registry without the real web adapter: the fake above plays the web platform. */
const REAL = ADAPTERS.filter((adapter) => adapter.platform !== "web");

const deps = { commands: {} as Commands, blobs: new MemoryBlobStore({ maxBytes: 1, ttlS: 1 }), logger: silentLogger };
const context = { jobId: "q-1", key: "q-1:status" };

describe("adapter registry", () => {
  it("posts through the adapter of the target's platform, with the target parsed into its own type", async () => {
    const posted: Array<{ room: string; kind: string }> = [];
    const config = loadConfig({});
    const adapters = await createAdapters(config, deps, [...REAL, chatAdapter(posted)]);
    expect(adapters.map((a) => a.platform)).toEqual(["cli", "web"]);
    const poster = routePosts(adapters);
    expect(
      await poster.post({ platform: "web", room: "r1" }, { kind: "status", state: "running", text: "…" }, context),
    ).toEqual({
      messageId: "m1",
    });
    expect(posted).toEqual([{ room: "r1", kind: "status" }]);
    expect(await poster.findPosted({ platform: "web", room: "r1" }, context)).toEqual({ outcome: "not_posted" });
  });

  it("refuses, as final, a platform nobody configured and a target that does not parse", async () => {
    const poster = routePosts(await createAdapters(loadConfig({}), deps, [...REAL, chatAdapter([])]));
    await expect(
      poster.post({ platform: "slack", channel: "C1" }, { kind: "status", state: "running", text: "x" }, context),
    ).rejects.toThrow(NoPosterError);
    await expect(
      poster.post({ platform: "web", room: 5 }, { kind: "status", state: "running", text: "x" }, context),
    ).rejects.toThrow(/bad web reply target: room/);
  });

  it("turns on only the adapters whose credentials are set", () => {
    const registry = [...REAL, chatAdapter([])];
    expect(configuredAdapters(loadConfig({ PORT: "0" }), registry).map((a) => a.platform)).toEqual(["cli"]);
  });
});
