/**
 * The Discord adapter's last resort: an exception while handling one event is logged with the
 * event's id and answered with the generic error where that is possible; it never stops the
 * process. Two places can throw: our listeners (`guarded`), and discord.js itself while it turns
 * a gateway packet into objects — a message command without `resolved` threw there, inside an
 * async gateway callback, and the unhandled rejection ended `start` with the worker and the web
 * page in it. `guardPackets` catches those around the client's packet handler and answers the
 * raw interaction over REST.
 */
import { type Client, MessageFlags, type REST, type RepliableInteraction, Routes } from "discord.js";
import { studentSentence } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";

/** A gateway dispatch as discord.js hands it to its packet handlers. */
interface Packet {
  t?: string;
  d?: { id?: string; token?: string; type?: number };
}

/** The packet handler of discord.js's WebSocketManager (internal: every dispatch goes through it). */
interface PacketHandling {
  handlePacket(packet?: Packet, shard?: unknown): boolean;
}

/** Runs one listener's work for an event; an exception is logged and the caller told, never rethrown. */
export async function guarded(
  logger: Logger,
  event: { id: string; kind: string },
  work: () => Promise<void>,
  answer?: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger.error({ err, event: event.id, kind: event.kind }, "discord event failed");
    if (!answer) return;
    await answer(studentSentence("internal")).catch((answerErr: unknown) =>
      logger.warn({ err: answerErr, event: event.id }, "could not tell the user about the failure"),
    );
  }
}

/** The generic error, ephemeral, on an interaction in whatever state it was left. */
export async function answerFailure(interaction: RepliableInteraction, text: string): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content: text, components: [], files: [] });
  } else if (interaction.replied || interaction.deferred) {
    await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content: text, flags: MessageFlags.Ephemeral });
  }
}

/**
 * Wraps the client's packet handling: a packet discord.js cannot turn into objects is logged (with
 * the event id) and skipped, and an interaction among them gets the generic error as an
 * ephemeral reply, sent with its own token.
 */
export function guardPackets(client: Client, rest: REST, logger: Logger): void {
  const ws = client.ws as unknown as PacketHandling;
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (err) {
      const event = packet?.d?.id;
      logger.error({ err, event, type: packet?.t }, "discord.js could not handle a gateway event; skipped");
      if (packet?.t === "INTERACTION_CREATE" && packet.d?.id && packet.d.token) {
        const { id, token } = packet.d;
        void rest
          .post(Routes.interactionCallback(id, token), {
            auth: false,
            body: { type: 4, data: { content: studentSentence("internal"), flags: MessageFlags.Ephemeral } },
          })
          .catch((answerErr: unknown) => logger.warn({ err: answerErr, event }, "could not answer the interaction"));
      }
      return true;
    }
  };
}
