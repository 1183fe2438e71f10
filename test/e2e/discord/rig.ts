/**
 * Everything a Discord end-to-end test runs, as a user's deployment would: the fake Discord, the
 * scripted model, real Redis, and `start-tutor discord` and `start-tutor worker` as child
 * processes (the real discord.js Client inside one, the real sandbox inside the other), each in
 * its own process group so a test can SIGKILL a worker with its sandboxes and start another.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll } from "vitest";
import { nonceFor } from "../../../adapters/index.js";
import { loadConfig } from "../../../src/config.js";
import { parseScript, type Script } from "../../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../../src/fake-model/server.js";
import { jobIdFor, runKeys } from "../../../src/queue/keys.js";
import { runStatus } from "../../../src/worker/progress.js";
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type FakeMessage,
  type RecordedInteraction,
} from "../../fakes/discord/server.js";
import { cliCommand } from "../../support/cli.js";
import { freePort } from "../../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../../support/redis.js";

export interface Proc {
  child: ChildProcess;
  pid: number;
  exited: Promise<unknown>;
  /** SIGKILLs the whole process group (the sandboxes die with it). */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  stderr(): string;
}

export interface Rig {
  fake: FakeDiscord;
  model: FakeModelServer;
  redisUrl: string;
  prefix: string;
  env: Record<string, string>;
  receiver(extra?: Record<string, string>): Promise<Proc>;
  worker(extra?: Record<string, string>): Promise<Proc>;
  close(): Promise<void>;
}

