/**
 * The one table of commands. Discord's registration, Slack's manifest, `/help` on every surface
 * and the web page's modes are generated from it, and every listener dispatches through it, so
 * adding a command is one entry here (or in `commandTable(extra)`) plus its handler file.
 */
import type { Mode } from "../src/question.js";
import { assignHandler } from "./assign.js";
import { forgetChannelHandler, forgetMeHandler } from "./forget.js";
import { helpHandler } from "./help.js";
import { policyHandler, revealHandler } from "./policy-command.js";
import { reportHandler } from "./report.js";
import { settingsHandler } from "./settings.js";
import { type CommandSpec, discordKind, discordName, type Surface } from "./spec.js";
import { TEACHER } from "./teacher.js";
import { usageHandler } from "./usage.js";

const QUESTION_CHARS = 4000;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "ask",
    run: { kind: "ask", mode: "solve" },
    role: "everyone",
    reply: "thread",
    options: [
      {
        name: "question",
        type: "text",
        maxLength: QUESTION_CHARS,
        ask: "text",
        texts: {
          description: "Your question",
          placeholder: "question",
          example: "What is the sum of the digits of 2^100?",
        },
      },
      {
        name: "file",
        type: "file",
        ask: "file",
        surfaces: ["discord", "web"],
        texts: { description: "A file to work from (CSV, XLSX, JSON, image…)", placeholder: "file" },
      },
      {
        name: "private",
        type: "boolean",
        ask: "private",
        surfaces: ["discord"],
        texts: { description: "Answer only to you (no thread)", placeholder: "true" },
      },
    ],
    texts: {
      description: "Ask a question: START solves it step by step in a thread",
      help: "the full solution, one step per message (attach a CSV or other data file if you like; a file alone is fine)",
      label: "Solve — every step",
    },
    surfaces: {
      discord: {},
      slack: {
        command: "/ask",
        texts: { help: "the full solution, one step per message in a thread (to work from a file, use `/analyze`)" },
      },
      web: {},
    },
  },
  {
    name: "hint",
    run: { kind: "ask", mode: "hint" },
    role: "everyone",
    reply: "thread",
    options: [
      {
        name: "question",
        type: "text",
        required: true,
        maxLength: QUESTION_CHARS,
        ask: "text",
        texts: {
          description: "The problem you are working on",
          placeholder: "problem",
          example: "Solve x^2 - 5x + 6 = 0",
        },
      },
    ],
    texts: {
      description: "Get the next step only — never the answer",
      help: "only how to start; ask for the next step when you're ready",
      label: "Hint — only how to start",
    },
    surfaces: { discord: {}, slack: { command: "/hint" }, web: {} },
  },
  {
    name: "check",
    run: { kind: "ask", mode: "check" },
    role: "everyone",
    reply: "thread",
    options: [
      {
        name: "question",
        type: "text",
        required: true,
        maxLength: QUESTION_CHARS,
        ask: "text",
        texts: { description: "The problem", placeholder: "problem", example: "Solve x^2 - 5x + 6 = 0" },
      },
      {
        name: "answer",
        type: "text",
        required: true,
        ask: "answer",
        texts: { description: "Your answer", placeholder: "your answer", example: "2, 3" },
      },
      {
        name: "work",
        type: "text",
        maxLength: QUESTION_CHARS,
        ask: "work",
        texts: {
          description: "Your working, one line per step (optional): a wrong answer's advice quotes the line to recheck",
          placeholder: "your working",
          example: "x^2 - 5x + 6 = (x - 2)(x - 3)",
        },
      },
    ],
    texts: {
      description: "Check your answer without spoiling the solution",
      help: "tells you whether your answer is right, without giving the solution away",
      label: "Check my answer",
    },
    surfaces: { discord: {}, slack: { command: "/check" }, web: {} },
  },
  {
    name: "explain",
    run: { kind: "ask", mode: "explain" },
    role: "everyone",
    reply: "thread",
    options: [
      {
        name: "topic",
        type: "text",
        required: true,
        maxLength: QUESTION_CHARS,
        ask: "text",
        texts: {
          description: "What to explain",
          placeholder: "topic",
          example: "Why does the derivative of e^x equal e^x?",
        },
      },
    ],
    texts: {
      description: "Explain a topic or a concept",
      help: "a step-by-step explanation of a concept",
      label: "Explain a concept",
    },
    surfaces: { discord: {}, slack: { command: "/explain" }, web: {} },
  },
  {
    name: "analyze",
    run: { kind: "ask", mode: "solve" },
    role: "everyone",
    reply: "thread",
    options: [
      {
        name: "file",
        type: "file",
        required: true,
        ask: "file",
        texts: { description: "The data file", placeholder: "file" },
      },
      {
        name: "question",
        type: "text",
        maxLength: QUESTION_CHARS,
        ask: "text",
        texts: {
          description: "What you want to know about it",
          placeholder: "question",
          example: "What was the churn trend last quarter?",
        },
      },
    ],
    texts: {
      description: "Analyse a data file (CSV, XLSX, JSON) with pandas: numbers and charts",
      help: "works through a data file (CSV, XLSX, JSON) with pandas: numbers and charts",
    },
    surfaces: {
      discord: {},
      slack: {
        command: "/analyze",
        file: "latest_shared",
        texts: {
          description: "Analyse the latest file you shared in this channel (CSV, JSON, text)",
          help: "works through the newest file you shared in this channel (CSV, JSON, text) with pandas: numbers and charts",
        },
      },
    },
  },
  {
    name: "settings",
    run: { kind: "handler", handler: settingsHandler },
    role: "everyone",
    reply: "ephemeral",
    options: [
      {
        name: "reveal",
        type: "choice",
        role: "admin",
        choices: [
          { value: "spoiler", label: "behind a spoiler" },
          { value: "button", label: "behind a Reveal button" },
          { value: "never", label: "never" },
        ],
        texts: { description: "How final answers are shown", placeholder: "how" },
      },
      {
        name: "hourly_limit",
        type: "integer",
        role: "admin",
        min: 0,
        max: 1000,
        texts: { description: "Questions per member per hour (0 = no limit)", placeholder: "number" },
      },
      {
        name: "hints",
        type: "choice",
        role: "admin",
        choices: [
          { value: "off", label: "off" },
          { value: "end", label: "at the end" },
          { value: "wait", label: "on 'wait'" },
          { value: "default", label: "the bot's default" },
        ],
        texts: { description: "When START is nudged to use Python", placeholder: "when" },
      },
      {
        name: "channels",
        type: "channels",
        role: "admin",
        texts: { description: "Channels the bot answers in (none or all = every channel)", placeholder: "channels" },
      },
      {
        name: "steps",
        type: "choice",
        role: "admin",
        choices: [
          { value: "all", label: "all at once" },
          { value: "one", label: "one at a time (Next step)" },
        ],
        texts: { description: "How a solution's steps are posted", placeholder: "how" },
      },
      {
        name: "teacher-role",
        type: "role",
        role: "admin",
        surfaces: ["discord"],
        texts: { description: "The role whose members are teachers (they set channel policies)", placeholder: "role" },
      },
      {
        name: "teachers",
        type: "users",
        role: "admin",
        surfaces: ["slack"],
        texts: { description: "Teachers (they set channel policies)", placeholder: "members" },
      },
      {
        name: "teacher-group",
        type: "text",
        role: "admin",
        surfaces: ["slack"],
        texts: { description: "A user group whose members are teachers (its ID, e.g. S0123ABC)", placeholder: "group" },
      },
    ],
    texts: {
      description: "Show or change how the tutor behaves here (admins change it)",
      help: "how this {{space}} shows answers, hourly limits, where I answer and who the teachers are ({{space}} admins can change them)",
    },
    surfaces: { discord: { guildOnly: true }, slack: { command: "/tutor-settings", reply: "modal" } },
  },
  {
    name: "policy",
    run: { kind: "handler", handler: policyHandler },
    role: "everyone",
    reply: "ephemeral",
    options: [
      {
        name: "modes",
        type: "text",
        role: "teacher",
        texts: {
          description: "Allowed modes: solve, hint, check, explain, analyze",
          placeholder: "modes",
          example: "hint,check",
        },
      },
      {
        name: "reveal",
        type: "text",
        role: "teacher",
        texts: {
          description: "When answers are shown: now, button, never, teacher, or an ISO date-time",
          placeholder: "when",
          example: "never",
        },
      },
      {
        name: "code",
        type: "text",
        role: "teacher",
        texts: { description: "Show code and outputs: true or false", placeholder: "true|false" },
      },
      {
        name: "hint_depth",
        type: "text",
        role: "teacher",
        texts: { description: "How many hints a student may get (1–5)", placeholder: "number" },
      },
      {
        name: "per_hour",
        type: "text",
        role: "teacher",
        texts: { description: "Questions per student per hour (0 = no limit)", placeholder: "number" },
      },
      {
        name: "per_day",
        type: "text",
        role: "teacher",
        texts: { description: "Questions per student per day (0 = no limit)", placeholder: "number" },
      },
      {
        name: "scope",
        type: "text",
        role: "teacher",
        texts: {
          description: "Where the change applies: channel (default), category or space",
          placeholder: "channel|category|space",
        },
      },
    ],
    texts: {
      description: "Show this channel's policy; teachers change it (modes, reveal, code, limits)",
      help: "what is allowed in this channel and when answers are shown (teachers change it)",
    },
    surfaces: { discord: { guildOnly: true }, slack: { command: "/tutor-policy" } },
  },
  {
    name: "reveal",
    run: { kind: "handler", handler: revealHandler },
    role: "teacher",
    reply: "ephemeral",
    options: [],
    texts: {
      description: "Release the answers in this channel (teachers)",
      help: "releases the answers in a channel whose policy waits for a teacher (teachers only)",
    },
    surfaces: { discord: { guildOnly: true }, slack: { command: "/tutor-reveal" } },
  },
  {
    name: "help",
    run: { kind: "handler", handler: helpHandler },
    role: "everyone",
    reply: "ephemeral",
    options: [],
    texts: { description: "What the tutor can do and how to use it", help: "this list" },
    surfaces: { discord: {}, slack: { command: "/tutor-help" } },
  },
  {
    name: "assign",
    run: { kind: "handler", handler: assignHandler },
    role: TEACHER,
    reply: "ephemeral",
    options: [
      {
        name: "title",
        type: "text",
        maxLength: 100,
        texts: { description: "The assignment's title", placeholder: "title", example: "Week 3: fractions" },
      },
      {
        name: "due",
        type: "text",
        maxLength: 40,
        texts: {
          description: "Due date-time, ISO (no zone = UTC), e.g. 2026-12-20T17:00Z",
          placeholder: "date-time",
          example: "2026-12-20T17:00Z",
        },
      },
      {
        name: "problems",
        type: "text",
        maxLength: 4000,
        texts: {
          description: "Problems separated by ;; — each `problem :: answer` or `problem :: answer :: solution`",
          placeholder: "problem :: answer :: solution ;; …",
          example: "Solve 2x = 1 :: 1/2 ;; Simplify 6/8 :: 3/4",
        },
      },
      {
        name: "avoid",
        type: "text",
        maxLength: 1000,
        texts: {
          description: "Phrases hints must never say, separated by ;",
          placeholder: "phrase; phrase",
          example: "divide by 2",
        },
      },
      {
        name: "release",
        type: "text",
        maxLength: 10,
        texts: {
          description: "Show students a worked solution after the due date: yes (default) or no",
          placeholder: "yes|no",
          example: "yes",
        },
      },
      {
        name: "channel",
        type: "channels",
        surfaces: ["discord"],
        texts: {
          description: "The channel whose /check answers it grades (default: this one)",
          placeholder: "channel",
        },
      },
    ],
    texts: {
      description: "Create an assignment with answer keys: /check in its channel is graded against them (teachers)",
      help: "creates an assignment for a channel: `/check` there is graded against your answers (teachers only)",
    },
    surfaces: { discord: { guildOnly: true, form: true }, slack: { command: "/tutor-assign" } },
  },
  {
    name: "solve-with-start",
    run: { kind: "ask", mode: "solve" },
    role: "everyone",
    reply: "thread",
    options: [],
    texts: {
      description: "Solve the question in this message with START",
      help: "solves the question in that message, step by step in a thread",
    },
    surfaces: { discord: { kind: "message", name: "Solve with START" } },
  },
  {
    name: "report",
    run: { kind: "handler", handler: reportHandler },
    role: TEACHER,
    reply: "ephemeral",
    options: [
      {
        name: "all",
        type: "boolean",
        texts: { description: "Every channel, not only this one", placeholder: "true" },
      },
    ],
    texts: {
      description: "Class report: questions, hints, checks, common wrong answers, cost (with a CSV)",
      help: "what students asked here, their hints, checks and common wrong answers, and the cost, with a CSV (teachers)",
    },
    surfaces: { discord: { guildOnly: true }, slack: { command: "/tutor-report" } },
  },
  {
    name: "usage",
    run: { kind: "handler", handler: usageHandler },
    role: "everyone",
    reply: "ephemeral",
    options: [],
    texts: {
      description: "How many questions you have left this hour and today",
      help: "how many questions you have left this hour and today",
    },
    surfaces: { discord: {}, slack: { command: "/tutor-usage" } },
  },
  {
    name: "forget-me",
    run: { kind: "handler", handler: forgetMeHandler },
    role: "everyone",
    reply: "ephemeral",
    options: [],
    texts: {
      description: "Delete everything the tutor recorded about you here, at once",
      help: "deletes everything I recorded about you in this {{space}}, at once",
    },
    surfaces: { discord: {}, slack: { command: "/tutor-forget-me" } },
  },
  {
    name: "forget-channel",
    run: { kind: "handler", handler: forgetChannelHandler },
    role: TEACHER,
    reply: "ephemeral",
    options: [],
    texts: {
      description: "Delete this channel's class records (teachers)",
      help: "deletes this channel's class records (teachers)",
    },
    surfaces: { discord: { guildOnly: true }, slack: { command: "/tutor-forget-channel" } },
  },
];

