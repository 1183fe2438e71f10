/**
 * Events in from Discord's gateway (discord.js `Client`), turned into `Commands` calls, and the
 * replies turned back into Discord's words. Every interaction is deferred before anything else is
 * awaited (Discord's deadline is 3 s; a redelivered interaction fails to defer and stops there,
 * so it runs once). Needs only the Guilds, Guild Messages and Direct Messages intents: without
 * Message Content, Discord still sends the text of messages that mention the bot, which is what
 * follow-ups in the bot's threads are.
 */

import {
  type Attachment,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  type PermissionsBitField,
  RESTJSONErrorCodes,
  Routes,
} from "discord.js";
import type { ActionReply, AskInput, Commands, IncomingAttachment, Origin, RunAction } from "../../commands/index.js";
import type { BlobStore } from "../../src/blobs/types.js";
import { studentSentence } from "../../src/errors.js";
import type { Logger } from "../../src/logger.js";
import { fence } from "../../src/pipeline/step-code.js";
import type { Mode } from "../../src/question.js";
import type { Receiver } from "../types.js";
import { parseButtonId } from "./custom-id.js";
import { answerFiles, componentsJson, type DiscordPiece, layoutMessage } from "./layout.js";
import { DISCORD_ERRORS } from "./poster.js";
import { type ShardPlan, shardOptions } from "./shards.js";
import { SETTING_OPTIONS, SOLVE_WITH_START } from "./slash-commands.js";
import { splitMessage } from "./split.js";
import type { DiscordTarget } from "./target.js";
import { threadName } from "./thread-name.js";
import { threadPlan } from "./threads.js";

export interface DiscordReceiverOptions {
  token: string;
  /** REST base (`DISCORD_API_URL`); the gateway URL comes from `GET {api}/v10/gateway/bot`. */
  apiUrl?: string;
  /** DISCORD_SHARDS: the gateway shards this receiver runs (default: the one shard). */
  shards?: ShardPlan;
  commands: Commands;
  blobs: BlobStore;
  logger: Logger;
}

type AskInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

interface AskRequest {
  text: string;
  mode: Mode;
  studentAnswer?: string;
  files: Attachment[];
  /** Answer in the asker's DMs instead of a public thread. */
  private: boolean;
}

const MODES: Record<string, Mode> = {
  ask: "solve",
  hint: "hint",
  check: "check",
  explain: "explain",
  analyze: "solve",
};

export class DiscordReceiver implements Receiver {
  private client: Client | null = null;
  /** Channels where we already said why we answer without a thread (said once per channel). */
  private readonly toldNoThreads = new Set<string>();

  constructor(private readonly options: DiscordReceiverOptions) {}

