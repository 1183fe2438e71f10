/**
 * The Slack adapter's last resort: Bolt hands every exception a listener did not handle to the
 * app's error handler; here it is logged with the event's id and the user gets the generic error
 * where Slack offers a way back (a command's or a button's `response_url`, else an ephemeral
 * message in the event's channel). Bolt keeps serving the next event either way; this makes sure
 * nobody is left without an answer and every failure can be found in the log.
 */
import type { App } from "@slack/bolt";
import { studentSentence } from "../../src/errors.js";
import type { ListenerContext } from "./listeners/context.js";

/** The fields of any Slack payload that identify it and say where to answer. */
interface AnyBody {
  type?: string;
  event_id?: string;
  trigger_id?: string;
  command?: string;
  response_url?: string;
  view?: { id?: string };
  user?: { id?: string } | string;
  user_id?: string;
  channel?: { id?: string } | string;
  channel_id?: string;
  container?: { channel_id?: string };
  event?: { channel?: string; user?: string; thread_ts?: string; ts?: string };
}

export function installGuard(app: App, ctx: ListenerContext): void {
  // With `extendedErrorHandler: true` (see app.ts) Bolt passes the event's body along.
  app.error((async ({ error, body }: { error: Error; body?: unknown }) => {
    const b = (body ?? {}) as AnyBody;
    const event = b.event_id ?? b.trigger_id ?? b.view?.id;
    ctx.logger.error(
      { err: error, event, type: b.type ?? (b.command ? "slash_command" : undefined) },
      "Slack event failed",
    );
    const text = studentSentence("internal");
    try {
      if (b.response_url) {
        await fetch(b.response_url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
        });
        return;
      }
      const user = typeof b.user === "string" ? b.user : (b.user?.id ?? b.user_id ?? b.event?.user);
      const channel =
        (typeof b.channel === "string" ? b.channel : b.channel?.id) ??
        b.channel_id ??
        b.container?.channel_id ??
        b.event?.channel;
      if (user && channel) {
        const threadTs = b.event?.thread_ts ?? b.event?.ts;
        await ctx.client.chat.postEphemeral({ channel, user, text, ...(threadTs && { thread_ts: threadTs }) });
      }
    } catch (answerErr) {
      ctx.logger.warn({ err: answerErr, event }, "could not tell the user about the failure");
    }
  }) as unknown as Parameters<App["error"]>[0]);
}
