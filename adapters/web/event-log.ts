/**
 * What the page (and any SSE client) sees of a run, as one Redis stream per run: status lines,
 * cells as they run, steps, the answer and `done`. Stream entry ids are the SSE event ids, so a
 * client that reconnects with `Last-Event-ID` gets exactly what it missed. Writers may be the
 * worker's poster (another process, another host) or the web server itself; a pub/sub ping per
 * append wakes the readers, and one subscriber connection serves every open event stream.
 */
import type { RevealPolicy } from "../../commands/index.js";
import { MODES, type Mode } from "../../src/question.js";
import { closeRedis, type RedisConnection } from "../../src/queue/connection.js";
import type { ResultStep, Rung } from "../../src/seam.js";
import type { RunState } from "../types.js";

export type RunEvent =
  /**
   * The one status line of a run (queued, thinking, running cell N, done…): `state` says where
   * the run is (the worker's `RunState`; absent in lines the web server writes while it waits).
   */
  | { type: "status"; state?: RunState; text: string }
  /** A Python cell the model wrote, before it runs (cell indexes count from 1). */
  | { type: "cell"; index: number; code: string }
  /**
   * That cell ran (and whether it failed). What it printed is not streamed: it may state the
   * answer, and reaches the page with the presented steps once the withholding pass has decided.
   */
  | { type: "output"; index: number; error: boolean }
  | { type: "step"; index: number; total: number; step: ResultStep }
  /**
   * `reveal`: the space's policy (the page keeps the answer behind Reveal, or shows none with
   * `never`); `rendered`: the answer step (typeset by the page once Reveal is pressed).
   */
  | {
      type: "answer";
      answer: string | null;
      correct?: boolean;
      reveal?: RevealPolicy;
      rendered?: ResultStep;
      /** The steps withheld from the thread because they state or compute the answer (shown on Reveal). */
      withheld?: ResultStep[];
      /** What "next" hands out first (hint mode, a right check): another hint or the worked solution. */
      next?: Rung;
      /** That button's label (the page has no catalog of its own). */
      nextLabel?: string;
      /**
       * A `/check` of an assignment problem whose worked solutions are released after the due date:
       * the page offers "See a worked solution" (Reveal, which says when before then).
       */
      release?: true;
    }
  | { type: "failure"; code: string; message: string }
  /** The last event of every run. */
  | { type: "done"; status: "ok" | "error" | "cancelled" };

export interface LoggedEvent {
  /** The stream entry id (`<ms>-<seq>`): the SSE `id:` field. */
  id: string;
  event: RunEvent;
  /** The poster's context key for posts, so `findPosted` can tell whether a post happened. */
  key?: string;
}

export interface EventLogKeys {
  stream(jobId: string): string;
  /** Which dedupe keys were appended already (a cell relayed by two web servers appears once). */
  seen(jobId: string): string;
  /** Hash created when the run is asked through the web API: `live` = 1 when cells may be shown live. */
  meta(jobId: string): string;
  channel: string;
}

export function eventLogKeys(prefix: string): EventLogKeys {
  return {
    stream: (jobId) => `${prefix}:runs:web:${jobId}`,
    seen: (jobId) => `${prefix}:runs:web-seen:${jobId}`,
    meta: (jobId) => `${prefix}:runs:web-meta:${jobId}`,
    channel: `${prefix}:runs:web-events`,
  };
}

// Appends unless `dedupe` was seen or the run does not qualify (ARGV[5]: 1 = asked through the
// web API, 2 = and its cells may be shown live), refreshes the TTLs, and pings the readers.
const APPEND = `
if ARGV[5] ~= '0' then
  local live = redis.call('HGET', KEYS[4], 'live')
  if not live or (ARGV[5] == '2' and live ~= '1') then return false end
end
if ARGV[3] ~= '' then
  if redis.call('HSETNX', KEYS[2], ARGV[3], '1') == 0 then return false end
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1], 'k', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[4], ARGV[4])
redis.call('PUBLISH', KEYS[3], ARGV[6])
return id
`;

export interface AppendOptions {
  /** The poster's context key, kept with the entry for `findPosted`. */
  key?: string;
  /** Appended at most once per run under this name (e.g. `cell:2`, `done`). */
  dedupe?: string;
  /**
   * `web-run`: append only to a run asked through the web API (other surfaces have no page to
   * feed); `live-cells`: and only when its mode may show cells as they run (not hint or check,
   * whose cell outputs would give the answer away).
   */
  only?: "web-run" | "live-cells";
}

