/**
 * A button's reply on Discord: the code behind a run, the answer (as a spoiler or plain, with its
 * rendered formula), or a sentence — the first piece edits the deferred reply, the rest follow up
 * with the same visibility — and the updates Cancel and Next step make (`updateFromButton`).
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { ActionReply } from "../../../../commands/index.js";
import { t, toLocale } from "../../../../src/i18n/index.js";
import { codeBlockMarkdown } from "../../../step-code.js";
import {
  answerFiles,
  componentsJson,
  type DiscordPiece,
  layoutMessage,
  nextButton,
  statusButtons,
} from "../../layout.js";
import { privatePieces, shareButton } from "../../private-layout.js";
import { splitMessage } from "../../split.js";
import type { ListenerContext } from "../context.js";
import { postShared } from "./share.js";

export async function showActionReply(
  ctx: ListenerContext,
  interaction: ButtonInteraction,
  reply: ActionReply,
): Promise<void> {
  // The presser's Discord language, else the run's.
  const locale = reply.locale ?? toLocale(interaction.locale);
  const say = (key: string, values?: Record<string, string | number>) => t(locale, key, values);
  switch (reply.kind) {
    case "code": {
      const text = reply.blocks
        .map((b) => `**${say("steps.code_of", { index: b.step + 1 })}**\n${codeBlockMarkdown(b, locale, "python")}`)
        .join("\n");
      await sendPieces(
        ctx,
        interaction,
        splitMessage(
          [text || (reply.withheld ? "" : say("steps.no_code")), reply.withheld ? say("withhold.code_withheld") : ""]
            .filter(Boolean)
            .join("\n"),
        ).map((content) => ({ content, files: [], buttons: [] })),
      );
      return;
    }
    case "answer": {
      const spoiler = reply.as === "spoiler" && reply.steps.length === 0;
      // The withheld steps first, exactly as the thread would have shown them, then the answer.
      const steps = reply.steps.flatMap(({ index, total, step }) =>
        layoutMessage(
          { kind: "step", index, total, step },
          { jobId: reply.jobId, key: `${reply.jobId}:revealed:${index}`, locale },
        ),
      );
      await sendPieces(ctx, interaction, [
        ...steps,
        {
          content: `**${say("answer.label")}** ${spoiler ? `||${reply.answer}||` : reply.answer}`,
          files: answerFiles(reply.rendered, { spoiler }),
          buttons: [],
        },
      ]);
      return;
    }
    case "step":
      // Next step is answered by `updateFromButton`.
      return;
    case "shared":
      await postShared(ctx, interaction, reply);
      return;
    case "result": {
      // Shown again as the run would have sent it privately: each verdict or hint, then its closing line.
      const context = (key: string) => ({ jobId: reply.jobId, key: `${reply.jobId}:${key}`, locale });
      await sendPieces(ctx, interaction, [
        ...reply.steps.flatMap(({ index, total, step, shareable }) =>
          privatePieces({ kind: "step", index, total, step }, context(`mine:${index}`), shareable),
        ),
        ...(reply.answer ? privatePieces(reply.answer, context("mine:answer"), false) : []),
      ]);
      return;
    }
    default:
      await interaction.editReply(reply.text);
  }
}

/**
 * The reply to a button deferred as an update of its message (Cancel, Next step): a cancelled
 * run's status says so once, with Retry; a next step greys out the pressed button and goes to the
 * clicker alone (with its own Next step, or after the last one the answer message); a refusal is
 * the clicker's alone.
 */
export async function updateFromButton(
  ctx: ListenerContext,
  interaction: ButtonInteraction,
  reply: ActionReply,
): Promise<void> {
  switch (reply.kind) {
    case "cancelled":
      // The worker writes the same status when its run stops; a queued run has no worker to do it.
      await interaction.editReply({
        content: reply.text,
        components: componentsJson(statusButtons(reply.jobId, "cancelled", reply.locale)) as never,
      });
      return;
    case "step": {
      await interaction.editReply({ components: withButtonDisabled(interaction, interaction.customId) as never });
      // A hint handed out in a server is its student's to share (a DM has no one to share with).
      await followUpPieces(ctx, interaction, nextStepPieces(reply, reply.shareable === true && interaction.inGuild()));
      return;
    }
    case "rejected":
      await interaction.followUp({ content: reply.text, flags: MessageFlags.Ephemeral });
      return;
    default:
      ctx.logger.warn({ kind: reply.kind }, "a Cancel or Next step press got an unexpected reply");
  }
}

/** A handed-out step as Discord pieces: its own Next step (and Share, for a hint), or after the last its answer message. */
function nextStepPieces(reply: Extract<ActionReply, { kind: "step" }>, shareable: boolean): DiscordPiece[] {
  const { jobId } = reply;
  const pieces = layoutMessage(
    { kind: "step", index: reply.index, total: reply.total, step: reply.step },
    { jobId, key: `${jobId}:shown:${reply.index}`, ...(reply.locale && { locale: reply.locale }) },
  );
  // The next press's button, named for what it hands out (another hint, a worked solution, a step).
  if (reply.next) pieces.at(-1)?.buttons.push([nextButton(jobId, reply.next, reply.index, reply.locale)]);
  if (shareable) pieces.at(-1)?.buttons.push([shareButton(jobId, reply.index, reply.locale)]);
  if (reply.answer) {
    const context = { jobId, key: `${jobId}:shown:answer`, ...(reply.locale && { locale: reply.locale }) };
    pieces.push(...layoutMessage(reply.answer, context));
  }
  return pieces;
}

/** The clicked message's button rows with the button `customId` greyed out. */
function withButtonDisabled(interaction: ButtonInteraction, customId: string): unknown[] {
  return interaction.message.components.map((row) => {
    const json = row.toJSON() as { components?: { custom_id?: string }[] };
    return {
      ...json,
      components: (json.components ?? []).map((c) => (c.custom_id === customId ? { ...c, disabled: true } : c)),
    };
  });
}

/** Pieces only the clicker sees, as follow-ups of an interaction deferred as an update. */
async function followUpPieces(ctx: ListenerContext, interaction: ButtonInteraction, pieces: DiscordPiece[]) {
  for (const piece of pieces) {
    const files = await Promise.all(
      piece.files.map(async (f) => ({
        attachment: await ctx.blobs.get(f.blob),
        name: f.filename,
        description: f.description,
      })),
    );
    await interaction.followUp({
      content: piece.content,
      files,
      components: componentsJson(piece.buttons) as never,
      flags: MessageFlags.Ephemeral,
    });
  }
}

async function sendPieces(ctx: ListenerContext, interaction: ButtonInteraction, pieces: DiscordPiece[]): Promise<void> {
  for (const [index, piece] of pieces.entries()) {
    const files = await Promise.all(
      piece.files.map(async (f) => ({
        attachment: await ctx.blobs.get(f.blob),
        name: f.filename,
        description: f.description,
      })),
    );
    const payload = { content: piece.content, files, components: componentsJson(piece.buttons) as never };
    if (index === 0) await interaction.editReply(payload);
    else await interaction.followUp({ ...payload, ...(interaction.ephemeral && { flags: MessageFlags.Ephemeral }) });
  }
}
