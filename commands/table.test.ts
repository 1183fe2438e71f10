/** The command table and what is generated from it alone: checks, `/help` per surface, call checking, line parsing. */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { studentSentence } from "../src/errors.js";
import { tableCommands } from "./index.js";
import { askFields, parseLine } from "./options.js";
import { SETTING_NAMES } from "./settings.js";
import type { CommandCall, CommandSpec } from "./spec.js";
import { COMMANDS, CommandTable, commandTable } from "./table.js";

const commands = tableCommands();
const call = (over: Partial<CommandCall>): CommandCall => ({
  surface: "discord",
  command: "help",
  eventId: "e1",
  user: "u1",
  space: "s1",
  roles: [],
  options: {},
  ...over,
});
const spec = (name: string) => commands.table.get(name)!;

describe("the command table", () => {
  it("refuses entries a platform would refuse, naming the entry", () => {
    const base = COMMANDS.find((c) => c.name === "help")!;
    const bad: [Partial<CommandSpec>, RegExp][] = [
      [{ name: "Help!" }, /lowercase/],
      [{ name: "ask" }, /two commands with the name ask/],
      [{ texts: { description: "x".repeat(101), help: "" } }, /over 100/],
      [{ name: "x", surfaces: { slack: { command: "/tutor-help" } } }, /Slack command \/tutor-help/],
      [
        {
          name: "y",
          options: [
            { name: "a", type: "text", texts: { description: "a" } },
            { name: "b", type: "text", required: true, texts: { description: "b" } },
          ],
        },
        /required option b after an optional one/,
      ],
    ];
    for (const [change, problem] of bad) {
      expect(() => new CommandTable([...COMMANDS, { ...base, surfaces: {}, ...change }])).toThrow(problem);
    }
    expect(() =>
      commandTable([{ ...base, name: "ping", surfaces: { discord: {}, slack: { command: "/ping" } } }]),
    ).not.toThrow();
  });

  it("names /settings' options as the settings store does", () => {
    expect(spec("settings").options.map((o) => o.name)).toEqual(Object.keys(SETTING_NAMES));
  });

  it("has every text a registration or /help reads", () => {
    for (const entry of commands.table.specs) {
      for (const surface of ["discord", "slack", "web"] as const) {
        expect(commands.texts.command(entry.name, "description", surface)).not.toMatch(/^commands\.|\{\{/);
        expect(commands.texts.command(entry.name, "help", surface)).not.toMatch(/^commands\.|\{\{/);
      }
    }
  });
});

describe("/help, generated per surface", () => {
  const listed = (text: string) => text.split("\n").filter((line) => line.startsWith("• "));

  it("Discord: every registered command in Discord's syntax, the message command included", () => {
    const help = commands.help("discord");
    expect(listed(help)).toHaveLength(commands.table.on("discord").length);
    expect(help).toContain("• `/check` question: *problem* answer: *your answer* [work: *your working*] — ");
    expect(help).toContain("• `/analyze` file: *file* [question: *question*] — ");
    expect(help).toContain("• `/ask` [question: *question*] [file] [private] — ");
    expect(help).toContain("*Apps → Solve with START* on any message");
    expect(help).toContain("this server");
    expect(help).not.toContain("/tutor-");
  });

  it("Slack: its own command names and one line of text with `answer:`", () => {
    const help = commands.help("slack");
    expect(listed(help)).toHaveLength(commands.table.on("slack").length);
    expect(help).toContain("• `/check` *problem* answer: *your answer* [work: *your working*] — ");
    expect(help).toContain("• `/tutor-settings` — how this workspace shows answers");
    expect(help).toContain("• `/tutor-help` — ");
    expect(help).toContain("newest file you shared in this channel");
    expect(help).not.toMatch(/`\/settings`|`\/help`|Solve with START|\[private\]/);
  });

  it("web: the page's modes by name", () => {
    const help = commands.help("web");
    expect(listed(help).map((line) => /\*\*(.+?)\*\*/.exec(line)?.[1])).toEqual([
      "Solve — every step",
      "Hint — only how to start",
      "Check my answer",
      "Explain a concept",
    ]);
  });
});

describe("checking a call against the table", () => {
  it("answers an unknown or stale command with how to get help on that surface", () => {
    const policy = commands.check(call({ command: "frobnicate" }));
    expect(policy).toEqual({
      ok: false,
      code: "unknown_command",
      text: studentSentence("unknown_command", { name: "/help" }),
    });
    expect(commands.check(call({ surface: "slack", command: "frobnicate" }))).toMatchObject({
      text: expect.stringContaining("`/tutor-help`"),
    });
    // Registered elsewhere only, an unknown option, a value of the wrong type: all stale or malformed.
    expect(commands.check(call({ surface: "web", command: "settings" }))).toMatchObject({ code: "unknown_command" });
    expect(commands.check(call({ command: "ask", options: { colour: "red" } }))).toMatchObject({
      code: "unknown_command",
    });
    expect(commands.check(call({ command: "ask", options: { question: 42 } }))).toMatchObject({
      code: "unknown_command",
    });
    expect(commands.check(call({ command: "settings", options: { reveal: "sometimes" } }))).toMatchObject({
      code: "unknown_command",
    });
  });

  it("lets everyone see /settings and only admins change them", () => {
    expect(commands.check(call({ command: "settings" }))).toMatchObject({ ok: true });
    expect(commands.check(call({ command: "settings", options: { reveal: "never" } }))).toMatchObject({
      ok: false,
      code: "admin_only",
    });
    expect(commands.check(call({ command: "settings", roles: ["admin"], options: { reveal: "never" } }))).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it("leaves a question's missing text to the input checker", () => {
    expect(commands.check(call({ command: "hint" }))).toMatchObject({ ok: true });
  });
});

describe("one line of text as options (Slack)", () => {
  it("splits /check at `answer:` and keeps a line without markers whole", () => {
    expect(parseLine(spec("check"), "slack", "solve x + 1 = 3 & explain answer: 2")).toEqual({
      question: "solve x + 1 = 3 & explain",
      answer: "2",
    });
    expect(parseLine(spec("check"), "slack", "Solve x^2 = 4 Answer = -2, 2")).toEqual({
      question: "Solve x^2 = 4",
      answer: "-2, 2",
    });
    expect(parseLine(spec("check"), "slack", "solve x + 1 = 3")).toEqual({ question: "solve x + 1 = 3" });
    expect(parseLine(spec("check"), "slack", "answer: 2")).toEqual({ answer: "2" });
    expect(parseLine(spec("ask"), "slack", "what is the answer: 42?")).toEqual({ question: "what is the answer: 42?" });
    expect(parseLine(spec("ask"), "slack", "   ")).toEqual({});
  });

  it("turns a question command's options into the question's fields", () => {
    const file = { name: "a.csv", open: async () => Readable.from([]) };
    expect(askFields(spec("check"), { question: "q", answer: "2" })).toEqual({
      text: "q",
      studentAnswer: "2",
      attachments: [],
      private: false,
    });
    expect(askFields(spec("ask"), { file, private: true })).toEqual({ text: "", attachments: [file], private: true });
  });
});