/** START-like transcripts: the numbers come from Python, never from the script. */
export const SCRIPT = parseScript({
  scenarios: [
    {
      name: "circle",
      match: "area of a circle",
      turns: [
        "The area of a circle is\n\\[ A = \\pi r^2 \\]\nWith $r = 3$ that is $A = 9\\pi$; let me get the decimal value.\n```python\nimport math\nprint(round(math.pi * 3**2, 4))\n```\n```output",
        "Python gives {{output}}.\n\nSo the area is $9\\pi \\approx {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "collatz",
      match: "Collatz",
      turns: [
        "Follow the Collatz rule from 27 and count the steps to reach 1.\n```python\ndef collatz_steps(n):\n    steps = 0\n    while n != 1:\n        if n % 2 == 0:\n            n //= 2\n        else:\n            n = 3 * n + 1\n        steps += 1\n    return steps\n\n\nstart = 27\nprint(f'steps from {start}: {collatz_steps(start)}')\n```\n```output",
        "Python counts them: {{output}}.\n\n**Final Answer**\n\\[ \\boxed{111} \\]",
      ],
    },
    {
      name: "odd-sum",
      match: "odd numbers",
      turns: [
        "The first $n$ odd numbers are $1, 3, 5, \\ldots, 2n - 1$. Let me add the first 50 with Python.\n```python\nprint(sum(range(1, 100, 2)))\n```\n```output",
        "Python says {{output}}. The sum of the first $n$ odd numbers should be $n^2$; let me check that with $n = 50$.\n```python\nprint(50**2)\n```\n```output",
        "The formula agrees with the direct sum.\n\nThe sum of the first 50 odd numbers is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "slow",
      match: "slowly",
      turns: [
        "This needs a long computation.\n```python\nimport time\ntime.sleep(120)\nprint('finished')\n```\n```output",
        "It printed {{output}}.\n\n\\[ \\boxed{1} \\]",
      ],
    },
    {
      // A model that takes two minutes to say anything: runs stay in flight (for the ack benchmark).
      name: "stalled",
      match: "keep me waiting",
      turns: ["Done waiting.\n\n\\[ \\boxed{1} \\]"],
      faults: [{ kind: "slow", delayMs: 120_000 }],
    },
    {
      // /analyze: the attached CSV is read with pandas and charted; every number comes from the sandbox.
      name: "scores",
      match: "/data/scores\\.csv",
      turns: [
        "To compare the classes, average the scores of each class:\n\\[ \\bar{s}_k = \\frac{1}{n_k} \\sum_{i \\in k} s_i \\]\n```python\n# Average score per class\nimport pandas as pd\ndf = pd.read_csv('/data/scores.csv')\nmeans = df.groupby('klass')['score'].mean()\nprint(', '.join(f'{k}: {v:.1f}' for k, v in means.items()))\n```\n```output",
        "The class averages are {{output}}.\n\nA bar chart shows the gap between the classes.\n```python\n# Chart the averages\nimport matplotlib.pyplot as plt\nmeans.plot(kind='bar', title='Average score per class')\nplt.ylabel('score')\nplt.show()\n```\n```output",
        "The chart shows one class clearly ahead.\n```python\nprint(means.idxmax())\n```\n```output",
        "Class {{output}} has the higher average.\n\n**Final Answer**\n\\[ \\boxed{\\text{ {{output}} }} \\]",
      ],
    },
    {
      // /explain: an explanation checks an example with Python and needs no boxed answer.
      name: "pythagoras",
      match: "pythagor",
      turns: [
        "The Pythagorean theorem says that in a right triangle with legs $a$, $b$ and hypotenuse $c$,\n\\[ a^2 + b^2 = c^2 \\]\n\nFor the 3-4-5 triangle both sides should agree.\n```python\nprint(3**2 + 4**2)\n```\n```output",
        "So $3^2 + 4^2 = {{output}} = 5^2$, and the 3-4-5 triangle is a right triangle, as the theorem says.",
      ],
    },
    {
      name: "steps",
      match: "three parts",
      turns: [
        "First, $a = 2 + 3$.\n```python\nprint(2 + 3)\n```\n```output",
        "So $a = {{output}}$. Second, $b = a \\cdot 4$.\n```python\nprint(5 * 4)\n```\n```output",
        "So $b = {{output}}$. Third, $c = b - 1$.\n```python\nprint(20 - 1)\n```\n```output",
        "So $c = {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      // A question in Spanish: the write-up follows the question's language, the bot's own words too.
      name: "circulo",
      match: "área de un círculo",
      turns: [
        "El área de un círculo es\n\\[ A = \\pi r^2 \\]\nCon $r = 3$ queda $A = 9\\pi$; calculemos su valor decimal.\n```python\nimport math\nprint(round(math.pi * 3**2, 4))\n```\n```output",
        "Python da {{output}}.\n\nAsí que el área es $9\\pi \\approx {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      // A model that gets a fraction sum wrong (numerators and denominators added): an assignment's answer key overrides it.
      name: "fraction-sum",
      match: "fraction sum",
      turns: [
        "To add fractions, add the numerators and add the denominators.\n```python\nfrom fractions import Fraction\nprint(Fraction(1 + 1, 2 + 3))\n```\n```output",
        "Python gives {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

export async function startRig(options: FakeDiscordOptions = {}, script: Script = SCRIPT): Promise<Rig> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000, ...options });
  const model = await startFakeModel(script);
  const { url: redisUrl } = await testRedis();
  const prefix = uniquePrefix("discord-e2e");
  // The processes' own temp folder: what a SIGKILLed worker leaves behind goes with the rig.
  const tmp = mkdtempSync(join(tmpdir(), "discord-e2e-"));
  // The sandbox's unprivileged uid must be able to reach its folders under it.
  chmodSync(tmp, 0o755);
  const env = {
    TMPDIR: tmp,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    OPENAI_BASE_URL: model.url,
    DISCORD_TOKEN: fake.token,
    DISCORD_APP_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: "warn",
    WORKER_LOCK_MS: "2000",
    WORKER_STALLED_INTERVAL_MS: "1000",
    WORKER_STATUS_EDIT_MS: "250",
    QUEUE_BACKOFF_MS: "100",
    QUEUE_USER_BURST: "0",
    QUEUE_SPACE_BURST: "0",
    SANDBOX_POOL_SIZE: "0",
    SANDBOX_ZYGOTE: "false",
    // The "slowly" cell must still be running when a test presses Cancel, even on a loaded machine.
    SANDBOX_CELL_TIMEOUT_MS: "300000",
    RENDER_WORKERS: "0",
    WORKER_OUT_DIR: join(tmp, "runs"),
  };
  const procs = new Set<Proc>();
  const spawnCli = async (command: string, extra: Record<string, string>): Promise<Proc> => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|OPENAI|START|QUEUE|WORKER|REDIS)_/.test(k)),
    );
    const child = spawn(process.execPath, [...cliCommand(), command], {
      env: { ...clean, ...env, ...extra },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exited = once(child, "exit");
    const proc: Proc = {
      child,
      pid: child.pid!,
      exited,
      async kill() {
        try {
          process.kill(-proc.pid, "SIGKILL");
        } catch {}
        await exited;
      },
      async stop() {
        try {
          process.kill(-proc.pid, "SIGTERM");
        } catch {}
        await exited;
      },
      stderr: () => err,
    };
    procs.add(proc);
    void exited.then(() => procs.delete(proc));
    return proc;
  };
  return {
    fake,
    model,
    redisUrl,
    prefix,
    env,
    async receiver(extra = {}) {
      const proc = await spawnCli("discord", extra);
      // A receiver of some shards is connected when each of them is.
      const shards = loadConfig(extra).DISCORD_SHARDS;
      await Promise.race([
        typeof shards === "object" ? fake.gateway.whenShardsConnected(shards.ids) : fake.gateway.whenConnected(),
        proc.exited.then(() => {
          throw new Error(`start-tutor discord exited before connecting:\n${proc.stderr()}`);
        }),
      ]);
      return proc;
    },
    async worker(extra = {}) {
      const port = await freePort();
      const proc = await spawnCli("worker", { WORKER_HTTP_PORT: String(port), ...extra });
      const deadline = Date.now() + 120_000;
      for (;;) {
        const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (healthy) return proc;
        if (proc.child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`start-tutor worker did not become healthy:\n${proc.stderr()}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      // SIGTERM first, so a worker closes its sandbox and removes its scratch root from /tmp; a
      // process still there after the grace period (a run that will not stop) is SIGKILLed.
      await Promise.all(
        [...procs].map(async (p) => {
          const killLater = setTimeout(() => void p.kill(), 5_000);
          await p.stop();
          clearTimeout(killLater);
        }),
      );
      await fake.close();
      await model.close();
      await dropPrefix(redisUrl, prefix);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * One rig with a receiver and a worker for the whole test file: started before its tests, closed
 * after them; their stderr is printed when a test fails.
 */
export function rigForFile(script: Script = SCRIPT): { rig: Rig; receiver: Proc; worker: Proc } {
  const running = {} as { rig: Rig; receiver: Proc; worker: Proc };
  beforeAll(async () => {
    running.rig = await startRig({}, script);
    running.receiver = await running.rig.receiver();
    running.worker = await running.rig.worker();
  }, 180_000);
  afterEach((context) => {
    if (context.task.result?.state === "fail") {
      console.error(`receiver stderr:\n${running.receiver.stderr()}\nworker stderr:\n${running.worker.stderr()}`);
    }
  });
  afterAll(() => running.rig?.close());
  return running;
}

/** Every custom id on a message's buttons. */
export function buttonIds(message: FakeMessage | undefined): string[] {
  const rows = (message?.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : []));
}

/** The first words of every run's status message (it is edited from there). */
const STATUS_FIRST = runStatus("running").text;

/** Whether a message is a run's status (it started as "Working on it…"; Cancel goes once it is over). */
export function isStatus(message: FakeMessage): boolean {
  return (message.history[0] ?? message.content) === STATUS_FIRST && message.author.bot === true;
}

/** The status messages among these, in order. */
export function statusMessages(messages: FakeMessage[]): FakeMessage[] {
  return messages.filter(isStatus);
}

/** The step messages among these: each step ends with its Show code marker (numbered or not). */
export function stepMessages(messages: FakeMessage[]): FakeMessage[] {
  return messages.filter((m) => buttonIds(m).some((id) => id.startsWith("st|code|")));
}

/** Messages of a step (`**Step i of n · …**` headers), in the order they were posted. */
export function stepHeaders(messages: FakeMessage[]): string[] {
  return messages.flatMap((m) => {
    const header = /^\*\*(Step \d+ of \d+)/.exec(m.content)?.[1];
    return header ? [header] : [];
  });
}

/**
 * What the asker sees of a run once it has posted an answer or an error: the thread it opened (or
 * the channel, when none), then what only they see — a /check verdict and hints in a server
 * come as ephemeral follow-ups of their command.
 */
export async function answered(
  fake: FakeDiscord,
  interaction: RecordedInteraction,
  timeoutMs = 60_000,
): Promise<FakeMessage[]> {
  const original = await fake.waitFor("the deferred reply", () => interaction.original);
  return fake.waitFor(
    "the run's last message",
    () => {
      // The worker edits its status to "Done." (or "Stopped.") after its last post.
      const messages = fake.messagesIn(fake.threadOf(original.id)?.id ?? "");
      const status = messages.find(isStatus);
      return status && /^(Done|Stopped)/.test(status.content) ? [...messages, ...interaction.followUps] : undefined;
    },
    timeoutMs,
  );
}

/** Command lines of the Python processes below `pid` (the worker's sandboxes). */
export function pythonDescendants(pid: number): string[] {
  // A busy machine's process table (long node and python command lines) can pass the default 1 MiB.
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const rows = table
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .flatMap((m) => (m ? [{ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }] : []));
  const family = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => family.has(r.pid) && r.pid !== pid && /python/.test(r.args)).map((r) => r.args);
}

/** The run's answer message (of job `jobId`, or the first): the one with the 👍/👎 buttons. */
export function answerMessage(thread: FakeMessage[], jobId?: string): FakeMessage | undefined {
  const prefix = jobId === undefined ? "st|fb|" : `st|fb|${jobId}|`;
  return thread.find((m) => buttonIds(m).some((id) => id.startsWith(prefix)));
}

/**
 * Everything a student can see of these messages without clicking anything: the text, and each
 * attachment's file name and alt text (`description`). Assert a value is not in it to prove it
 * stays hidden until Reveal.
 */
export function visibleText(messages: FakeMessage[]): string {
  return messages
    .flatMap((m) => [m.content, ...m.attachments.flatMap((a) => [a.filename, a.description ?? ""])])
    .join("\n");
}

/**
 * Clicks "Reveal answer" on the thread's answer message as `user` and resolves, once the answer
 * is there, with every message Discord shows that user (ephemeral): the withheld steps, then the
 * answer (`message`) with its formula images (`attachments` with their LaTeX as `description`,
 * bytes in `files`).
 */
export async function clickReveal(
  fake: FakeDiscord,
  thread: FakeMessage[],
  user = fake.user("revealer"),
): Promise<{ interaction: RecordedInteraction; message: FakeMessage; messages: FakeMessage[] }> {
  const answer = answerMessage(thread);
  const revealId = buttonIds(answer).find((id) => id.startsWith("st|reveal|"));
  if (!answer || !revealId) throw new Error("the thread has no Reveal answer button");
  const interaction = fake.click(answer, revealId, { user });
  const all = () => [...(interaction.original ? [interaction.original] : []), ...interaction.followUps];
  const message = await fake.waitFor("the revealed answer", () =>
    all().find(
      (m) =>
        m.content.startsWith("**Answer:**") ||
        (m === interaction.original && m.content !== "" && !m.content.startsWith("**")),
    ),
  );
  return { interaction, message, messages: all() };
}

/**
 * Clicks "Next step" (as `user`) from the thread's offer until a step comes without one, and
 * resolves with every message handed out, in order (each only to `user`: ephemeral follow-ups).
 * `answerAtEnd`: the last step comes with the answer message (a run shown one step at a time).
 */
export async function clickNextStepUntilDone(
  fake: FakeDiscord,
  thread: FakeMessage[],
  user = fake.user("learner"),
  { maxSteps = 20, answerAtEnd = false } = {},
): Promise<FakeMessage[]> {
  const nextId = (m: FakeMessage | undefined) => buttonIds(m).find((id) => id.startsWith("st|next|"));
  let offer = thread.find((m) => nextId(m));
  const handed: FakeMessage[] = [];
  for (let clicks = 0; offer && clicks < maxSteps; clicks++) {
    const pressed = nextId(offer)!;
    const click = fake.click(offer, pressed, { user });
    const pieces = await fake.waitFor("the next step", () => {
      const ids = click.followUps.flatMap(buttonIds);
      const ended =
        ids.some((id) => id.startsWith("st|next|")) ||
        (answerAtEnd ? ids.some((id) => id.startsWith("st|fb|")) : ids.some((id) => id.startsWith("st|code|")));
      return ended ? click.followUps : undefined;
    });
    handed.push(...pieces);
    offer = pieces.find((m) => nextId(m));
  }
  return handed;
}

/** The job an interaction's question runs as (the job id is derived from the interaction id). */
export function jobOf(interaction: RecordedInteraction): string {
  return jobIdFor(interaction.id);
}

/** Whether anything of a job reached the queue: its Question record or BullMQ's job. */
export async function enqueued(rig: Rig, jobId: string): Promise<boolean> {
  const keys = runKeys(rig.prefix);
  const redis = new Redis(rig.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return (await redis.exists(keys.question(jobId), keys.job(jobId))) > 0;
  } finally {
    redis.disconnect();
  }
}

/**
 * What Redis keeps about a job once BullMQ has finished it (its `finishedOn` is set): the run's
 * Question record and the job's data, as stored text for a test to search.
 */
export async function keptAfterRun(rig: Rig, jobId: string, timeoutMs = 30_000): Promise<string> {
  const keys = runKeys(rig.prefix);
  const redis = new Redis(rig.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await redis.hget(keys.job(jobId), "finishedOn"))) {
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [question, data] = await Promise.all([redis.get(keys.question(jobId)), redis.hget(keys.job(jobId), "data")]);
    return `${question}\n${data}`;
  } finally {
    redis.disconnect();
  }
}

/** Every message in `channelId`, once the run `jobId` posted there has finished (its status says Done or Stopped). */
export async function finishedIn(
  fake: FakeDiscord,
  channelId: string,
  jobId: string,
  timeoutMs = 60_000,
): Promise<FakeMessage[]> {
  return fake.waitFor(
    `run ${jobId} to finish in ${channelId}`,
    () => {
      const messages = fake.messagesIn(channelId);
      const status = messages.find((m) => m.nonce === nonceFor(`${jobId}:status#0`));
      return status && /^(Done|Stopped)/.test(status.content) ? messages : undefined;
    },
    timeoutMs,
  );
}

/**
 * What only the asker saw: the ephemeral reply of a private interaction, or the ephemeral
 * follow-up that replaced a public one (a refusal deletes the public "thinking…" reply first).
 */
export function onlyToAsker(fake: FakeDiscord, interaction: RecordedInteraction): Promise<FakeMessage> {
  return fake.waitFor("the reply only the asker sees", () =>
    interaction.ephemeral
      ? interaction.original?.content
        ? interaction.original
        : undefined
      : interaction.followUps[0],
  );
}
