/**
 * A button's reply on Discord: the code behind a run, the answer (as a spoiler or plain, with its
 * rendered formula), or a sentence — the first piece edits the deferred reply, the rest follow up
 * with the same visibility — and the updates Cancel and Next step make (`updateFromButton`).
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { ActionReply } from "../../../../commands/index.js";
import { fence } from "../../../step-code.js";
import { answerFiles, componentsJson, type DiscordPiece, layoutMessage, statusButtons } from "../../layout.js";
import { splitMessage } from "../../split.js";
import type { ListenerContext } from "../context.js";

export async function showActionReply(
  ctx: ListenerContext,
  interaction: ButtonInteraction,
  reply: ActionReply,
): Promise<void> {
  switch (reply.kind) {
    case "code": {
      const text = reply.blocks
        .map(
          (b) =>
            `**Step ${b.step + 1}**\n${fence(b.code, "python")}${b.output ? `\nOutput:\n${fence(b.output, "")}` : ""}`,
        )
        .join("\n");
      await sendPieces(
        ctx,
        interaction,
        splitMessage(text || "This step ran no code.").map((content) => ({ content, files: [], buttons: [] })),
      );
      return;
    }
    case "answer": {
      const spoiler = reply.as === "spoiler";
      await sendPieces(ctx, interaction, [
        {
          content: `**Answer:** ${spoiler ? `||${reply.answer}||` : reply.answer}`,
          files: answerFiles(reply.rendered, { spoiler }),
          buttons: [],
        },
      ]);
      return;
    }
    case "step":
      // Next step is answered by `updateFromButton`.
      return;
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
        components: componentsJson(statusButtons(reply.jobId, "cancelled")) as never,
      });
      return;
    case "step": {
      await interaction.editReply({ components: withButtonDisabled(interaction, interaction.customId) as never });
      await followUpPieces(ctx, interaction, nextStepPieces(reply));
      return;
    }
    case "rejected":
      await interaction.followUp({ content: reply.text, flags: MessageFlags.Ephemeral });
      return;
    default:
      ctx.logger.warn({ kind: reply.kind }, "a Cancel or Next step press got an unexpected reply");
  }
}

/** A handed-out step as Discord pieces: its own Next step, or after the last its answer message. */
function nextStepPieces(reply: Extract<ActionReply, { kind: "step" }>): DiscordPiece[] {
  const { jobId } = reply;
  const pieces = layoutMessage(
    { kind: "step", index: reply.index, total: reply.total, step: reply.step, next: !reply.last },
    { jobId, key: `${jobId}:shown:${reply.index}` },
  );
  if (reply.answer) pieces.push(...layoutMessage(reply.answer, { jobId, key: `${jobId}:shown:answer` }));
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
