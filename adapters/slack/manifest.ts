/**
 * The app manifest an operator pastes into Slack's "Create app from a manifest": the file
 * `manifest.yaml` beside this one, with its `slash_commands` generated from the command table (so
 * they cannot drift; a test keeps the file equal to what this prints — after changing the table,
 * `npx start-tutor slack --manifest > adapters/slack/manifest.yaml`), and with the operator's
 * public base URL for HTTP mode, or switched to Socket Mode.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Commands, optionsOn, tableCommands } from "../../commands/index.js";
import { projectRoot } from "../../src/paths.js";

const PLACEHOLDER = "https://tutor.example.com";

export function manifestPath(): string {
  return join(projectRoot(), "adapters", "slack", "manifest.yaml");
}

type Catalog = Pick<Commands, "table" | "texts">;

export function slackManifest(options: { url?: string; socket?: boolean; commands?: Catalog } = {}): string {
  let text = withSlashCommands(
    readFileSync(manifestPath(), "utf8"),
    slashCommands(options.commands ?? tableCommands()),
  );
  if (options.url) text = text.replaceAll(PLACEHOLDER, options.url.replace(/\/+$/, ""));
  if (options.socket) text = text.replace("socket_mode_enabled: false", "socket_mode_enabled: true");
  return text;
}

/** The manifest's `features.slash_commands`, one per command the table puts on Slack (YAML). */
export function slashCommands({ table, texts }: Catalog): string {
  const lines = ["  slash_commands:"];
  for (const spec of table.on("slack")) {
    const slack = spec.surfaces.slack!;
    const typed = slack.reply === "modal" ? [] : optionsOn(spec, "slack").filter((o) => o.type === "text");
    const examples = typed.flatMap((o, i) => {
      const example = texts.option(spec.name, o.name, "example", "");
      return example ? [i === 0 ? example : `${o.name}: ${example}`] : [];
    });
    lines.push(
      `    - command: ${slack.command}`,
      `      url: ${PLACEHOLDER}/slack/events`,
      `      description: ${JSON.stringify(texts.command(spec.name, "description", "slack"))}`,
      ...(examples.length > 0 ? [`      usage_hint: ${JSON.stringify(examples.join(" "))}`] : []),
      "      should_escape: false",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The manifest text with its `slash_commands` block (up to the next less-indented key) replaced. */
function withSlashCommands(manifest: string, block: string): string {
  const start = manifest.indexOf("  slash_commands:\n");
  if (start < 0) throw new Error("manifest.yaml has no features.slash_commands block");
  const lines = manifest.slice(start).split("\n");
  let end = 1;
  while (end < lines.length && /^ {3,}\S/.test(lines[end]!)) end++;
  return manifest.slice(0, start) + block + lines.slice(end).join("\n");
}