const DISCORD_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const SLACK_COMMAND = /^\/[a-z0-9_-]{1,31}$/;
const DISCORD_TEXT_CHARS = 100;

/** The table, checked once: names unique on every surface and valid there, required options first. */
export class CommandTable {
  readonly specs: readonly CommandSpec[];

  constructor(specs: readonly CommandSpec[]) {
    for (const spec of specs) checkSpec(spec);
    const unique = (what: string, keys: string[]) => {
      const seen = new Set<string>();
      for (const key of keys) {
        if (seen.has(key)) throw new Error(`command table: two commands with the ${what} ${key}`);
        seen.add(key);
      }
    };
    unique(
      "name",
      specs.map((s) => s.name),
    );
    unique(
      "Discord name",
      specs.flatMap((s) => (s.surfaces.discord ? [`${discordKind(s)} ${discordName(s)}`] : [])),
    );
    unique(
      "Slack command",
      specs.flatMap((s) => (s.surfaces.slack ? [s.surfaces.slack.command] : [])),
    );
    this.specs = specs;
  }

  get(name: string): CommandSpec | undefined {
    return this.specs.find((s) => s.name === name);
  }

  /** The commands registered on `surface`, in table order. */
  on(surface: Surface): CommandSpec[] {
    return this.specs.filter((s) => s.surfaces[surface] !== undefined);
  }

