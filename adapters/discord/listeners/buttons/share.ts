/**
 * "Share with the thread" under a private verdict or hint: its student posts the same content
 * for everyone in the run's thread (or its channel, where the run had no thread), headed by who
 * shared it. `commands/` lets each one through once; the nonce makes a re-sent post one post too.
 */
import { type ButtonInteraction, type RawFile, type REST, Routes } from "discord.js";
import type { ActionReply } from "../../../../commands/index.js";
import { t, toLocale } from "../../../../src/i18n/index.js";
import { isUnknownChannel } from "../../api-errors.js";
import { componentsJson, type DiscordPiece, layoutMessage } from "../../layout.js";
import { nonceFor } from "../../nonce.js";
import { parseDiscordTarget } from "../../target.js";
import type { ListenerContext } from "../context.js";

export async function postShared(
  ctx: ListenerContext,
  interaction: ButtonInteraction,
  reply: Extract<ActionReply, { kind: "shared" }>,
): Promise<void> {
  const parsed = parseDiscordTarget(reply.replyTarget);
  if (!parsed.ok) throw new Error(`a shared run's target does not parse: ${parsed.problem}`);
  const target = parsed.target;
  // The thread reads in the run's language; the presser's decides only the reply to them.
  const pieces = layoutMessage(
    { kind: "step", index: 0, total: 1, step: reply.step },
    { jobId: reply.jobId, key: `${reply.jobId}:shared` },
  );
  const by = t(reply.locale, "private.shared_by", { user: `<@${interaction.user.id}>` });
  pieces[0] = { ...pieces[0]!, content: `${by}\n${pieces[0]!.content}` };
  for (const [index, piece] of pieces.entries()) {
    const nonce = nonceFor(`${reply.jobId}:shared:${reply.index}:${index}`);
    const send = (channelId: string) => post(ctx, interaction.client.rest, channelId, piece, nonce);
    await send(target.channelId).catch((err: unknown) => {
      // The run answered in the channel where Discord would not open its thread.
      if (isUnknownChannel(err) && target.threadFrom) return send(target.threadFrom.channelId);
      throw err;
    });
  }
  await interaction.editReply(t(toLocale(interaction.locale) ?? reply.locale, "private.shared"));
}

async function post(
  ctx: ListenerContext,
  rest: REST,
  channelId: string,
  piece: DiscordPiece,
  nonce: string,
): Promise<void> {
  const files: RawFile[] = await Promise.all(
    piece.files.map(async (file) => ({
      name: file.filename,
      data: await ctx.blobs.get(file.blob),
      contentType: file.blob.contentType,
    })),
  );
  // The step's own buttons stay with the student's copy: the thread's copy is to read.
  const body = {
    content: piece.content,
    components: componentsJson([]),
    attachments: piece.files.map((file, id) => ({ id, filename: file.filename, description: file.description })),
    nonce,
    enforce_nonce: true,
    allowed_mentions: { parse: [] },
  };
  await rest.post(Routes.channelMessages(channelId), { body, files });
}