  async start(): Promise<void> {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      // DM channels are not cached before their first event.
      partials: [Partials.Channel],
      ...(this.options.apiUrl && { rest: { api: this.options.apiUrl } }),
      ...shardOptions(this.options.shards),
    });
    client.on(Events.InteractionCreate, (interaction) => void this.onInteraction(interaction));
    client.on(Events.MessageCreate, (message) => void this.onMessage(message));
    client.on(Events.Error, (err) => this.options.logger.error({ err }, "discord client error"));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.options.token);
    await ready;
    this.client = client;
    this.options.logger.info({ user: client.user?.tag }, "discord receiver connected");
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.destroy();
  }

  private get log(): Logger {
    return this.options.logger;
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) {
        if (interaction.commandName === "help") {
          await interaction.reply({ content: this.options.commands.help("/"), flags: MessageFlags.Ephemeral });
        } else if (interaction.commandName === "settings") {
          await this.settings(interaction);
        } else if (MODES[interaction.commandName]) {
          await this.ask(interaction, this.slashRequest(interaction));
        }
      } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === SOLVE_WITH_START) {
        const target = interaction.targetMessage;
        await this.ask(interaction, {
          text: target.content,
          mode: "solve",
          files: [...target.attachments.values()],
          private: false,
        });
      } else if (interaction.isButton()) {
        await this.button(interaction);
      }
    } catch (err) {
      this.log.error({ err, interaction: interaction.id }, "discord interaction failed");
    }
  }

  private slashRequest(interaction: ChatInputCommandInteraction): AskRequest {
    const o = interaction.options;
    const file = o.getAttachment("file");
    return {
      text: o.getString("question") ?? o.getString("topic") ?? "",
      mode: MODES[interaction.commandName] ?? "solve",
      ...(interaction.commandName === "check" && { studentAnswer: o.getString("answer") ?? "" }),
      files: file ? [file] : [],
      private: o.getBoolean("private") ?? false,
    };
  }

  /** Defers at once; a redelivered interaction cannot be deferred again, which ends it here. */
  private async defer(interaction: AskInteraction | ButtonInteraction, ephemeral: boolean): Promise<boolean> {
    try {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      return true;
    } catch (err) {
      if (
        err instanceof DiscordAPIError &&
        (err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
          err.code === RESTJSONErrorCodes.UnknownInteraction)
      ) {
        this.log.info({ interaction: interaction.id, code: err.code }, "interaction already handled or expired");
        return false;
      }
      throw err;
    }
  }

  private origin(interaction: Interaction): Origin {
    const channel = interaction.channelId && allowListChannel(interaction.channel, interaction.channelId);
    return {
      user: `discord:${interaction.user.id}`,
      space: interaction.guildId ? `discord:${interaction.guildId}` : `discord:dm:${interaction.user.id}`,
      ...(channel && { channel }),
    };
  }

  private async ask(interaction: AskInteraction, request: AskRequest): Promise<void> {
    if (!(await this.defer(interaction, request.private))) return;
    const origin = this.origin(interaction);
    const name = threadName(request.text, request.files[0] ? `About ${request.files[0].name}` : "Question");
    const plan = threadPlan({
      inGuild: interaction.inGuild(),
      channelType: interaction.channel?.type,
      appPermissions: interaction.appPermissions,
    });
    if (
      !request.private &&
      interaction.inGuild() &&
      !canPostSteps(interaction.appPermissions, plan.kind === "thread")
    ) {
      await this.refuse(interaction, request.private, studentSentence("permission_missing"));
      return;
    }
    const quoted = request.text.trim() ? `> ${request.text.trim().split("\n").join("\n> ").slice(0, 1500)}\n` : "";
    let target: DiscordTarget;
    let dmHeader: Message | undefined;
    if (request.private) {
      const dm = await interaction.user.createDM();
      // Opening a DM channel always works; whether the student takes DMs from the bot shows only
      // when sending. The question goes first, so the refusal comes now, in the reply the student
      // still sees, and the steps that follow in the DM say what they answer.
      try {
        dmHeader = await dm.send({
          content: `**Your question**\n${quoted || "(the attached file)"}`,
          allowedMentions: { parse: [] },
        });
      } catch (err) {
        if (!(err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser))
          throw err;
        await this.refuse(interaction, true, studentSentence("dm_closed"));
        return;
      }
      target = { platform: "discord", channelId: dm.id };
    } else if (plan.kind === "thread") {
      const reply = await interaction.fetchReply();
      target = {
        platform: "discord",
        channelId: reply.id,
        threadFrom: { channelId: interaction.channelId, messageId: reply.id, name },
      };
    } else {
      target = { platform: "discord", channelId: interaction.channelId };
    }
    // A command inside the bot's own thread continues that thread's run, like a mention there.
    const channel = interaction.channel;
    const botId = this.client?.user?.id;
    const previous =
      channel?.isThread() && channel.ownerId === botId ? await this.lastJobIn(interaction.channelId) : undefined;
    const input: AskInput = {
      ...origin,
      ...(previous && { followUpOf: previous }),
      eventId: interaction.id,
      text: request.text,
      mode: request.mode,
      ...(request.studentAnswer !== undefined && { studentAnswer: request.studentAnswer }),
      attachments: request.files.map(incoming),
      replyTarget: target,
    };
    const reply = await this.options.commands.ask(input);
    if (reply.kind !== "queued") {
      await dmHeader?.delete().catch((err) => this.log.warn({ err }, "could not delete the DM's question"));
    }
    if (reply.kind === "rejected") {
      await this.refuse(interaction, request.private, reply.text);
      return;
    }
    if (reply.kind === "duplicate") return;
    await interaction.editReply({
      content: request.private ? `${reply.text} I'll answer in your DMs.` : `${quoted}${reply.text}`,
      allowedMentions: { parse: [] },
    });
    if (target.threadFrom) await this.openThread(target.threadFrom);
    if (plan.kind === "channel" && plan.reason && !request.private && !this.toldNoThreads.has(interaction.channelId)) {
      this.toldNoThreads.add(interaction.channelId);
      await interaction.followUp({ content: plan.reason, flags: MessageFlags.Ephemeral });
    }
  }

  /** The deferred reply is public (a thread grows from it); a refusal is for the asker only. */
  private async refuse(interaction: AskInteraction, ephemeral: boolean, text: string): Promise<void> {
    if (ephemeral) {
      await interaction.editReply(text);
      return;
    }
    await interaction.deleteReply();
    await interaction.followUp({ content: text, flags: MessageFlags.Ephemeral });
  }

  private async openThread(from: NonNullable<DiscordTarget["threadFrom"]>): Promise<void> {
    try {
      await this.rest().post(Routes.threads(from.channelId, from.messageId), {
        body: { name: from.name, auto_archive_duration: 1440 },
      });
    } catch (err) {
      // The worker's first post may have opened it already.
      if (err instanceof DiscordAPIError && err.code === DISCORD_ERRORS.THREAD_ALREADY_CREATED) return;
      this.log.warn({ err, channel: from.channelId }, "could not open the answer thread");
    }
  }

  private rest() {
    if (!this.client) throw new Error("discord receiver is not started");
    return this.client.rest;
  }

  private async settings(interaction: ChatInputCommandInteraction): Promise<void> {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const changes: Record<string, string> = {};
    for (const option of interaction.options.data) {
      if (option.value === undefined) continue;
      const value = String(option.value);
      changes[option.name] = option.name === SETTING_OPTIONS.channels ? channelList(value) : value;
    }
    const reply = await this.options.commands.settings({
      ...this.origin(interaction),
      canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      ...(Object.keys(changes).length > 0 && { changes }),
    });
    await interaction.editReply(reply.text);
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const action = parseButtonId(interaction.customId);
    if (!action) {
      await interaction.reply({ content: "This button is no longer active.", flags: MessageFlags.Ephemeral });
      return;
    }
    // A next step and a retry are for everyone in the thread; everything else only for the clicker.
    const everyone = action.kind === "next_step" || action.kind === "retry";
    if (!(await this.defer(interaction, !everyone))) return;
    const runAction: RunAction =
      action.kind === "retry"
        ? {
            ...action,
            eventId: interaction.id,
            replyTarget: {
              platform: "discord",
              channelId: interaction.channelId,
            } satisfies DiscordTarget,
          }
        : action;
    const reply = await this.options.commands.action({ ...runAction, ...this.origin(interaction) });
    if (reply.kind === "rejected" && everyone) {
      // Deferred in public for the thread's sake; a refusal (a limit, no more steps) is the clicker's alone.
      await interaction.deleteReply();
      await interaction.followUp({ content: reply.text, flags: MessageFlags.Ephemeral });
      return;
    }
    await this.showActionReply(interaction, reply);
  }

  private async showActionReply(interaction: ButtonInteraction, reply: ActionReply): Promise<void> {
    switch (reply.kind) {
      case "code": {
        const text = reply.blocks
          .map(
            (b) =>
              `**Step ${b.step + 1}**\n${fence(b.code, "python")}${b.output ? `\nOutput:\n${fence(b.output, "")}` : ""}`,
          )
          .join("\n");
        await this.sendPieces(
          interaction,
          splitMessage(text || "This step ran no code.").map((content) => ({ content, files: [], buttons: [] })),
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
        await this.sendPieces(interaction, pieces);
        return;
      }
      case "answer": {
        const spoiler = reply.as === "spoiler";
        await this.sendPieces(interaction, [
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

  /** The first piece edits the deferred reply, the rest are follow-ups (same visibility). */
  private async sendPieces(interaction: ButtonInteraction, pieces: DiscordPiece[]): Promise<void> {
    for (const [index, piece] of pieces.entries()) {
      const files = await Promise.all(
        piece.files.map(async (f) => ({
          attachment: await this.options.blobs.get(f.blob),
          name: f.filename,
          description: f.description,
        })),
      );
      const payload = { content: piece.content, files, components: componentsJson(piece.buttons) as never };
      if (index === 0) await interaction.editReply(payload);
      else await interaction.followUp({ ...payload, ...(interaction.ephemeral && { flags: MessageFlags.Ephemeral }) });
    }
  }

  /** Follow-ups: a mention (or a reply to the bot) in the bot's thread continues that run. */
  private async onMessage(message: Message): Promise<void> {
    const botId = this.client?.user?.id;
    if (!botId || message.author.bot) return;
    const addressed = message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId;
    if (!addressed) return;
    try {
      const channel = message.channel;
      const inOurThread = channel.isThread() && channel.ownerId === botId;
      const previous = inOurThread ? await this.lastJobIn(message.channelId) : undefined;
      const space = message.guildId ? `discord:${message.guildId}` : `discord:dm:${message.author.id}`;
      const opensThread = !inOurThread && message.inGuild() && !channel.isThread();
      const text = message.content.replace(new RegExp(`<@!?${botId}>`, "g"), "").trim();
      const target: DiscordTarget = opensThread
        ? {
            platform: "discord",
            channelId: message.id,
            threadFrom: { channelId: message.channelId, messageId: message.id, name: threadName(text) },
          }
        : { platform: "discord", channelId: message.channelId };
      const reply = await this.options.commands.ask({
        user: `discord:${message.author.id}`,
        space,
        channel: allowListChannel(channel, message.channelId),
        eventId: message.id,
        text,
        mode: "solve",
        attachments: [...message.attachments.values()].map(incoming),
        replyTarget: target,
        ...(previous && { followUpOf: previous }),
      });
      if (reply.kind === "rejected")
        await message.reply({ content: reply.text, allowedMentions: { repliedUser: true } });
      else if (reply.kind === "queued" && target.threadFrom) await this.openThread(target.threadFrom);
    } catch (err) {
      this.log.error({ err, message: message.id }, "discord follow-up failed");
    }
  }

  /** The newest run the bot posted in a thread, read from its buttons (no state of our own). */
  private async lastJobIn(channelId: string): Promise<string | undefined> {
    const history = (await this.rest().get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: "50" }),
    })) as { components?: { components?: { custom_id?: string }[] }[] }[];
    for (const message of history) {
      for (const component of message.components?.flatMap((row) => row.components ?? []) ?? []) {
        const action = component.custom_id ? parseButtonId(component.custom_id) : null;
        if (action) return action.jobId;
      }
    }
    return undefined;
  }
}

/**
 * The channel `/settings channels` is checked against: a thread belongs to its parent, so the
 * bot's answer threads (and follow-ups in them) stay allowed wherever their channel is.
 */
function allowListChannel(channel: Interaction["channel"] | Message["channel"], channelId: string): string {
  return channel?.isThread() ? (channel.parentId ?? channelId) : channelId;
}

/** Whether the bot may post a run's steps (text and images) where it was asked. */
function canPostSteps(permissions: Readonly<PermissionsBitField>, inThread: boolean): boolean {
  const send = inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return permissions.has([PermissionFlagsBits.ViewChannel, send, PermissionFlagsBits.AttachFiles]);
}

/** A Discord attachment, offered to `commands/` to check and then download. */
function incoming(file: Attachment): IncomingAttachment {
  return {
    name: file.name,
    ...(file.contentType && { contentType: file.contentType }),
    bytes: file.size,
    async open() {
      const response = await fetch(file.url);
      if (!response.ok || !response.body) throw new Error(`download of ${file.name} failed: HTTP ${response.status}`);
      return response.body;
    },
  };
}

/** `#a #b` (channel mentions) or ids → "id,id"; `all` stays as is. */
function channelList(value: string): string {
  const ids = [...value.matchAll(/<#(\d+)>|(\d{5,})/g)].map((m) => m[1] ?? m[2]);
  return ids.length > 0 ? ids.join(",") : value.trim();
}
