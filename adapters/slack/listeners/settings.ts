/**
 * `/tutor-settings`: a modal with the workspace's settings (answer reveal policy, hourly limit
 * per student, hint policy, allowed channels). Slack says who is a workspace admin or owner;
 * `commands/` decides whether that is enough and validates what was entered.
 */
import type { App } from "@slack/bolt";
import type { SpaceSettings } from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import type { Block } from "../blocks.js";
import { SETTINGS_COMMAND } from "../inputs.js";
import type { ListenerContext } from "./context.js";

export const SETTINGS_VIEW = "tutor_settings";

const REVEAL = {
  spoiler: "Show it at once (hidden as a spoiler where possible)",
  button: "Behind a “Reveal answer” button",
  never: "Never show the final answer",
};
const HINTS = { off: "Off", end: "Before concluding", wait: "On “Wait”" };

export function register(app: App, ctx: ListenerContext): void {
  app.command(SETTINGS_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    try {
      const canManage = await isAdmin(ctx, command.user_id);
      const reply = await ctx.commands.settings({
        user: command.user_id,
        space: command.team_id,
        channel: command.channel_id,
        canManage,
      });
      if (reply.kind === "rejected") {
        await respond({ response_type: "ephemeral", text: reply.text });
        return;
      }
      await client.views.open({ trigger_id: command.trigger_id, view: settingsView(reply.settings) as never });
    } catch (err) {
      ctx.logger.error({ err }, "/tutor-settings failed");
      await respond({ response_type: "ephemeral", text: studentSentence("internal") }).catch(() => {});
    }
  });

  app.view(SETTINGS_VIEW, async ({ ack, body, view }) => {
    const values = view.state.values;
    const pick = (block: string) => values[block]?.value;
    const changes: Record<string, string> = {
      reveal: pick("reveal")?.selected_option?.value ?? "",
      hourly_limit: pick("hourly_limit")?.value ?? "",
      hints: pick("hints")?.selected_option?.value ?? "",
      channels: (pick("channels")?.selected_channels ?? []).join(","),
    };
    const team = body.team?.id ?? body.user.team_id ?? "";
    try {
      const reply = await ctx.commands.settings({
        user: body.user.id,
        space: team,
        canManage: await isAdmin(ctx, body.user.id),
        changes,
      });
      if (reply.kind === "rejected") {
        await ack({ response_action: "errors", errors: { hourly_limit: reply.text } });
        return;
      }
      await ack();
    } catch (err) {
      ctx.logger.error({ err }, "saving settings failed");
      await ack({ response_action: "errors", errors: { hourly_limit: studentSentence("internal") } });
    }
  });
}

async function isAdmin(ctx: ListenerContext, user: string): Promise<boolean> {
  const info = await ctx.client.users.info({ user });
  return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
}

function option(value: string, text: string) {
  return { text: { type: "plain_text" as const, text }, value };
}

export function settingsView(settings: SpaceSettings): Record<string, unknown> {
  const reveal = Object.entries(REVEAL).map(([value, text]) => option(value, text));
  const hints = Object.entries(HINTS).map(([value, text]) => option(value, text));
  const blocks: Block[] = [
    {
      type: "input",
      block_id: "reveal",
      label: { type: "plain_text", text: "Final answers" },
      element: {
        type: "static_select",
        action_id: "value",
        options: reveal,
        initial_option: reveal.find((o) => o.value === settings.revealPolicy) ?? reveal[1]!,
      },
    },
    {
      type: "input",
      block_id: "hourly_limit",
      label: { type: "plain_text", text: "Questions per student per hour (0 = no limit)" },
      element: {
        type: "number_input",
        action_id: "value",
        is_decimal_allowed: false,
        initial_value: String(settings.userHourlyLimit),
        min_value: "0",
      },
    },
    {
      type: "input",
      block_id: "hints",
      label: { type: "plain_text", text: "Nudge the model to check with Python" },
      element: {
        type: "static_select",
        action_id: "value",
        options: hints,
        initial_option: hints.find((o) => o.value === settings.hintPolicy) ?? hints[1]!,
      },
    },
    {
      type: "input",
      block_id: "channels",
      optional: true,
      label: { type: "plain_text", text: "Answer only in these channels (empty = everywhere)" },
      element: { type: "multi_channels_select", action_id: "value", initial_channels: settings.allowedChannels },
    },
  ];
  return {
    type: "modal",
    callback_id: SETTINGS_VIEW,
    title: { type: "plain_text", text: "Tutor settings" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}
