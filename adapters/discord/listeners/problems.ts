/**
 * The problem menu of an assignment's channel: a `/check` there that names no problem is answered
 * (only to the student) with a select menu of the assignment's problems; choosing one asks the
 * check for that problem. The student's answer rides in the menu's custom id (at most 100
 * characters); a longer answer gets no menu and is checked as typed.
 */
import {
  ActionRowBuilder,
  type ChatInputCommandInteraction,
  MessageFlags,
  StringSelectMenuBuilder,
  type StringSelectMenuInteraction,
} from "discord.js";
import type { ProblemMenu } from "../../../commands/index.js";
import { ask } from "./commands/ask.js";
import type { ListenerContext } from "./context.js";

const PREFIX = "st|pick|";
const MAX_CUSTOM_ID = 100;
/** Discord's limits on a select menu's options. */
const MAX_OPTIONS = 25;
const MAX_LABEL = 100;

/** The custom id carrying the student's answer, or null when it does not fit. */
export function pickId(answer: string): string | null {
  const id = `${PREFIX}${Buffer.from(answer, "utf8").toString("base64url")}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

/** The answer a pick id carries, or null when it is not one of ours. */
export function answerOfPick(customId: string): string | null {
  if (!customId.startsWith(PREFIX)) return null;
  const answer = Buffer.from(customId.slice(PREFIX.length), "base64url").toString("utf8");
  return answer.trim() === "" ? null : answer;
}

/** Shows the menu to the student alone; false when the answer does not fit in it (check as typed). */
export async function offerProblems(
  interaction: ChatInputCommandInteraction,
  menu: ProblemMenu,
  answer: string,
): Promise<boolean> {
  const customId = pickId(answer);
  if (customId === null) return false;
  const select = new StringSelectMenuBuilder()
    .setCustomId(customId)
    .setPlaceholder(menu.placeholder)
    .addOptions(
      menu.problems.slice(0, MAX_OPTIONS).map((p) => ({
        label: p.label.length > MAX_LABEL ? `${p.label.slice(0, MAX_LABEL - 1)}…` : p.label,
        value: String(p.number),
      })),
    );
  await interaction.reply({
    content: menu.text,
    components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
  return true;
}

/** The student chose a problem: check their answer for it, as `/check <problem> answer:` would. */
export async function onProblemPicked(
  ctx: ListenerContext,
  interaction: StringSelectMenuInteraction,
  answer: string,
): Promise<void> {
  const number = interaction.values[0] ?? "";
  const label = interaction.component.options.find((o) => o.value === number)?.label;
  // The label (`2. Simplify 6/8`) names the problem and the thread; a cut label falls back to the number.
  const text = label && !label.endsWith("…") ? label : number;
  await ask(ctx, interaction, {
    mode: "check",
    command: "check",
    text,
    studentAnswer: answer,
    attachments: [],
    private: false,
  });
}