  /** The questions `surface` offers, each with its mode (the web page's modes). */
  questions(surface: Surface): { spec: CommandSpec; mode: Mode }[] {
    return this.on(surface).flatMap((spec) => (spec.run.kind === "ask" ? [{ spec, mode: spec.run.mode }] : []));
  }

  /** A Discord command by the name Discord sends (`ask`, or a message command's `Solve with START`). */
  discord(name: string, kind: "slash" | "message"): CommandSpec | undefined {
    return this.on("discord").find((s) => discordKind(s) === kind && discordName(s) === name);
  }

  /** A Slack command by its slash name (`/tutor-settings`). */
  slack(command: string): CommandSpec | undefined {
    return this.on("slack").find((s) => s.surfaces.slack?.command === command);
  }

  /** How a user types the command on `surface` (`/help`, `/tutor-help`), when it is registered there. */
  invocation(name: string, surface: Surface): string | undefined {
    const spec = this.get(name);
    if (!spec?.surfaces[surface]) return undefined;
    if (surface === "slack") return spec.surfaces.slack?.command;
    if (surface === "discord") return discordKind(spec) === "message" ? discordName(spec) : `/${discordName(spec)}`;
    return spec.name;
  }
}

/** The default table plus `extra` entries (a deployment's or a test's own commands). */
export function commandTable(extra: readonly CommandSpec[] = []): CommandTable {
  return new CommandTable([...COMMANDS, ...extra]);
}

