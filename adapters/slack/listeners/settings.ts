/**
 * `/tutor-settings` as a form: a modal whose inputs are the table's options of `settings` (answer
 * reveal policy, hourly limit per student, hint policy, allowed channels), opened with the
 * workspace's current values. Slack says who is a workspace admin or owner; `commands/` decides
 * whether that is enough and validates what was entered; a refusal is shown on the form.
 */
import type { App, RespondFn } from "@slack/bolt";
import {
  type CommandCall,
  type CommandSpec,
  type Commands,
  type OptionSpec,
  type OptionValue,
  SETTING_NAMES,
  type SpaceSettings,
} from "../../../commands/index.js";
import { studentSentence } from "../../../src/errors.js";
import type { Block } from "../blocks.js";
import { type ListenerContext, rolesOf } from "./context.js";

export const SETTINGS_VIEW = "tutor_settings";
const SETTINGS = "settings";

/** Opens the form (or says why not) for a `/tutor-settings` call. */
export async function openSettingsForm(
  ctx: ListenerContext,
  call: CommandCall,
  triggerId: string,
  respond: RespondFn,
): Promise<void> {
  const result = await ctx.commands.run(call);
  if (result.kind !== "settings") {
    await respond({ response_type: "ephemeral", text: result.text });
    return;
  }
  await ctx.client.views.open({ trigger_id: triggerId, view: settingsView(ctx.commands, result.settings) as never });
}

export function register(app: App, ctx: ListenerContext): void {
  app.view(SETTINGS_VIEW, async ({ ack, body, view }) => {
    const spec = ctx.commands.table.get(SETTINGS);
    // Errors are shown under the form's first input: the form has no place of its own for them.
    const first = spec?.options[0]?.name ?? "reveal";
    try {
      const values = (view.state?.values ?? {}) as Record<string, Record<string, FormValue> | undefined>;
      const options: Record<string, OptionValue> = {};
      for (const option of spec?.options ?? []) {
        const value = formValue(option, values[option.name]?.value);
        if (value !== undefined) options[option.name] = value;
      }
      const result = await ctx.commands.run({
        surface: "slack",
        command: SETTINGS,
        eventId: `slack-view-${view.id}`,
        user: body.user.id,
        space: body.team?.id ?? body.user.team_id ?? "",
        roles: await rolesOf(ctx, body.team?.id ?? body.user.team_id ?? "", body.user.id),
        options,
      });
      if (result.kind === "rejected") {
        await ack({ response_action: "errors", errors: { [first]: result.text } });
        return;
      }
      await ack();
    } catch (err) {
      ctx.logger.error({ err, view: view?.id }, "saving settings failed");
      await ack({ response_action: "errors", errors: { [first]: studentSentence("internal") } });
    }
  });
}

/** An input's state as Slack sends it on submission. */
interface FormValue {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_channels?: string[] | null;
  selected_users?: string[] | null;
}

function formValue(option: OptionSpec, state: FormValue | undefined): OptionValue | undefined {
  switch (option.type) {
    case "choice":
      return state?.selected_option?.value ?? undefined;
    case "integer": {
      const raw = state?.value?.trim() ?? "";
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    }
    case "channels":
      return (state?.selected_channels ?? []).join(",");
    case "users":
      return (state?.selected_users ?? []).join(",");
    case "text":
      return state?.value ?? undefined;
    default:
      return undefined;
  }
}

/** What the form shows as an option's current value. */
function currentValue(name: string, settings: SpaceSettings): unknown {
  const field = SETTING_NAMES[name as keyof typeof SETTING_NAMES];
  if (field === undefined) return undefined;
  const value = settings[field];
  if (value !== undefined) return value;
  return name === "hints" ? "default" : name === "steps" ? "all" : undefined;
}

function plain(text: string) {
  return { type: "plain_text" as const, text };
}

/** The form: one input per option of `settings`, labelled and filled from the table and the current settings. */
export function settingsView(
  commands: Pick<Commands, "table" | "texts">,
  settings: SpaceSettings,
): Record<string, unknown> {
  const spec = commands.table.get(SETTINGS) as CommandSpec;
  const text = (option: OptionSpec, field: string) => commands.texts.option(SETTINGS, option.name, field);
  const blocks: Block[] = spec.options.flatMap((option): Block[] => {
    const current = currentValue(option.name, settings);
    const label = plain(text(option, "description"));
    switch (option.type) {
      case "choice": {
        const choices = (option.choices ?? []).map((c) => ({
          text: plain(text(option, `choices.${c.value}`)),
          value: c.value,
        }));
        const initial = choices.find((c) => c.value === current);
        return [
          {
            type: "input",
            block_id: option.name,
            label,
            element: {
              type: "static_select",
              action_id: "value",
              options: choices,
              ...(initial && { initial_option: initial }),
            },
          },
        ];
      }
      case "integer":
        return [
          {
            type: "input",
            block_id: option.name,
            label,
            element: {
              type: "number_input",
              action_id: "value",
              is_decimal_allowed: false,
              ...(current !== undefined && { initial_value: String(current) }),
              ...(option.min !== undefined && { min_value: String(option.min) }),
              ...(option.max !== undefined && { max_value: String(option.max) }),
            },
          },
        ];
      case "channels":
        return [
          {
            type: "input",
            block_id: option.name,
            optional: true,
            label,
            element: {
              type: "multi_channels_select",
              action_id: "value",
              initial_channels: (current as string[]) ?? [],
            },
          },
        ];
      case "users":
        return [
          {
            type: "input",
            block_id: option.name,
            optional: true,
            label,
            element: { type: "multi_users_select", action_id: "value", initial_users: (current as string[]) ?? [] },
          },
        ];
      case "text":
        return [
          {
            type: "input",
            block_id: option.name,
            optional: true,
            label,
            element: {
              type: "plain_text_input",
              action_id: "value",
              ...(typeof current === "string" && { initial_value: current }),
            },
          },
        ];
      default:
        return [];
    }
  });
  return {
    type: "modal",
    callback_id: SETTINGS_VIEW,
    title: plain("Tutor settings"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks,
  };
}
