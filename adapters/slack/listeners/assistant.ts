/**
 * Slack's AI-app surface (Bolt `Assistant`): a new assistant thread gets a greeting and
 * suggested prompts; each message in it becomes a question (a follow-up of the thread's earlier
 * run, if any), titled from the question, with "is thinking…" shown until the worker takes over
 * the assistant status line.
 */
import { type App, Assistant } from "@slack/bolt";
import { runOfThread } from "../history.js";
import { decodeEntities, messageAsk, type SlackFile } from "../inputs.js";
import { type ListenerContext, localeOf } from "./context.js";

const TITLE_CHARS = 80;

export const SUGGESTED_PROMPTS = [
  { title: "Solve a problem", message: "What is the sum of the digits of 2^100?" },
  { title: "Get a hint", message: "Give me a hint, not the answer: solve x^2 - 5x + 6 = 0" },
  { title: "Explain a concept", message: "Explain why the derivative of e^x is e^x." },
];

export function register(app: App, ctx: ListenerContext): void {
  const assistant = new Assistant({
    threadStarted: async ({ say, setSuggestedPrompts }) => {
      await setSuggestedPrompts({ prompts: SUGGESTED_PROMPTS, title: "Try one of these:" });
      await say(
        "Hi! Ask me a math, statistics or data question (attach a CSV if you like). " +
          "I'll work through it step by step and check my reasoning with Python.",
      );
    },
    userMessage: async ({ message, body, setTitle, setStatus, say }) => {
      const m = message as {
        channel: string;
        user?: string;
        text?: string;
        ts: string;
        thread_ts?: string;
        files?: SlackFile[];
      };
      if (!m.user || !m.thread_ts) return;
      const team = (body as { team_id: string }).team_id;
      const eventId = (body as { event_id: string }).event_id;
      const log = ctx.logger.child({ eventId, channel: m.channel, user: m.user });
      try {
        const text = decodeEntities(m.text ?? "");
        await setStatus("is thinking…");
        const followUpOf = await runOfThread(ctx.client, m.channel, m.thread_ts);
        if (!followUpOf && text) await setTitle(text.slice(0, TITLE_CHARS));
        const reply = await ctx.commands.ask({
          ...messageAsk(
            {
              team,
              eventId,
              channel: m.channel,
              threadTs: m.thread_ts,
              user: m.user,
              text,
              files: m.files,
              assistant: true,
              followUpOf,
            },
            ctx.botToken,
          ),
          locale: await localeOf(ctx, m.user),
        });
        if (reply.kind === "rejected") {
          await setStatus("");
          await say(reply.text);
        }
        log.info({ outcome: reply.kind, followUpOf }, "assistant message");
      } catch (err) {
        // "is thinking…" must not stay; the guard logs the failure and tells the user.
        await setStatus("").catch(() => {});
        throw err;
      }
    },
  });
  app.assistant(assistant);
}
