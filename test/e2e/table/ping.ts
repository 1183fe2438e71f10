/**
 * `/ping`'s handler: the one file a new command needs besides its table entry. The command-table
 * test adds it through the table's extension point (`commandTable([entry])`) and expects it on
 * Discord, on Slack and in `/help` without touching an adapter.
 */
import type { CommandCall, CommandResult } from "../../../commands/index.js";

export async function ping(call: CommandCall): Promise<CommandResult> {
  return { kind: "text", text: `pong (${call.surface})` };
}
