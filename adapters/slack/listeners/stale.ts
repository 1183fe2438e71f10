/**
 * What a newer or older manifest may still send and this version has no listener for: a shortcut
 * (global, or on a message) and a form it never opened. Each is acknowledged and answered with the
 * unknown-command sentence — in a small modal, the one reply both kinds of shortcut allow — so the
 * user never sees Slack's "didn't respond".
 */
import type { App } from "@slack/bolt";
import type { ListenerContext } from "./context.js";
import { SETTINGS_VIEW } from "./settings.js";

/** The forms this version opens; any other callback id is stale. */
const OWN_VIEWS = new Set([SETTINGS_VIEW]);

export function register(app: App, ctx: ListenerContext): void {
  app.shortcut(/.*/, async ({ ack, shortcut }) => {
    await ack();
    ctx.logger.info({ callback: shortcut.callback_id, user: shortcut.user.id }, "unknown shortcut");
    await ctx.client.views.open({ trigger_id: shortcut.trigger_id, view: notice(unknownCommand(ctx)) as never });
  });
  app.view({ type: "view_submission", callback_id: /.*/ }, async ({ ack, view, body }) => {
    if (OWN_VIEWS.has(view.callback_id)) return;
    ctx.logger.info({ callback: view.callback_id, user: body.user.id }, "unknown form");
    await ack({ response_action: "update", view: notice(unknownCommand(ctx)) as never });
  });
}

function unknownCommand(ctx: ListenerContext): string {
  const checked = ctx.commands.check({
    surface: "slack",
    command: "",
    eventId: "",
    user: "",
    space: "",
    roles: [],
    options: {},
  });
  return checked.ok ? "" : checked.text;
}

/** A modal that only says `text`. */
function notice(text: string): Record<string, unknown> {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Tutor" },
    close: { type: "plain_text", text: "Close" },
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}
