/**
 * The buttons on a run's messages (Cancel, Retry, Show code, Next step, Reveal answer, 👍/👎):
 * the custom id names the action and the run; `commands/` decides over the stored run. A next
 * step and a retry are for everyone in the thread, everything else only for the clicker. A
 * component we did not make (a forged or stale id, a select menu, a form) is told it is no
 * longer active.
 */
import { type ButtonInteraction, type Client, Events, type Interaction } from "discord.js";
import type { RunAction } from "../../../../commands/index.js";
import { parseButtonId } from "../../custom-id.js";
import { answerFailure, guarded } from "../../guard.js";
import type { DiscordTarget } from "../../target.js";
import { defer, type ListenerContext, origin, rolesOfCaller, tellCaller } from "../context.js";
import { showActionReply } from "./replies.js";

export function register(client: Client, ctx: ListenerContext): void {
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
    void guarded(
      ctx.logger,
      { id: interaction.id, kind: "component" },
      () =>
        interaction.isButton()
          ? onButton(ctx, interaction)
          : tellCaller(interaction, ctx.commands.texts.t("buttons.stale")),
      (text) => answerFailure(interaction, text),
    );
  });
}

async function onButton(ctx: ListenerContext, interaction: ButtonInteraction): Promise<void> {
  const action = parseButtonId(interaction.customId);
  if (!action) {
    ctx.logger.info({ event: interaction.id, customId: interaction.customId.slice(0, 100) }, "unknown button");
    await tellCaller(interaction, ctx.commands.texts.t("buttons.stale"));
    return;
  }
  const everyone = action.kind === "next_step" || action.kind === "retry";
  if (!(await defer(ctx, interaction, !everyone))) return;
  const runAction: RunAction =
    action.kind === "retry"
      ? {
          ...action,
          eventId: interaction.id,
          replyTarget: { platform: "discord", channelId: interaction.channelId } satisfies DiscordTarget,
        }
      : action;
  const roles = () => rolesOfCaller(ctx, interaction);
  const reply = await ctx.commands.action({ ...runAction, ...origin(interaction), roles });
  if (reply.kind === "rejected" && everyone) {
    // Deferred in public for the thread's sake; a refusal (a limit, no more steps) is the clicker's alone.
    await tellCaller(interaction, reply.text);
    return;
  }
  await showActionReply(ctx, interaction, reply);
}
