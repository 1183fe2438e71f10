/**
 * A button's reply on Discord: the code behind a run, the next step (with its own "Next step"),
 * the answer (as a spoiler or plain, with its rendered formula), or a sentence. The first piece
 * edits the deferred reply, the rest follow up with the same visibility.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { ActionReply } from "../../../../commands/index.js";
import { WITHHOLD_TEXTS } from "../../../../src/seam.js";
import { fence } from "../../../step-code.js";
import { answerFiles, componentsJson, type DiscordPiece, layoutMessage } from "../../layout.js";
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
        splitMessage(
          [text || (reply.withheld ? "" : "This step ran no code."), reply.withheld ? WITHHOLD_TEXTS.codeWithheld : ""]
            .filter(Boolean)
            .join("\n"),
        ).map((content) => ({ content, files: [], buttons: [] })),
      );
      return;
    }
    case "step": {
      const pieces = layoutMessage(
        { kind: "step", index: reply.index, total: reply.total, step: reply.step },
        { jobId: reply.jobId, key: `${reply.jobId}:shown:${reply.index}` },
      );
      if (!reply.last) {
        pieces.at(-1)?.buttons.push([
          {
            label: "Next step",
            action: { kind: "next_step", jobId: reply.jobId, after: reply.index },
            style: "primary",
          },
        ]);
      }
      await sendPieces(ctx, interaction, pieces);
      return;
    }
    case "answer": {
      const spoiler = reply.as === "spoiler" && reply.steps.length === 0;
      // The withheld steps first, exactly as the thread would have shown them, then the answer.
      const steps = reply.steps.flatMap(({ index, total, step }) =>
        layoutMessage(
          { kind: "step", index, total, step },
          { jobId: reply.jobId, key: `${reply.jobId}:revealed:${index}` },
        ),
      );
      await sendPieces(ctx, interaction, [
        ...steps,
        {
          content: `**Answer:** ${spoiler ? `||${reply.answer}||` : reply.answer}`,
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
