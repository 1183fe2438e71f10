/**
 * `/ask`, `/hint`, `/check`, `/explain`, `/analyze`: acked at once (Slack waits 3 s, we aim for
 * well under 50 ms), then translated into an ask for `commands/`. The run's status message starts
 * the thread in the channel; a refusal is shown only to the asker.
 */
import type { App } from "@slack/bolt";
import type { IncomingAttachment } from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import { ASK_COMMANDS, decodeEntities, latestSharedFile, slackAttachment, splitCheckText } from "../inputs.js";
import type { SlackTarget } from "../target.js";
import type { ListenerContext } from "./context.js";

/** How much of the question the thread's first message quotes. */
const PROMPT_CHARS = 500;

export function register(app: App, ctx: ListenerContext): void {
  const names = Object.keys(ASK_COMMANDS).map((c) => c.slice(1));
  app.command(new RegExp(`^/(${names.join("|")})$`), async ({ ack, command, respond }) => {
    await ack();
    const mode = ASK_COMMANDS[command.command] ?? "solve";
    const log = ctx.logger.child({ command: command.command, team: command.team_id, user: command.user_id });
    try {
      const raw = decodeEntities(command.text);
      const { text, studentAnswer } = mode === "check" ? splitCheckText(raw) : { text: raw, studentAnswer: undefined };
      const attachments: IncomingAttachment[] = [];
      let fileNote = "";
      if (command.command === "/analyze") {
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
        // A trigger id is unique per invocation: the one id Slack gives a slash command.
        eventId: `slack-${command.team_id}-${command.trigger_id}`,
        user: command.user_id,
        space: command.team_id,
        channel: command.channel_id,
        text,
        mode,
        ...(studentAnswer !== undefined && { studentAnswer }),
        attachments,
        replyTarget,
      });
      if (reply.kind === "rejected") await respond({ response_type: "ephemeral", text: reply.text });
      log.info({ outcome: reply.kind, jobId: reply.kind === "rejected" ? undefined : reply.jobId }, "slash command");
    } catch (err) {
      log.error({ err }, "slash command failed");
      await respond({ response_type: "ephemeral", text: studentSentence("internal") }).catch(() => {});
    }
  });
}
