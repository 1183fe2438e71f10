/**
 * The look scenarios on Discord: the e2e rig (fake Discord, `start-tutor discord` and
 * `start-tutor worker` as child processes, real Redis, the real sandbox) with the look script's
 * model. Each scenario gets a channel of its own; a student runs the slash command with their
 * client's locale, presses the buttons, and the channel and its thread are drawn after each step.
 */
import type { Script } from "../../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../../src/fake-model/server.js";
import { type Proc, type Rig, startRig } from "../../e2e/discord/rig.js";
import { CHANNEL_TYPES, type FakeMessage, type FakeUser } from "../../fakes/discord/server.js";
import { renderDiscord } from "../discord/render.js";
import { discordView } from "../discord/view.js";
import type { Recorder } from "../record.js";
import type { Action, LookScenario } from "../scenarios.js";
import { QUESTIONS } from "../script.js";
import { cellRunning, LOOK_STATUS_EDIT_MS, quiet, type RunQueue, runQueue } from "../settle.js";
import type { PlayOptions, SurfaceStack } from "./types.js";

/** The custom-id prefix of the button each action presses. */
const BUTTONS: Partial<Record<Action, string>> = {
  reveal: "st|reveal|",
  next: "st|next|",
  code: "st|code|",
  cancel: "st|cancel|",
  retry: "st|retry|",
  share: "st|share|",
};

interface Button {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
}

function buttons(message: FakeMessage): Button[] {
  return (message.components as { components?: Button[] }[]).flatMap((row) => row.components ?? []);
}

export async function startDiscordStack(script: Script): Promise<SurfaceStack> {
  let rig: Rig | undefined;
  let model: FakeModelServer | undefined;
  let queue: RunQueue | undefined;
  let worker: Proc;
  try {
    rig = await startRig();
    model = await startFakeModel(script);
    await rig.receiver();
    // The status clock ticks once per WORKER_STATUS_EDIT_MS at most: slower than `quiet` waits,
    // so a running cell's thread still settles for its screenshot.
    worker = await rig.worker({ OPENAI_BASE_URL: model.url, WORKER_STATUS_EDIT_MS: LOOK_STATUS_EDIT_MS });
    queue = runQueue(rig.redisUrl, rig.prefix);
  } catch (err) {
    await rig?.close();
    await model?.close();
    throw err;
  }
  const { fake } = rig;
  const activity = () => fake.requests.length;

  async function play(scenario: LookScenario, options: PlayOptions, record: Recorder): Promise<void> {
    const locale = options.locale;
    const spanish = locale.startsWith("es");
    const channel = fake.addChannel({
      type: CHANNEL_TYPES.GUILD_TEXT,
      guild_id: fake.guild.id,
      name: `${scenario.name}${spanish ? "-es" : ""}`,
    });
    const student = fake.user(spanish ? "lucía" : "ada");
    const interactions = new Map<string, string>();
    const question = QUESTIONS[scenario.question].text[spanish ? "es" : "en"];
    const [command, commandOptions] = slashCommand(scenario, question);
    const classmate = fake.user(spanish ? "mateo" : "ben");
    const snap = (state: string, viewer = student) =>
      record.rendered(state, (theme, caption) =>
        renderDiscord(
          discordView(fake, { channelId: channel.id, viewer, interactions }, { theme, caption, lang: locale }),
        ),
      );

    const before = await queue!.finished();
    const ask = fake.slash(command, { user: student, channelId: channel.id, options: commandOptions, locale });
    interactions.set(ask.id, `used /${command}`);
    const [first, ...rest] = scenario.presses;
    if (first === "running") {
      await cellRunning(worker.pid);
      await quiet(activity);
      await snap("running");
    } else {
      await queue!.settled(before);
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
      const prefix = BUTTONS[action];
      const found = prefix ? newestButton(channel.id, prefix, student) : undefined;
      if (!found) {
        record.note(`no enabled ${action} button to press`);
        continue;
      }
      const finishedBefore = await queue!.finished();
      const seen = activity();
      const click = fake.click(found.message, found.button.custom_id!, { user: student, locale });
      interactions.set(click.id, `pressed “${found.button.label ?? action}”`);
      if (action === "retry" || action === "cancel") await queue!.settled(finishedBefore);
      await quiet(activity, { after: seen });
      await snap(action);
    }
  }

  /** The newest enabled button with this id prefix the student sees: in the channel, its threads, their ephemerals. */
  function newestButton(channelId: string, prefix: string, student: FakeUser) {
    const threads = fake.messagesIn(channelId).flatMap((m) => fake.threadOf(m.id)?.messages ?? []);
    const ephemerals = [...fake.interactions.values()]
      .filter((i) => i.user.id === student.id)
      .flatMap((i) => [...(i.ephemeral && i.original ? [i.original] : []), ...i.followUps]);
    const messages = [...fake.messagesIn(channelId), ...threads, ...ephemerals].sort((a, b) =>
      BigInt(a.id) < BigInt(b.id) ? 1 : -1,
    );
    for (const message of messages) {
      const button = buttons(message).find((b) => b.custom_id?.startsWith(prefix) && !b.disabled);
      if (button) return { message, button };
    }
    return undefined;
  }

  return {
    surface: "discord",
    play,
    async close() {
      await queue?.close();
      await rig?.close();
      await model?.close();
    },
  };
}

/** The slash command a student types for a scenario, and its options. */
function slashCommand(scenario: LookScenario, question: string): [string, Record<string, string>] {
  switch (scenario.mode) {
    case "solve":
      return ["ask", { question }];
    case "hint":
      return ["hint", { question }];
    case "check":
      return ["check", { question, answer: scenario.answer ?? "" }];
    case "explain":
      return ["explain", { topic: question }];
  }
}
