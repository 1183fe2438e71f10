/** Structured logs to stderr (stdout is reserved for command output such as `--json`). */
import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "start-tutor" } }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that drops everything: for library calls whose caller did not pass one. */
export const silentLogger: Logger = pino({ level: "silent" });
