/**
 * The whole bot as `start-tutor start` runs it with Slack configured — real Redis, the real
 * worker and pipeline (sandbox, renderer), the fake model, the real Bolt receiver — pointed at the
 * loopback Slack. Helpers read threads the way a student would.
 */
import type { SlackReceiver } from "../../adapters/index.js";
import type { CommandsHooks } from "../../src/cli/ingress.js";
import { startQuestionWorker } from "../../src/cli/worker.js";
import { type Config, loadConfig } from "../../src/config.js";
import type { Script } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { createLogger } from "../../src/logger.js";
import { blockActions, interactionBody, sendSigned } from "../fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import type { FakeFile, FakeMessage } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import { freePort } from "../support/ports.js";
import { dropPrefix, testRedis, uniquePrefix } from "../support/redis.js";
import { slackScript } from "./scripts.js";

export const SIGNING_SECRET = "e2e-signing-secret";

export interface SlackBot {
  slack: FakeSlack;
  model: FakeModelServer;
  config: Config;
  /** The Redis and key prefix the bot's queue and records live under. */
  redisUrl: string;
  prefix: string;
  receiver: SlackReceiver;
  /** `POST /slack/events` in HTTP mode. */
  eventsUrl: string;
  /** Jobs BullMQ holds in any state: what was enqueued. */
  jobCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startSlackBot(
  mode: "http" | "socket",
  env: Record<string, string> = {},
  script: Script = slackScript,
  hooks: CommandsHooks = {},
): Promise<SlackBot> {
  const { url } = await testRedis();
  const prefix = uniquePrefix(`slack-${mode}`);
  const slack = await startFakeSlack();
  const model = await startFakeModel(script);
  const port = await freePort();
  const config = loadConfig({
    REDIS_URL: url,
    QUEUE_PREFIX: prefix,
    OPENAI_BASE_URL: model.url,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    ...(mode === "socket" ? { SLACK_APP_TOKEN: slack.appToken } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_HTTP_HOST: "127.0.0.1",
    SLACK_POST_INTERVAL_MS: "20",
    PORT: String(port),
    WORKER_HTTP_PORT: "0",
    WORKER_STATUS_EDIT_MS: "250",
    WORKER_OUT_DIR: "/tmp/start-tutor-test-runs",
    QUEUE_USER_BURST: "0",
    QUEUE_SPACE_BURST: "0",
    QUEUE_BACKOFF_MS: "100",
    SANDBOX_POOL_SIZE: "1",
    RENDER_WORKERS: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const worker = await startQuestionWorker(config, logger, hooks);
  const adapter = worker.adapters.find((a) => a.platform === "slack");
  if (!adapter?.receiver) throw new Error("the Slack adapter is not configured");
  const receiver = adapter.receiver as SlackReceiver;
  await receiver.start();
  const { Queue } = await import("bullmq");
  const queue = new Queue("runs", { connection: { url }, prefix });
  return {
    slack,
    model,
    config,
    redisUrl: url,
    prefix,
    receiver,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    async jobCount() {
      const counts = await queue.getJobCounts();
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async close() {
      await receiver.stop();
      await worker.close();
      await queue.close();
      await model.close();
      await slack.close();
      await dropPrefix(url, prefix);
    },
  };
}

export function metadataKey(message: FakeMessage): string | undefined {
  const key = message.metadata?.event_payload.key;
  return typeof key === "string" ? key : undefined;
}

/** The top-level message a slash command's run started (its status), found by the question it quotes. */
export function rootQuoting(slack: FakeSlack, channel: string, text: string): Promise<FakeMessage> {
  return waitFor(`the thread for "${text}"`, async () =>
    slack.workspace
      .botMessages()
      .find((m) => m.channel === channel && !m.threadTs && JSON.stringify(m.blocks).includes(text)),
  );
}

/** Resolves once the run in this thread posted its answer or its error; the thread's messages. */
export function finishedThread(slack: FakeSlack, channel: string, rootTs: string, timeoutMs = 60_000) {
  return waitFor(
    "the run to finish in the thread",
    async () => {
      const thread = slack.workspace.thread(channel, rootTs);
      const done = thread.some((m) => /:(answer|error)$/.test(metadataKey(m) ?? ""));
      return done ? thread : undefined;
    },
    timeoutMs,
  );
}

/**
 * A /check's run in a shared channel, once its verdict reached its student: the public thread,
 * then what only `user` sees in it (the verdict is ephemeral until they share it).
 */
export function checkedThread(slack: FakeSlack, channel: string, rootTs: string, user: string, timeoutMs = 60_000) {
  return waitFor(
    "the private verdict in the thread",
    async () => {
      const mine = slack.workspace.ephemerals.filter((e) => e.user === user && e.threadTs === rootTs);
      if (!mine.some((e) => JSON.stringify(e.blocks).includes("tutor_feedback_up"))) return undefined;
      return [...slack.workspace.thread(channel, rootTs), ...mine.map((e) => ({ text: e.text, blocks: e.blocks }))];
    },
    timeoutMs,
  );
}

/** The status line of a status message (its context block). */
export function statusLine(message: FakeMessage): string {
  const context = message.blocks.find((b) => (b as { type: string }).type === "context") as
    | { elements: { text: string }[] }
    | undefined;
  return context?.elements[0]?.text ?? "";
}

/** The job id a tutor message belongs to (its metadata). */
export function jobOf(message: FakeMessage): string | undefined {
  const job = message.metadata?.event_payload.job_id;
  return typeof job === "string" ? job : undefined;
}

/** The run's last message (its answer, or its error). */
export function lastMessage(thread: FakeMessage[]): FakeMessage {
  const last = thread.find((m) => /:(answer|error)$/.test(metadataKey(m) ?? ""));
  if (!last) throw new Error("the run posted no answer or error");
  return last;
}

/**
 * Everything a student can see of these messages without clicking anything: the fallback text,
 * the blocks, and each uploaded file's name, title and alt text. Assert a value is not in it to
 * prove it stays hidden until Reveal.
 */
export function visibleThreadText(messages: (SeenMessage & Partial<Pick<FakeMessage, "text" | "files">>)[]): string {
  return messages
    .map((m) =>
      [
        m.text ?? "",
        JSON.stringify(m.blocks),
        ...(m.files ?? []).flatMap((f) => [f.name, f.title, f.altText ?? ""]),
      ].join("\n"),
    )
    .join("\n");
}

interface ButtonElement {
  action_id: string;
  value: string;
}

/** The action ids of the buttons on a message. */
export function buttonsOn(message: FakeMessage): string[] {
  return message.blocks
    .flatMap((b) => (b as { type: string; elements?: ButtonElement[] }).elements ?? [])
    .map((e) => e.action_id)
    .filter(Boolean);
}

/**
 * Clicks a button on a tutor message as `user` would (a signed `block_actions`); resolves with the
 * HTTP status Bolt answered.
 */
export async function clickButton(
  bot: Pick<SlackBot, "slack" | "eventsUrl">,
  message: FakeMessage,
  actionId: string,
  user: string,
): Promise<number> {
  const button = message.blocks
    .flatMap((b) => (b as { elements?: ButtonElement[] }).elements ?? [])
    .find((e) => e.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button on message ${message.ts}`);
  const click = blockActions({
    user,
    channel: message.channel,
    messageTs: message.ts,
    ...(message.threadTs && { threadTs: message.threadTs }),
    actionId,
    value: button.value,
    responseUrl: bot.slack.responseUrl().url,
  });
  return (await sendSigned(bot.eventsUrl, SIGNING_SECRET, interactionBody(click))).status;
}

/** The ephemeral message `user` got in that thread after `seen` ephemerals had been sent. */
export function ephemeralFor(bot: Pick<SlackBot, "slack">, user: string, threadTs: string, seen: number) {
  return waitFor(`an ephemeral reply to ${user}`, async () =>
    bot.slack.workspace.ephemerals.slice(seen).find((e) => e.user === user && e.threadTs === threadTs),
  );
}

/** The "Final answer" ephemeral a Reveal showed `user` (after the withheld steps, which come first). */
export function finalAnswerFor(bot: Pick<SlackBot, "slack">, user: string, threadTs: string, seen: number) {
  return waitFor(`the final answer shown to ${user}`, async () =>
    bot.slack.workspace.ephemerals
      .slice(seen)
      .find((e) => e.user === user && e.threadTs === threadTs && e.text.startsWith("Final answer")),
  );
}

/** What a `response_url` was sent (a slash command's private reply), once there is something. */
export function responsesTo(bot: Pick<SlackBot, "slack">, responseId: string) {
  return waitFor("a reply to the command's response_url", async () => {
    const replies = bot.slack.workspace.responses.get(responseId);
    return replies && replies.length > 0 ? (replies as { response_type?: string; text?: string }[]) : undefined;
  });
}

/** The newest message among `messages` with a button of this action id, and the button. */
export function findButton<M extends Pick<FakeMessage, "blocks">>(
  messages: M[],
  actionId: string,
): { message: M; button: ButtonElement } | undefined {
  for (const message of [...messages].reverse()) {
    const button = (message.blocks as { elements?: ButtonElement[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === actionId);
    if (button) return { message, button };
  }
  return undefined;
}

/** A message a student sees: one in the thread, or one only they see (`ephemeral`, its `ts` as Slack answered it). */
export type SeenMessage = Pick<FakeMessage, "blocks"> & { ts?: string; ephemeral?: boolean };

/**
 * Presses a button as `user`, the way Slack sends it: a signed `block_actions` interaction (with
 * the message's blocks for a message in the channel); resolves with the click's response_url id.
 */
export async function pressButton(
  bot: SlackBot,
  where: { channel: string; rootTs: string; user: string },
  found: { message: SeenMessage; button: ButtonElement },
): Promise<string> {
  const response = bot.slack.responseUrl();
  const click = blockActions({
    user: where.user,
    channel: where.channel,
    messageTs: found.message.ts ?? "",
    threadTs: where.rootTs,
    actionId: found.button.action_id,
    value: found.button.value,
    responseUrl: response.url,
    ...(found.message.ephemeral ? { ephemeral: true } : { blocks: found.message.blocks }),
  });
  const answer = await sendSigned(bot.eventsUrl, SIGNING_SECRET, interactionBody(click));
  if (answer.status !== 200) throw new Error(`the button press answered ${answer.status}`);
  return response.id;
}

/**
 * Presses "Reveal answer" in the thread as `user` and resolves with what Slack shows that user
 * only (an ephemeral message): its text, its blocks, and the images its image blocks show (the
 * uploaded files, by `slack_file` id, with the blocks' alt text).
 */
export async function pressReveal(
  bot: SlackBot,
  where: { channel: string; rootTs: string; user: string },
): Promise<{
  text: string;
  blocks: unknown[];
  images: { altText: string; file: FakeFile | undefined }[];
  /** Every message Reveal showed the student, in order: the withheld steps, then the answer. */
  messages: { text: string; blocks: unknown[] }[];
}> {
  const thread = bot.slack.workspace.thread(where.channel, where.rootTs);
  const reveal = findButton(thread, "tutor_reveal");
  if (!reveal) throw new Error("the thread has no Reveal answer button");
  const before = bot.slack.workspace.ephemerals.length;
  await pressButton(bot, where, reveal);
  const mine = () =>
    bot.slack.workspace.ephemerals.slice(before).filter((e) => e.user === where.user && e.channel === where.channel);
  const shown = await waitFor("the revealed answer", async () => mine().find((e) => /^Final answer/.test(e.text)));
  const images = (shown.blocks as { type: string; alt_text?: string; slack_file?: { id: string } }[])
    .filter((b) => b.type === "image")
    .map((b) => ({ altText: b.alt_text ?? "", file: b.slack_file && bot.slack.workspace.fileById(b.slack_file.id) }));
  return { text: shown.text, blocks: shown.blocks, images, messages: mine() };
}

/**
 * Presses "Next step" (as `user`) on the thread's offer, then on each step handed out, until a
 * step comes without one; resolves with what was handed out — ephemeral messages only `user`
 * sees — in order.
 */
export async function pressNextStepUntilDone(
  bot: SlackBot,
  where: { channel: string; rootTs: string; user: string },
  maxSteps = 20,
): Promise<SeenMessage[]> {
  const mine = () => bot.slack.workspace.ephemerals.filter((e) => e.user === where.user && e.threadTs === where.rootTs);
  let offer: { message: SeenMessage; button: ButtonElement } | undefined = findButton(
    bot.slack.workspace.thread(where.channel, where.rootTs),
    "tutor_next_step",
  );
  const handed: SeenMessage[] = [];
  for (let pressed = 0; offer && pressed < maxSteps; pressed++) {
    const seen = mine().length;
    await pressButton(bot, where, offer);
    const step = await waitFor("the next step", async () => mine()[seen]);
    const shown: SeenMessage = { blocks: step.blocks, ephemeral: true, ...(step.ts && { ts: step.ts }) };
    handed.push(shown);
    offer = findButton([shown], "tutor_next_step");
  }
  return handed;
}
