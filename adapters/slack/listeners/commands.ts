/**
 * Every slash command: acked at once (Slack waits 3 s, we aim for well under 50 ms), looked up
 * in the command table by its Slack name, its text split into the table's options (`/check …
 * answer: 2`), checked by `commands/` — an unknown or stale command (one a newer manifest
 * registered) is answered privately, never dropped — and then asked (the run's status message
 * starts the thread in the channel), opened as a form, or run with its reply shown to the asker.
 */
import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import {
  askFields,
  type CommandCall,
  type CommandSpec,
  type IncomingAttachment,
  type OptionValue,
  type Place,
  parseLine,
  type ReplyFile,
} from "../../../commands/index.js";
import type { Mode } from "../../../src/question.js";
import { decodeEntities, latestSharedFile, SLACK_IMAGE_THEME, slackAttachment } from "../inputs.js";
import { toMrkdwn } from "../mrkdwn.js";
import type { SlackTarget } from "../target.js";
import { type ListenerContext, localeOf, needsRoles, rolesOf } from "./context.js";
import { problemMenuBlocks } from "./problems.js";
import { openSettingsForm } from "./settings.js";

/** How much of the question the thread's first message quotes. */
const PROMPT_CHARS = 500;

/** The forms of the commands whose table entry says Slack shows them as a form, by command. */
const FORMS: Record<string, typeof openSettingsForm> = { settings: openSettingsForm };

export function register(app: App, ctx: ListenerContext): void {
  app.command(/^\/.+$/, async ({ ack, command, respond }) => {
    await ack();
    const spec = ctx.commands.table.slack(command.command);
    const form = spec?.surfaces.slack?.reply === "modal" ? FORMS[spec.name] : undefined;
    const call: CommandCall = {
      surface: "slack",
      // Not in the table: checked as no command, so the user is told.
      command: spec?.name ?? "",
      // A trigger id is unique per invocation: the one id Slack gives a slash command.
      eventId: `slack-${command.team_id}-${command.trigger_id}`,
      user: command.user_id,
      space: command.team_id,
      channel: command.channel_id,
      places: placesOf(command),
      roles: spec && needsRoles(spec) ? await rolesOf(ctx, command.team_id, command.user_id) : [],
      // Refusals and replies (`/tutor-help`) in the user's Slack language.
      locale: await localeOf(ctx, command.user_id),
      // A form's options come from the form, not from the command's text.
      options: spec && !form ? parseLine(spec, "slack", decodeEntities(command.text)) : {},
    };
    const checked = ctx.commands.check(call);
    const log = ctx.logger.child({ command: command.command, team: command.team_id, user: command.user_id });
    if (!checked.ok) {
      log.info({ code: checked.code }, "slash command refused");
      await respond({ response_type: "ephemeral", text: checked.text });
      return;
    }
    if (checked.spec.run.kind === "ask") {
      await ask(ctx, command, checked.spec, checked.options, checked.spec.run.mode, respond, call.locale);
      return;
    }
    if (form) {
      await form(ctx, call, command.trigger_id, respond);
      return;
    }
    const result = await ctx.commands.run(call);
    const shared = result.kind !== "rejected" && checked.spec.reply === "public";
    await respond({ response_type: shared ? "in_channel" : "ephemeral", text: toMrkdwn(result.text) });
    if (result.kind === "text" && result.files?.length) await sendFiles(ctx, command.user_id, result.files);
    log.info({ outcome: result.kind }, "slash command");
  });
}

/**
 * A reply's files (the report's CSV) go to the caller's direct messages with the app: Slack has
 * no ephemeral files, and a file shared in the channel would show the class's records to everyone.
 */
async function sendFiles(ctx: ListenerContext, user: string, files: readonly ReplyFile[]): Promise<void> {
  const dm = await ctx.client.conversations.open({ users: user });
  const channel = dm.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  for (const file of files) {
    await ctx.client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(file.text, "utf8"),
      filename: file.name,
      title: file.name,
    });
  }
}

/** A slash command's channel, with the name Slack sends along (a command names no thread). */
function placesOf(command: SlashCommand): Place[] {
  return [{ id: command.channel_id, kind: "channel", ...(command.channel_name && { name: command.channel_name }) }];
}

async function ask(
  ctx: ListenerContext,
  command: SlashCommand,
  spec: CommandSpec,
  options: Readonly<Record<string, OptionValue>>,
  mode: Mode,
  respond: RespondFn,
  locale: string | undefined,
): Promise<void> {
  const { text, studentAnswer, studentWork } = askFields(spec, options);
  // A /check in an assignment's channel that names no problem: the student picks one first.
  if (studentAnswer !== undefined) {
    const menu = await ctx.commands.problemMenu({
      space: command.team_id,
      channel: command.channel_id,
      mode,
      text,
      ...(locale !== undefined && { locale }),
    });
    const blocks = menu && problemMenuBlocks(menu, studentAnswer);
    if (menu && blocks) {
      await respond({ response_type: "ephemeral", text: toMrkdwn(menu.text), blocks: blocks as never });
      return;
    }
  }
  const attachments: IncomingAttachment[] = [];
  let fileNote = "";
  if (spec.surfaces.slack?.file === "latest_shared") {
    const file = await latestSharedFile(ctx.client, command.channel_id, command.user_id);
    if (file) {
      attachments.push(slackAttachment(file, ctx.botToken));
      fileNote = ` (file: ${file.name ?? file.id})`;
    }
  }
  const replyTarget: SlackTarget = {
    platform: "slack",
    team: command.team_id,
    channel: command.channel_id,
    user: command.user_id,
    assistant: false,
    prompt: `${text.slice(0, PROMPT_CHARS)}${text.length > PROMPT_CHARS ? "…" : ""}${fileNote}`,
    command: command.command,
    mode,
  };
  const reply = await ctx.commands.ask({
    eventId: `slack-${command.team_id}-${command.trigger_id}`,
    user: command.user_id,
    space: command.team_id,
    channel: command.channel_id,
    places: placesOf(command),
    command: spec.name,
    text,
    mode,
    ...(studentAnswer !== undefined && { studentAnswer }),
    ...(studentWork !== undefined && { studentWork }),
    attachments,
    replyTarget,
    ...(locale !== undefined && { locale }),
    theme: SLACK_IMAGE_THEME,
  });
  if (reply.kind === "rejected") await respond({ response_type: "ephemeral", text: reply.text });
  ctx.logger.info(
    { command: command.command, outcome: reply.kind, jobId: reply.kind === "rejected" ? undefined : reply.jobId },
    "slash command",
  );
}
