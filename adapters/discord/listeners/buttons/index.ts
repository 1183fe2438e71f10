/**
 * The buttons on a run's messages (Cancel, Retry, Show code, Next step, Reveal answer, 👍/👎):
 * the custom id names the action and the run; `commands/` decides over the stored run (and who
 * may press what). Cancel turns the status into its cancelled state, with Retry; a next step goes
 * only to the clicker and greys out the button that gave it; a retry is for everyone in the
 * thread; everything else only for the clicker. The problem menu of an assignment's channel goes
 * to ../problems.ts, a submitted form (`/assign` alone) to ../forms.ts; any other component we did not make (a forged or stale id, a select menu, a
 * form) is told it is no longer active.
 */
import { type ButtonInteraction, type Client, Events, type Interaction } from "discord.js";
import type { RunAction } from "../../../../commands/index.js";
import { parseButtonId } from "../../custom-id.js";
import { answerFailure, guarded } from "../../guard.js";
import type { DiscordTarget } from "../../target.js";
import { privateTo } from "../commands/ask.js";
import { defer, deferUpdate, type ListenerContext, origin, rolesOfCaller, tellCaller } from "../context.js";
import { formCommand, onFormSubmitted } from "../forms.js";
import { answerOfPick, onProblemPicked } from "../problems.js";
import { showActionReply, updateFromButton } from "./replies.js";

export function register(client: Client, ctx: ListenerContext): void {
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return;
    void guarded(
      ctx.logger,
      { id: interaction.id, kind: "component" },
      () => {
        if (interaction.isButton()) return onButton(ctx, interaction);
        const form = interaction.isModalSubmit() ? formCommand(interaction.customId) : null;
        if (interaction.isModalSubmit() && form !== null) return onFormSubmitted(ctx, interaction, form);
        const picked = interaction.isStringSelectMenu() ? answerOfPick(interaction.customId) : null;
        if (interaction.isStringSelectMenu() && picked !== null) return onProblemPicked(ctx, interaction, picked);
        return tellCaller(interaction, ctx.commands.texts.in(interaction.locale).t("buttons.stale"));
      },
      (text) => answerFailure(interaction, text),
    );
  });
}

async function onButton(ctx: ListenerContext, interaction: ButtonInteraction): Promise<void> {
  const action = parseButtonId(interaction.customId);
  if (!action) {
    ctx.logger.info({ event: interaction.id, customId: interaction.customId.slice(0, 100) }, "unknown button");
    await tellCaller(interaction, ctx.commands.texts.in(interaction.locale).t("buttons.stale"));
    return;
  }
  const roles = () => rolesOfCaller(ctx, interaction);
  // Cancel and Next step change the message they sit on instead of posting a reply of their own.
  if (action.kind === "cancel" || action.kind === "next_step") {
    if (!(await deferUpdate(ctx, interaction))) return;
    const reply = await ctx.commands.action({ ...action, ...origin(interaction), roles });
    await updateFromButton(ctx, interaction, reply);
    return;
  }
  const retry = action.kind === "retry";
  if (!(await defer(ctx, interaction, !retry))) return;
  const here = { platform: "discord", channelId: interaction.channelId } satisfies DiscordTarget;
  const runAction: RunAction = retry
    ? {
        ...action,
        eventId: interaction.id,
        replyTarget: here,
        // A retried /check or /hint in a server stays its student's alone, through this press's token.
        ...(interaction.inGuild() && { privateTarget: { ...here, privateTo: privateTo(interaction) } }),
      }
    : action;
  const reply = await ctx.commands.action({ ...runAction, ...origin(interaction), roles });
  if (reply.kind === "rejected" && retry) {
    // Deferred in public for the thread's sake; a refusal (a limit, not their run) is the clicker's alone.
    await tellCaller(interaction, reply.text);
    return;
  }
  await showActionReply(ctx, interaction, reply);
}
