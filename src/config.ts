/**
 * The one place configuration comes from: the environment, validated by a single zod schema.
 * Parse once at process start (`loadConfig()`); pass the result down instead of reading
 * `process.env` elsewhere.
 */
import { z } from "zod";

/**
 * START's evaluation settings: temperature 0.6, top-p 0.95, no top-k cut, no repetition penalty,
 * no min-p. Sent explicitly: vLLM fills any parameter a request leaves out from the checkpoint's
 * generation_config.json (Qwen2.5-family configs say top_k 20, repetition_penalty 1.05).
 */
export const START_SAMPLING = {
  temperature: 0.6,
  topP: 0.95,
  topK: -1,
  repetitionPenalty: 1,
  minP: 0,
} as const;

/** START's instruction for math problems, appended to the question (START_PROMPT_SUFFIX overrides it). */
export const START_PROMPT_SUFFIX = "Please reason step by step, and put your final answer within \\boxed{}.";

const bool = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int(`must be a whole number between ${min} and ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** A whole number that may be left unset (the code then derives a value). */
const optionalInt = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int(`must be a whole number between ${min} and ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .optional();

const url = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be an http:// or https:// URL (${what})` })
    .transform((u) => u.replace(/\/+$/, ""));

/** Discord allows at most this many shards a bot (enough for millions of servers). */
const MAX_DISCORD_SHARDS = 16_384;

/**
 * `auto`, or the shard ids this process runs out of the total: `0/2`, `0-3/8`, `0,2/4`. Parsed
 * to `"auto"` or `{ ids, count }` (ids sorted, each once).
 */
const discordShards = z.string().transform((value, ctx) => {
  const text = value.trim();
  if (text === "auto") return "auto" as const;
  const fail = (why: string) => {
    ctx.addIssue({
      code: "custom",
      message: `must be \`auto\` or this process's shard ids out of the total, e.g. 0/2, 0-3/8 or 0,2/4 (${why})`,
    });
    return z.NEVER;
  };
  const match = /^([\d,\s-]+)\/(\d+)$/.exec(text);
  if (!match) return fail("no `/total`");
  const count = Number(match[2]);
  if (count < 1 || count > MAX_DISCORD_SHARDS) return fail(`the total is between 1 and ${MAX_DISCORD_SHARDS}`);
  const ids = new Set<number>();
  for (const part of match[1]!.split(",").map((p) => p.trim())) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) return fail(`"${part}" is not an id or a range`);
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to < from || to >= count) return fail(`ids run from 0 to ${count - 1}`);
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return { ids: [...ids].sort((a, b) => a - b), count };
});

/** `host:port,host:port` → [{host, port}]. */
const hostPorts = (what: string) =>
  z.string().transform((value, ctx) => {
    const nodes = value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(part));
    if (nodes.length === 0 || nodes.some((m) => !m || Number(m[2]) < 1 || Number(m[2]) > 65535)) {
      ctx.addIssue({ code: "custom", message: `must be host:port pairs separated by commas (${what})` });
      return z.NEVER;
    }
    return nodes.map((m) => ({ host: m![1]!.replace(/^\[|\]$/g, ""), port: Number(m![2]) }));
  });

