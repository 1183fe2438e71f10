/** `commands/`: the platform-neutral decisions every surface calls. Reached only through this file. */
export { type AskDeps, type AskLimits, askCommand } from "./ask.js";
export type * from "./types.js";
