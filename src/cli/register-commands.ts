/**
 * `start-tutor register-commands [--guild ID]`: registers the Discord slash and message commands
 * (globally, or in one guild for development, where changes show at once) and prints what changed.
 */
import { registerCommands } from "../../adapters/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { parse, UsageError } from "./args.js";

const MARKS = { added: "+", changed: "~", removed: "-", unchanged: "=" } as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { guild: { type: "string" }, help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    process.stdout.write("usage: start-tutor register-commands [--guild ID]\n");
    return 0;
  }
  if (values.guild !== undefined && !/^\d{5,20}$/.test(values.guild)) {
    throw new UsageError(`--guild must be a Discord server id (digits), got "${values.guild}"`);
  }
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
    throw new ConfigError(
      "DISCORD_TOKEN and DISCORD_APP_ID must be set to register commands (Discord developer portal → your " +
        "application: the Application ID on General Information, the token on Bot)",
    );
  }
  const changes = await registerCommands({
    token: config.DISCORD_TOKEN,
    appId: config.DISCORD_APP_ID,
    ...(config.DISCORD_API_URL && { apiUrl: config.DISCORD_API_URL }),
    ...(values.guild && { guildId: values.guild }),
  });
  const where = values.guild ? `in server ${values.guild}` : "globally";
  process.stdout.write(`Registered ${changes.filter((c) => c.change !== "removed").length} commands ${where}:\n`);
  for (const c of changes) process.stdout.write(`  ${MARKS[c.change]} ${c.name} (${c.change})\n`);
  return 0;
}