export const configSchema = z.object({
  // Inference server (OpenAI-compatible: vLLM/SGLang serving START, or a hosted model).
  OPENAI_BASE_URL: url("e.g. http://127.0.0.1:8000/v1 for vLLM serving START").optional(),
  OPENAI_API_KEY: z.string().default("EMPTY"),
  START_MODEL: z.string().min(1).default("START"),
  START_TRANSPORT: z
    .enum(["completions", "chat"], {
      error: "must be `completions` (raw prompt, START's native format) or `chat` (tool calling, hosted models)",
    })
    .default("completions"),
  /**
   * Chat template for the completions transport: `qwen` = <|im_start|>role\n…<|im_end|> (START);
   * `qwq` = the same with the assistant turn opened by `<think>\n` (QwQ-32B); `r1` = DeepSeek's
   * <｜User｜>…<｜Assistant｜><think>\n (R1 and its distills); `plain` = "User: … Assistant: ".
   * @defaultValue "qwen"
   */
  START_CHAT_TEMPLATE: z
    .enum(["qwen", "qwq", "r1", "plain"], {
      error: "must be qwen (START), qwq (QwQ-32B), r1 (R1, R1-distill) or plain",
    })
    .default("qwen"),
  START_SYSTEM_PROMPT: z.string().optional(),
  /**
   * Appended to the user's question: START's math instruction by default.
   * @defaultValue "Please reason step by step, and put your final answer within \\boxed{}."
   */
  START_PROMPT_SUFFIX: z.string().default(START_PROMPT_SUFFIX),
  START_TEMPERATURE: z.coerce.number().min(0).max(2).default(START_SAMPLING.temperature),
  START_TOP_P: z.coerce.number().gt(0).max(1).default(START_SAMPLING.topP),
  /**
   * Sent explicitly, or vLLM takes it from the checkpoint's generation config (Qwen2.5-family: 20).
   * @defaultValue -1 (no top-k cut, as START was evaluated)
   */
  START_TOP_K: z.coerce.number().int().min(-1).default(START_SAMPLING.topK),
  /** @defaultValue 1 (no penalty; a Qwen2.5-family generation config would apply 1.05) */
  START_REPETITION_PENALTY: z.coerce.number().gt(0).max(2).default(START_SAMPLING.repetitionPenalty),
  /** @defaultValue 0 (off) */
  START_MIN_P: z.coerce.number().min(0).max(1).default(START_SAMPLING.minP),
  /**
   * Send top_k, repetition_penalty and min_p (vLLM/SGLang fields); turn off for hosted APIs that
   * refuse fields they do not know.
   * @defaultValue true
   */
  START_EXTRA_SAMPLING: bool(true),
  /** Completion tokens per model call (max_tokens, as START's harnesses count it). @defaultValue 32768 */
  START_MAX_TOKENS: int(32768, 16, 1_000_000),
  /** Completion tokens per question, across every call. @defaultValue 65536 */
  START_MAX_RUN_TOKENS: int(65536, 16, 10_000_000),
  /** The model's context window (vLLM's --max-model-len): prompt + max_tokens stay within it. @defaultValue 32768 */
  START_CONTEXT_TOKENS: int(32768, 256, 10_000_000),
  START_MAX_TOOL_CALLS: int(6, 0, 100),
  START_HINTS: z.enum(["off", "end", "wait"]).default("end"),
  START_MAX_HINTS: int(1, 0, 20),
  START_DEADLINE_MS: int(600_000, 1_000, 24 * 3_600_000),
  /** Per HTTP request to the model (a streamed continuation), not per question. */
  START_REQUEST_TIMEOUT_MS: int(120_000, 100, 3_600_000),
  START_MAX_RETRIES: int(4, 0, 20),
  /** A stream that sends nothing this long is dropped and resumed (vLLM streams tokens continuously). */
  START_STREAM_IDLE_MS: int(120_000, 100, 3_600_000),
  START_OUTPUT_CHARS: int(800, 80, 100_000),
  START_MAX_QUESTION_CHARS: int(20_000, 100, 1_000_000),
  /** `ask` and `eval` answer with the built-in scripted demo model (what `npm start` uses without OPENAI_BASE_URL). */
  START_DEMO: bool(false),

  // Sandbox
  SANDBOX_PYTHON: z.string().default("/usr/bin/python3"),
  SANDBOX_CELL_TIMEOUT_MS: int(30_000, 100, 3_600_000),
  SANDBOX_MEMORY_MB: int(1024, 64, 1_048_576),
  /** Processes and threads per session (RLIMIT_NPROC): a math cell needs a handful. */
  SANDBOX_MAX_PROCESSES: int(32, 1, 100_000),
  SANDBOX_MAX_FILE_MB: int(50, 1, 1_048_576),
  SANDBOX_SCRATCH_MB: int(100, 1, 1_048_576),
  SANDBOX_OUTPUT_BYTES: int(1_000_000, 1_000, 1_000_000_000),
  SANDBOX_MAX_ATTACHMENT_MB: int(20, 1, 10_240),
  /** Files per question: enough for a data set and its description, few enough to read in a prompt. */
  SANDBOX_MAX_ATTACHMENTS: int(5, 1, 20),
  SANDBOX_POOL_SIZE: int(2, 0, 256),
  SANDBOX_UID: int(65534, 1, 4_294_967_294),
  /**
   * CPU seconds one session (a question) may use in total: all of its processes, over every cell
   * and interpreter restart, counted by the host from the kernel's figures (each process is also
   * held to it by RLIMIT_CPU).
   */
  SANDBOX_CPU_SECONDS: int(300, 1, 86_400),
  /** Nice level of every sandboxed process and of each session's scheduling group: below the host's 0. */
  SANDBOX_NICE: int(10, 0, 19),
  /** Figures returned per cell; more are dropped with a note on stderr. */
  SANDBOX_MAX_FIGURES: int(10, 0, 100),
  /** Figures one question keeps over all its cells, and their size together (on disk and in Redis). */
  SANDBOX_MAX_FIGURES_PER_QUESTION: int(30, 0, 1_000),
  SANDBOX_MAX_FIGURE_MB_PER_QUESTION: int(20, 1, 1_024),
  /** Inodes (files, dirs) the scratch tmpfs holds: each costs kernel memory its size limit does not count. */
  SANDBOX_SCRATCH_INODES: int(4096, 64, 10_000_000),
  /**
   * `auto` = bubblewrap, else `insecure` if SANDBOX_ALLOW_INSECURE (with a warning); or force one.
   * (`unshare` was removed: it shared the host's files and sockets.)
   */
  SANDBOX_ISOLATION: z
    .enum(["auto", "bubblewrap", "insecure"], {
      error: "must be auto, bubblewrap or insecure (the unshare fallback was removed: install bubblewrap)",
    })
    .default("auto"),
  /**
   * Per-session totals (memory incl. tmpfs/kernel, pids, CPU) in a delegated cgroup v2 subtree:
   * `auto` = this process's own cgroup when it is delegated to us, `off`, or the path of one.
   */
  SANDBOX_CGROUP: z
    .string()
    .refine((v) => v === "auto" || v === "off" || v.startsWith("/sys/fs/cgroup/"), {
      error: "must be auto, off, or a delegated directory under /sys/fs/cgroup/",
    })
    .default("auto"),
  /** With bubblewrap: fork sessions from one pre-imported zygote (needs SANDBOX_POOL_SIZE > 0). */
  SANDBOX_ZYGOTE: bool(true),
  /**
   * Sessions one zygote forks before a fresh one takes over: forks share the zygote's Python
   * string hash secret (it cannot change after start), so this bounds how many sessions share one.
   */
  SANDBOX_ZYGOTE_MAX_FORKS: int(100, 1, 1_000_000),
  /** Run code without isolation when bubblewrap does not work. Never in production. */
  SANDBOX_ALLOW_INSECURE: bool(false),

  // Rendering
  RENDER_THEME: z.enum(["dark", "light"]).default("dark"),
  RENDER_WORKERS: int(2, 0, 64),
  RENDER_CACHE_ENTRIES: int(500, 0, 1_000_000),
  /** Widest formula image in pixels (2× scale); wider formulas are broken at relations or shrunk. */
  RENDER_MAX_WIDTH: int(1100, 200, 20_000),
  /** Longest formula accepted, in bytes of LaTeX; longer ones are refused before typesetting. */
  RENDER_MAX_FORMULA_BYTES: int(10_000, 100, 1_000_000),
  /** Most lines (rows of a matrix or align block) in one formula. */
  RENDER_MAX_ROWS: int(200, 1, 100_000),
  /** Per formula on the worker pool; a worker over the limit is replaced. */
  RENDER_TIMEOUT_MS: int(10_000, 100, 600_000),

  // Presenting: the write-up pass after the run (one more model call), checked and with a fallback.
  /** `off` skips the write-up: steps come from the deterministic presenter. */
  PRESENT_REWRITE: bool(true),
  /** Model for the write-up; defaults to START_MODEL (same server). */
  PRESENT_MODEL: z.string().min(1).optional(),
  /** Server for the write-up, e.g. a smaller or hosted model; defaults to OPENAI_BASE_URL. */
  PRESENT_BASE_URL: url("OpenAI-compatible server for the write-up").optional(),
  /** Key for PRESENT_BASE_URL; defaults to OPENAI_API_KEY. */
  PRESENT_API_KEY: z.string().optional(),
  /** `completions` or `chat` for the write-up call; defaults to START_TRANSPORT. */
  PRESENT_TRANSPORT: z.enum(["completions", "chat"], { error: "must be `completions` or `chat`" }).optional(),
  /** The whole write-up call; on timeout the deterministic presenter's steps are used. */
  PRESENT_TIMEOUT_MS: int(90_000, 100, 3_600_000),
  PRESENT_MAX_TOKENS: int(4096, 64, 1_000_000),
  /** Longest explanation per step in a chat message, in characters. */
  PRESENT_STEP_CHARS: int(1200, 200, 20_000),

  // Queue / worker
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379" })
    .default("redis://127.0.0.1:6379"),
  /**
   * Redis Cluster: seed nodes `host:port,…` (any masters or replicas; the rest are discovered).
   * Overrides REDIS_URL; QUEUE_PREFIX must then carry a hash tag, e.g. `{start-tutor}`.
   */
  REDIS_CLUSTER_NODES: hostPorts("Redis Cluster seed nodes, e.g. 10.0.0.1:6379,10.0.0.2:6379").optional(),
  /** Sentinel: the sentinels `host:port,…`; with REDIS_SENTINEL_NAME. Overrides REDIS_URL. */
  REDIS_SENTINELS: hostPorts("sentinels, e.g. 10.0.0.1:26379,10.0.0.2:26379").optional(),
  /** Sentinel: the monitored master's name (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  /** Password (AUTH) for Cluster nodes and for the Sentinel-managed master; REDIS_URL carries its own. */
  REDIS_PASSWORD: z.string().min(1).optional(),
  QUEUE_PREFIX: z.string().default("start-tutor"),
  /**
   * Runs in flight per worker process; unset = from the host's cores and memory (see
   * src/worker/capacity.ts): 4 per core, at most one per 64 MB of half the memory, 2 to 64.
   */
  WORKER_CONCURRENCY: optionalInt(1, 10_000),
  /** Attempts per run (1 = no retry); retries only for transient failures (model 5xx/timeouts, Redis). */
  QUEUE_ATTEMPTS: int(3, 1, 20),
  /** First retry delay; doubles per attempt. */
  QUEUE_BACKOFF_MS: int(5_000, 0, 3_600_000),
  /** How long finished jobs stay in BullMQ (results live separately, see QUEUE_RESULT_TTL_S). */
  QUEUE_KEEP_COMPLETED_S: int(3_600, 0, 30 * 86_400),
  QUEUE_KEEP_FAILED_S: int(7 * 86_400, 0, 90 * 86_400),
  /** A redelivered platform event within this window is recognised and not run again. */
  QUEUE_DEDUPE_TTL_S: int(86_400, 60, 30 * 86_400),
  /** Results (transcript, steps, answer) kept for follow-ups, "show code", "retry" and `ask --via-queue`. */
  QUEUE_RESULT_TTL_S: int(3 * 86_400, 60, 90 * 86_400),
  /** Class records (what was asked and decided, per space) are deleted this many days after they were made. */
  RECORDS_RETENTION_DAYS: int(180, 1, 3_650),
  /** Teachers' reports name students by their platform id instead of "student 7". */
  RECORDS_REAL_NAMES: bool(false),
  /** Questions per student per hour and per day in a space, unless a policy says otherwise; 0 = no limit. */
  QUOTA_PER_HOUR: int(0, 0, 100_000),
  QUOTA_PER_DAY: int(0, 0, 1_000_000),
  /** Token buckets checked before enqueueing: burst size and refill per minute; 0 burst = no limit. */
  QUEUE_USER_BURST: int(5, 0, 100_000),
  QUEUE_USER_PER_MINUTE: int(6, 1, 1_000_000),
  QUEUE_SPACE_BURST: int(60, 0, 1_000_000),
  QUEUE_SPACE_PER_MINUTE: int(120, 1, 10_000_000),
  /** Cap on in-flight runs across every worker process (0 = only WORKER_CONCURRENCY per process). */
  WORKER_GLOBAL_CONCURRENCY: int(0, 0, 100_000),
  /** Job lock; a worker that dies loses its runs to another worker after about this long. */
  WORKER_LOCK_MS: int(30_000, 1_000, 600_000),
  /**
   * How often each worker looks for runs whose worker died (their lock expired): a dead worker's
   * runs move on within WORKER_LOCK_MS + this.
   */
  WORKER_STALLED_INTERVAL_MS: int(5_000, 500, 600_000),
  /** On SIGTERM/SIGINT: let in-flight runs finish this long, then hand them back to the queue. */
  WORKER_SHUTDOWN_MS: int(25_000, 0, 3_600_000),
  /** At most one progress status edit per run per this interval. */
  WORKER_STATUS_EDIT_MS: int(1_500, 250, 60_000),
  /** Exit (for the supervisor to restart us) when Redis has not served the queue's keys for this long (errors or silence). */
  WORKER_REDIS_DEAD_MS: int(30_000, 1_000, 3_600_000),
  /** /healthz and /metrics of `start-tutor worker` (0 = off). */
  WORKER_HTTP_PORT: int(9464, 0, 65535),
  /** Address the ops server binds: loopback unless a scraper elsewhere must reach it. */
  WORKER_HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * Largest blob the store keeps: an attachment (also capped by SANDBOX_MAX_ATTACHMENT_MB) or a
   * step image. Blobs live in Redis beside the queue and expire with the results (QUEUE_RESULT_TTL_S).
   */
  BLOB_MAX_MB: int(25, 1, 1_024),
  /** Where runs write their images (one folder per job). */
  WORKER_OUT_DIR: z.string().default("/tmp/start-tutor/runs"),

  /** The bull-board dashboard at /admin/queues on WORKER_HTTP_PORT; off unless a password is set. */
  DASHBOARD_USER: z.string().min(1).default("admin"),
  DASHBOARD_PASSWORD: z.string().min(12, "must be at least 12 characters (it guards the queue dashboard)").optional(),

  // Platforms
  /** Bot token; when set, `start` runs the Discord adapter. */
  DISCORD_TOKEN: z.string().optional(),
  /** Application id, for `register-commands`. */
  DISCORD_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, "must be the numeric Application ID from the developer portal")
    .optional(),
  /**
   * REST base as discord.js's `rest.api` takes it (`/v10` is appended); the gateway URL is read from
   * `GET {base}/v10/gateway/bot`, so this one setting moves both (tests point it at a local fake).
   * @defaultValue discord.js's own, `https://discord.com/api`
   */
  DISCORD_API_URL: url("Discord REST base, e.g. https://discord.com/api").optional(),
  /**
   * Gateway shards this receiver runs: `auto` (all that Discord recommends, in this process) or
   * `<ids>/<total>` to split them over processes, e.g. `0/2` here and `1/2` in another. Discord
   * sends each server's events to one shard, so every event reaches one process.
   * @defaultValue one process, one shard (0/1)
   */
  DISCORD_SHARDS: discordShards.optional(),
  /** Slack bot token (`xoxb-…`): every Web API call and file download. */
  SLACK_BOT_TOKEN: z.string().optional(),
  /** HTTP mode: verifies each request's signature and 5-minute timestamp window. */
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** App-level token (`xapp-…`, scope connections:write): when set, Slack runs in Socket Mode. */
  SLACK_APP_TOKEN: z.string().optional(),
  /** Bolt's `clientOptions.slackApiUrl`; @defaultValue https://slack.com/api/ (tests point it at a fake). */
  SLACK_API_URL: url("Slack Web API base, e.g. https://slack.com/api/").optional(),
  /** HTTP mode: the address POST /slack/events binds on PORT. @defaultValue 0.0.0.0 */
  SLACK_HTTP_HOST: z.string().min(1).default("0.0.0.0"),
  /** Posts and edits in one Slack channel: a burst of 3, then one per this interval (Slack allows about one per second). */
  SLACK_POST_INTERVAL_MS: int(1_000, 0, 60_000),
  /** The web page, the HTTP API and Slack's HTTP mode (`start`, `start-tutor web`). */
  PORT: int(3000, 0, 65535),
  /**
   * Where the web page and API listen. Anything but loopback serves other machines and needs WEB_TOKEN.
   * @defaultValue `127.0.0.1`
   */
  WEB_HOST: z.string().min(1).default("127.0.0.1"),
  /** Bearer token every `/api` call must send when WEB_HOST is not loopback (`Authorization: Bearer …`). */
  WEB_TOKEN: z.string().min(16, "must be at least 16 characters (it guards the HTTP API)").optional(),
  /**
   * The teacher token: logs a teacher in to the page at `/teacher` (create assignments, read
   * reports, download CSV). Unset: the teacher page is off.
   */
  WEB_TEACHER_TOKEN: z.string().min(16, "must be at least 16 characters (it guards the teacher page)").optional(),
  /**
   * The spaces the teacher token may read, as a comma list of ids (Discord server ids, Slack team
   * ids, `web` for this site's page). Unset: every space with class records or assignments.
   */
  WEB_TEACHER_SPACES: z
    .string()
    .transform((value) => {
      const spaces = [...new Set(value.split(",").map((part) => part.trim()))].filter(Boolean);
      return spaces.length > 0 ? spaces : undefined;
    })
    .optional(),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws one ConfigError listing every bad variable in plain words. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`FOO=`) means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) {
    const problems = redisTopologyProblems(result.data, present);
    if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
    return result.data;
  }
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const value = env[name];
    return `${name} ${issue.message}${value === undefined ? "" : ` (got ${JSON.stringify(value)})`}`;
  });
  throw new ConfigError(`invalid configuration: ${lines.join("; ")}`);
}