function checkSpec(spec: CommandSpec): void {
  const fail = (problem: string) => {
    throw new Error(`command table: ${spec.name}: ${problem}`);
  };
  if (!/^[a-z][a-z0-9_-]*$/.test(spec.name)) fail("names are lowercase letters, digits, - and _");
  if (spec.texts.description.length > DISCORD_TEXT_CHARS) fail(`description over ${DISCORD_TEXT_CHARS} characters`);
  const discord = spec.surfaces.discord;
  if (discord && discordKind(spec) === "slash" && !DISCORD_NAME.test(discordName(spec))) {
    fail("a Discord slash command name is 1–32 lowercase letters, digits, - or _");
  }
  if (discord && discordKind(spec) === "message" && spec.options.length > 0) fail("a message command takes no options");
  const slack = spec.surfaces.slack?.command;
  if (slack !== undefined && !SLACK_COMMAND.test(slack)) fail(`Slack command ${slack} is not /lowercase-name`);
  let optional = false;
  const names = new Set<string>();
  for (const option of spec.options) {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(option.name)) fail(`option ${option.name}: lowercase letters, digits, - and _`);
    if (names.has(option.name)) fail(`two options named ${option.name}`);
    names.add(option.name);
    if (option.required && optional) fail(`required option ${option.name} after an optional one`);
    optional ||= !option.required;
    if (option.texts.description.length > DISCORD_TEXT_CHARS) fail(`option ${option.name}: description too long`);
    if (option.type === "choice" && !option.choices?.length) fail(`option ${option.name}: a choice needs choices`);
    if (option.ask && spec.run.kind !== "ask") fail(`option ${option.name}: \`ask\` only on question commands`);
  }
}
