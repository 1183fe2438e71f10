/**
 * `start-tutor register-commands [--guild ID]`: replaces the application's commands (globally, or
 * in one guild for development, where changes show at once) with those the command table puts on
 * Discord, in one bulk PUT, after reading what is registered now so it can say what changed.
 */
import { REST, Routes } from "discord.js";
import { type Commands, tableCommands } from "../../commands/index.js";
import { discordCommands } from "./registration.js";

export interface RegisterOptions {
  token: string;
  appId: string;
  /** REST base (`DISCORD_API_URL`); discord.js's default when unset. */
  apiUrl?: string;
  guildId?: string;
  /** The table to register (the default table unless a deployment or a test adds commands). */
  commands?: Pick<Commands, "table" | "texts">;
}

export interface CommandChange {
  name: string;
  change: "added" | "changed" | "removed" | "unchanged";
}

type Registered = { name: string; type?: number } & Record<string, unknown>;

export async function registerCommands(options: RegisterOptions): Promise<CommandChange[]> {
  const rest = new REST({ ...(options.apiUrl && { api: options.apiUrl }) }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const before = (await rest.get(route)) as Registered[];
  const wanted = discordCommands(options.commands ?? tableCommands());
  await rest.put(route, { body: wanted });
  const key = (c: { name: string; type?: number }) => `${c.type ?? 1}:${c.name}`;
  const old = new Map(before.map((c) => [key(c), c]));
  const changes: CommandChange[] = wanted.map((c) => {
    const existing = old.get(key(c));
    old.delete(key(c));
    if (!existing) return { name: c.name, change: "added" };
    return { name: c.name, change: sameDefinition(existing, c) ? "unchanged" : "changed" };
  });
  for (const gone of old.values()) changes.push({ name: gone.name, change: "removed" });
  return changes;
}

/** Compares the fields we send (Discord adds ids, versions and defaults of its own). */
function sameDefinition(registered: Registered, wanted: object): boolean {
  return Object.entries(wanted).every(([field, value]) => JSON.stringify(registered[field]) === JSON.stringify(value));
}
