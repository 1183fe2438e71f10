/**
 * A button's reply on Discord: the code behind a run, the next step (with its own "Next step"),
 * the answer (as a spoiler or plain, with its rendered formula), or a sentence. The first piece
 * edits the deferred reply, the rest follow up with the same visibility.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { ActionReply } from "../../../../commands/index.js";
import { t, toLocale } from "../../../../src/i18n/index.js";
import { fence } from "../../../step-code.js";
import { answerFiles, componentsJson, type DiscordPiece, layoutMessage, nextButton } from "../../layout.js";
import { splitMessage } from "../../split.js";
import type { ListenerContext } from "../context.js";

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
        .map(
          (b) =>
            `**${say("steps.code_of", { index: b.step + 1 })}**\n${fence(b.code, "python")}` +
            (b.output ? `\n${say("steps.output")}\n${fence(b.output, "")}` : ""),
        )
        .join("\n");
      await sendPieces(
        ctx,
        interaction,
        splitMessage(text || say("steps.no_code")).map((content) => ({ content, files: [], buttons: [] })),
      );
      return;
    }
    case "step": {
      const pieces = layoutMessage(
        { kind: "step", index: reply.index, total: reply.total, step: reply.step },
        { jobId: reply.jobId, key: `${reply.jobId}:shown:${reply.index}`, locale },
      );
      if (reply.next) pieces.at(-1)?.buttons.push([nextButton(reply.jobId, reply.next, reply.index, locale)]);
      await sendPieces(ctx, interaction, pieces);
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
    default:
      await interaction.editReply(reply.text);
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