/** The model endpoint, or a friendly error saying how to configure one. */
export function requireModelEndpoint(config: Config): string {
  if (!config.OPENAI_BASE_URL) {
    throw new ConfigError(
      "OPENAI_BASE_URL is not set: point it at an OpenAI-compatible server, e.g. vLLM serving START " +
        "(OPENAI_BASE_URL=http://127.0.0.1:8000/v1), or set START_DEMO=1 for the scripted demo model",
    );
  }
  return config.OPENAI_BASE_URL;
}

/**
 * One Redis topology at a time, and what each needs: Sentinel a master name, Cluster a hash tag in
 * QUEUE_PREFIX (BullMQ's Lua scripts and ours touch several keys at once, which a cluster allows
 * only within one slot; a tag such as `{start-tutor}` puts every key of the queue in the same one).
 */
function redisTopologyProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const cluster = Boolean(config.REDIS_CLUSTER_NODES);
  const sentinel = Boolean(config.REDIS_SENTINELS);
  if (cluster && sentinel) problems.push("set REDIS_CLUSTER_NODES or REDIS_SENTINELS, not both");
  if ((cluster || sentinel) && env.REDIS_URL !== undefined) {
    problems.push(`REDIS_URL is set together with ${cluster ? "REDIS_CLUSTER_NODES" : "REDIS_SENTINELS"}: unset one`);
  }
  if (sentinel && !config.REDIS_SENTINEL_NAME) {
    problems.push("REDIS_SENTINELS needs REDIS_SENTINEL_NAME, the name of the master the sentinels monitor");
  }
  if (!sentinel && config.REDIS_SENTINEL_NAME) problems.push("REDIS_SENTINEL_NAME is set without REDIS_SENTINELS");
  if (cluster && !/\{[^{}]+\}/.test(config.QUEUE_PREFIX)) {
    problems.push(
      `QUEUE_PREFIX must contain a hash tag on Redis Cluster, e.g. QUEUE_PREFIX={${config.QUEUE_PREFIX.replace(/[{}]/g, "") || "start-tutor"}} ` +
        `(got ${JSON.stringify(config.QUEUE_PREFIX)}): the queue's scripts need every key in one slot`,
    );
  }
  return problems;
}
