/**
 * The shape of one command of the table (`commands/table.ts`): its name on each surface, its typed
 * options, what runs it (a question in a mode, or a handler), who may run it, how it answers and
 * its English texts. Every registration (Discord's commands, Slack's manifest), every `/help` and
 * the web page's modes are generated from entries of this shape, so a command is declared once.
 */
import type { ErrorCode } from "../src/errors.js";
import type { Mode } from "../src/question.js";
import type { CommandDeps } from "./ask.js";
import type { CommandTable } from "./table.js";
import type { Texts } from "./texts.js";
import type { IncomingAttachment, Origin, SpaceSettings } from "./types.js";

/**
 * Who may run a command (or set an option). `everyone` is every member; `Commands.roles` decides
 * from the platform's facts which further roles the caller holds (`admin`: Discord Manage Server,
 * a Slack workspace admin; `teacher`: an admin, or a member an admin named a teacher in
 * `/settings`, see commands/policy.ts `rolesFor`).
 */
export const ROLES = ["everyone", "admin", "teacher"] as const;
export type Role = (typeof ROLES)[number];

/** Why a caller without the role is refused: a code of the closed set, with its sentence. */
export const ROLE_REFUSALS: Record<Exclude<Role, "everyone">, ErrorCode> = {
  admin: "admin_only",
  teacher: "teacher_only",
};

/** The surfaces a command can be registered on. The CLI asks questions only (`start-tutor ask`). */
export const SURFACES = ["discord", "slack", "web"] as const;
export type Surface = (typeof SURFACES)[number];

export type OptionType = "text" | "integer" | "boolean" | "file" | "choice" | "channels" | "role" | "users";

/** A value of an option as an adapter hands it over (a channel or user list is comma-separated ids, a role its id). */
export type OptionValue = string | number | boolean | IncomingAttachment;

export interface ChoiceSpec {
  value: string;
  label: string;
}

export interface OptionSpec {
  /** lower_snake: Discord's option name, Slack's `name:` marker, a modal's block id. */
  name: string;
  type: OptionType;
  required?: boolean;
  /** `integer`: the allowed range. */
  min?: number;
  max?: number;
  /** `text`: how much the platform's input field takes (the question's own limit is checked later). */
  maxLength?: number;
  /** `choice`: the allowed values. */
  choices?: readonly ChoiceSpec[];
  /** Who may set it, when that is stricter than who may run the command (e.g. the changes of `/settings`). */
  role?: Role;
  /** Only on these surfaces (e.g. answering in DMs is Discord's). */
  surfaces?: readonly Surface[];
  /** A question command: what the option becomes in the question. */
  ask?: "text" | "answer" | "work" | "file" | "private";
  texts: {
    description: string;
    /** How `/help` names the value (`question`, `your answer`). */
    placeholder?: string;
    /** A sample value (Slack's usage hint is built from the samples). */
    example?: string;
  };
}

/** What a handler is called with: the checked call, and what commands reach. */
export interface HandlerContext {
  deps: CommandDeps;
  table: CommandTable;
  texts: Texts;
}

/** A command an adapter invokes on behalf of a user, its options parsed from the platform's payload. */
export interface CommandCall extends Origin {
  surface: Surface;
  /** The table's name of the command (`settings`), whatever the platform calls it (`/tutor-settings`). */
  command: string;
  /** The platform's id of the invocation (interaction id, trigger id): logs name it. */
  eventId: string;
  /** The roles the platform grants the caller beyond `everyone`. */
  roles: readonly Role[];
  options: Readonly<Record<string, OptionValue>>;
}

/** A file a reply carries (the report's CSV): Discord attaches it, Slack uploads it. */
export interface ReplyFile {
  name: string;
  contentType: string;
  text: string;
}

export type CommandResult =
  /** A reply to show as the command's `reply` says, with the files it carries. */
  | { kind: "text"; text: string; files?: ReplyFile[] }
  /** The space's settings (Slack shows them as a form). */
  | { kind: "settings"; settings: SpaceSettings; text: string }
  | { kind: "rejected"; code: ErrorCode; text: string };

export type CommandHandler = (call: CommandCall, context: HandlerContext) => Promise<CommandResult>;

/** A question in a mode (the reply comes in a thread, from the worker), or a handler's reply at once. */
export type CommandRun = { kind: "ask"; mode: Mode } | { kind: "handler"; handler: CommandHandler };

/** `thread`: acknowledged, answered in a thread; `ephemeral`: only the caller sees it; `public`: the channel does. */
export type ReplyKind = "thread" | "ephemeral" | "public";

/** Texts a surface words differently (`{{space}}` reads "server" on Discord, "workspace" on Slack). */
export interface SurfaceTexts {
  description?: string;
  help?: string;
}

export interface CommandSpec {
  /** lower_snake or kebab: the table's key and, unless a surface says otherwise, the command's name there. */
  name: string;
  run: CommandRun;
  options: readonly OptionSpec[];
  role: Role;
  reply: ReplyKind;
  texts: {
    /** One line (Discord shows at most 100 characters). */
    description: string;
    /** What `/help` says after the command's syntax. */
    help: string;
    /** The web page's name for the mode (`Solve — every step`). */
    label?: string;
  };
  /** Where it is registered; absent = not on that surface. */
  surfaces: {
    discord?: {
      /** `message`: an entry in a message's *Apps* menu, named `name` (a context-menu command). */
      kind?: "slash" | "message";
      name?: string;
      /** Servers only (not in DMs with the bot). */
      guildOnly?: boolean;
      /**
       * Called without options, the command opens a form of its text options (a modal: long
       * fields with line breaks, which slash options cannot hold); with options it runs as typed.
       */
      form?: true;
      texts?: SurfaceTexts;
    };
    slack?: {
      /** Slack's command, `/` included: one namespace per workspace, so new commands are `/tutor-…`. */
      command: string;
      /** A required file is the newest one the user shared in the channel (Slack sends no files with commands). */
      file?: "latest_shared";
      /** `modal`: the command opens a form (the options as its inputs) instead of replying. */
      reply?: "modal";
      texts?: SurfaceTexts;
    };
    web?: { texts?: SurfaceTexts };
  };
}

/** The name Discord shows and sends for the command. */
export function discordName(spec: CommandSpec): string {
  return spec.surfaces.discord?.name ?? spec.name;
}

/** A slash command, or an entry in a message's *Apps* menu. */
export function discordKind(spec: CommandSpec): "slash" | "message" {
  return spec.surfaces.discord?.kind ?? "slash";
}

/** The options a surface offers (some are one platform's, like answering in DMs). */
export function optionsOn(spec: CommandSpec, surface: Surface): OptionSpec[] {
  return spec.options.filter((o) => !o.surfaces || o.surfaces.includes(surface));
}
