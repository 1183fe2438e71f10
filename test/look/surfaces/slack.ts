/**
 * The look scenarios on Slack: the e2e harness (fake Slack, the real Bolt app over signed HTTP,
 * the real worker, sandbox and renderer in this process, real Redis) with the look script's
 * model. Each scenario gets a channel of its own; a student (with their Slack locale) runs the
 * slash command, presses the buttons, and the channel and the thread are drawn after each step.
 */
import type { Script } from "../../../src/fake-model/script.js";
import { sendSigned, slashCommandBody } from "../../fakes/slack/requests.js";
import { BOT_USER_ID, type FakeMessage } from "../../fakes/slack/workspace.js";
import { pressButton, SIGNING_SECRET, type SlackBot, startSlackBot } from "../../slack/harness.js";
import type { Recorder } from "../record.js";
import type { Action, LookScenario } from "../scenarios.js";
import { QUESTIONS } from "../script.js";
import { cellRunning, LOOK_STATUS_EDIT_MS, quiet, type RunQueue, runQueue } from "../settle.js";
import { renderSlack } from "../slack/render.js";
import { slackView } from "../slack/view.js";
import type { PlayOptions, SurfaceStack } from "./types.js";

/** The action id of the button each action presses. */
const BUTTONS: Partial<Record<Action, string>> = {
  reveal: "tutor_reveal",
  next: "tutor_next_step",
  code: "tutor_show_code",
  cancel: "tutor_cancel",
  retry: "tutor_retry",
  share: "tutor_share",
};

const COMMANDS = { solve: "/ask", hint: "/hint", check: "/check", explain: "/explain" } as const;

interface ButtonElement {
  action_id: string;
  value: string;
}

export async function startSlackStack(script: Script): Promise<SurfaceStack> {
  // No idle interpreters: a Python process under this one means a cell is running.
  const bot: SlackBot = await startSlackBot(
    "http",
    { SANDBOX_POOL_SIZE: "0", SANDBOX_ZYGOTE: "false", WORKER_STATUS_EDIT_MS: LOOK_STATUS_EDIT_MS },
    script,
  );
  const queue: RunQueue = runQueue(bot.redisUrl, bot.prefix);
  const workspace = bot.slack.workspace;
  const activity = () =>
    workspace.calls.length + [...workspace.responses.values()].reduce((sum, list) => sum + list.length, 0);
  let channels = 0;

  async function play(scenario: LookScenario, options: PlayOptions, record: Recorder): Promise<void> {
    const spanish = options.locale.startsWith("es");
    channels++;
    const channel = `C0LOOK${String(channels).padStart(4, "0")}`;
    const channelName = `${scenario.name}${spanish ? "-es" : ""}`;
    const user = `U0STUDENT${channels}`;
    const name = spanish ? "lucía" : "ada";
    workspace.users.set(user, { id: user, name, isAdmin: false, locale: options.locale });
    const question = QUESTIONS[scenario.question].text[spanish ? "es" : "en"];
    const text = scenario.mode === "check" ? `${question} answer: ${scenario.answer ?? ""}` : question;
    const response = bot.slack.responseUrl();
    const rootTs = () =>
      workspace.messages.find((m) => m.channel === channel && !m.threadTs && m.user === BOT_USER_ID)?.ts;
    const classmate = { id: "U0CLASSMATE", name: spanish ? "mateo" : "ben" };
    const snap = (state: string, viewer = { id: user, name }) =>
      record.rendered(state, (theme, caption) => {
        const ts = rootTs();
        return renderSlack(
          slackView(
            bot.slack,
            {
              channel,
              channelName,
              ...(ts && { rootTs: ts }),
              viewer: viewer.id,
              names: new Map([
                [user, name],
                [classmate.id, classmate.name],
              ]),
              responses: [response.id],
            },
            { theme, caption, lang: options.locale },
          ),
        );
      });

    const before = await queue.finished();
    const sent = await sendSigned(
      bot.eventsUrl,
      SIGNING_SECRET,
      slashCommandBody({ command: COMMANDS[scenario.mode], text, user, channel, responseUrl: response.url }),
    );
    if (sent.status !== 200) record.note(`Slack answered the slash command with HTTP ${sent.status}`);
    const [first, ...rest] = scenario.presses;
    if (first === "running") {
      await cellRunning(process.pid);
      await quiet(activity);
      await snap("running");
    } else {
      await queue.settled(before);
      await quiet(activity);
      await snap("finished");
    }
    for (const action of first === "running" ? rest : scenario.presses) {
      if (action === "pause") {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await snap("3s-later");
        continue;
      }
      if (action === "classmate") {
        await snap("classmate-view", classmate);
        continue;
      }
      const root = rootTs();
      const actionId = BUTTONS[action];
      const found = actionId && root ? newestButton(channel, root, user, actionId) : undefined;
      if (!root || !found) {
        record.note(`no ${action} button to press`);
        continue;
      }
      const finishedBefore = await queue.finished();
      const seen = activity();
      await pressButton(bot, { channel, rootTs: root, user }, found);
      if (action === "retry" || action === "cancel") await queue.settled(finishedBefore);
      await quiet(activity, { after: seen });
      await snap(action);
    }
  }

  /** The newest button with this action id the student sees: in the thread, its root, or their ephemerals. */
  function newestButton(channel: string, rootTs: string, user: string, actionId: string) {
    const ephemerals = workspace.ephemerals
      .filter((e) => e.channel === channel && e.user === user && e.threadTs === rootTs && e.ts)
      .map((e): FakeMessage & { ephemeral: true } => ({
        ephemeral: true,
        channel,
        ts: e.ts!,
        threadTs: rootTs,
        user: BOT_USER_ID,
        text: e.text,
        blocks: e.blocks,
        files: [],
        edits: 0,
      }));
    const root = workspace.find(channel, rootTs);
    const messages = [...(root ? [root] : []), ...workspace.thread(channel, rootTs), ...ephemerals].sort(
      (a, b) => Number(b.ts) - Number(a.ts),
    );
    for (const message of messages) {
      const button = (message.blocks as { elements?: ButtonElement[] }[])
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === actionId);
      if (button) return { message, button };
    }
    return undefined;
  }

  return {
    surface: "slack",
    play,
    async close() {
      await queue.close();
      await bot.close();
    },
  };
}