export class RunEventLog {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: EventLogKeys,
    private readonly ttlS: number,
  ) {}

  /**
   * Marks a run as asked through the web API, before it is enqueued. Hint and check runs do not
   * show cells live: a cell's output would give the answer away.
   */
  async open(jobId: string, mode: Mode): Promise<void> {
    const live = mode === "solve" || mode === "explain" ? "1" : "0";
    await this.redis
      .multi()
      .hset(this.keys.meta(jobId), { mode, live })
      .expire(this.keys.meta(jobId), this.ttlS)
      .exec();
  }

  /** Forgets a run that was refused before it was enqueued. */
  async forget(jobId: string): Promise<void> {
    await this.redis.del(this.keys.meta(jobId), this.keys.stream(jobId), this.keys.seen(jobId));
  }

  /** The run's mode, or null when the run was not asked through the web API (or has expired). */
  async meta(jobId: string): Promise<{ mode: Mode } | null> {
    const mode = await this.redis.hget(this.keys.meta(jobId), "mode");
    return mode && (MODES as readonly string[]).includes(mode) ? { mode: mode as Mode } : null;
  }

  /** The entry id, or null when nothing was appended (seen before, or not a qualifying run). */
  async append(jobId: string, event: RunEvent, options: AppendOptions = {}): Promise<string | null> {
    const only = options.only === "live-cells" ? "2" : options.only === "web-run" ? "1" : "0";
    const id = await this.redis.eval(
      APPEND,
      4,
      this.keys.stream(jobId),
      this.keys.seen(jobId),
      this.keys.channel,
      this.keys.meta(jobId),
      JSON.stringify(event),
      options.key ?? "",
      options.dedupe ?? "",
      String(this.ttlS),
      only,
      jobId,
    );
    return typeof id === "string" ? id : null;
  }

  /** Whether the run was asked through the web API (only those are served by it). */
  async isWebRun(jobId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.meta(jobId))) === 1;
  }

  /** Entries after `afterId` (exclusive; everything when null), oldest first. */
  async read(jobId: string, afterId: string | null, count = 500): Promise<LoggedEvent[]> {
    const start = afterId ? `(${afterId}` : "-";
    const entries = await this.redis.xrange(this.keys.stream(jobId), start, "+", "COUNT", count);
    return entries.map(([id, fields]) => toLogged(id, fields));
  }

  /** The entry posted under a poster context key, if any (scans one run's stream: tens of entries). */
  async findByKey(jobId: string, key: string): Promise<LoggedEvent | null> {
    const all = await this.read(jobId, null, 10_000);
    return all.find((entry) => entry.key === key) ?? null;
  }
}

function toLogged(id: string, fields: string[]): LoggedEvent {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
  const key = values.get("k");
  return { id, event: JSON.parse(values.get("e") ?? "null") as RunEvent, ...(key ? { key } : {}) };
}

/** A valid stream id (what a client may send back as `Last-Event-ID`). */
export function isEventId(value: string): boolean {
  return /^\d{1,20}-\d{1,20}$/.test(value);
}

/**
 * One subscriber connection for every open event stream of this process: `watch(jobId, wake)`
 * calls `wake` whenever something was appended to that run.
 */
export class EventLogHub {
  private readonly watchers = new Map<string, Set<() => void>>();
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly subscriber: RedisConnection,
    private readonly keys: EventLogKeys,
  ) {
    subscriber.on("message", (channel: string, jobId: string) => {
      if (channel !== keys.channel) return;
      for (const wake of this.watchers.get(jobId) ?? []) wake();
    });
  }

  /** Resolves once the subscription is live, so nothing appended after it is missed. */
  async watch(jobId: string, wake: () => void): Promise<() => void> {
    this.ready ??= this.subscriber.subscribe(this.keys.channel);
    await this.ready;
    const set = this.watchers.get(jobId) ?? new Set<() => void>();
    this.watchers.set(jobId, set);
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.watchers.delete(jobId);
    };
  }

  get watching(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    this.watchers.clear();
    await closeRedis(this.subscriber);
  }
}
