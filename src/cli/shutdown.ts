/**
 * Stopping a long-running command on SIGTERM: its steps in order, all of them within one
 * deadline, so that a single signal ends the process even when Redis is gone (run() returns and
 * src/cli/main.ts exits; a Kubernetes grace period or a compose `stop` is never exceeded), and
 * one log line says that it stopped — or what it could not finish.
 */
import { within } from "../deadline.js";
import type { Logger } from "../logger.js";

export interface StopStep {
  /** What the step finishes, as the log line names it when it could not ("closing the queue client"). */
  what: string;
  run(): Promise<void>;
  /** Runs even after the deadline (for at most ALWAYS_MS): stopping a child process it must not leave behind. */
  always?: boolean;
}

/** How long an `always` step may take once the deadline has passed. */
const ALWAYS_MS = 2_000;

/**
 * Runs `steps` in order until `deadlineMs` has passed; the steps not done by then are named in
 * the one closing log line, with whatever `left()` adds (a worker's runs, a Redis outage).
 */
export async function stopWithin(
  logger: Logger,
  deadlineMs: number,
  steps: StopStep[],
  left: () => string[] | Promise<string[]> = () => [],
): Promise<void> {
  const unfinished: string[] = [];
  const deadline = Date.now() + deadlineMs;
  for (const [index, step] of steps.entries()) {
    const done = await within(
      deadline - Date.now(),
      step.run().catch((err: Error) => {
        unfinished.push(`${step.what} (${err.message})`);
      }),
    );
    if (!done) {
      for (const rest of steps.slice(index)) {
        if (
          rest !== step &&
          rest.always &&
          (await within(
            ALWAYS_MS,
            rest.run().catch(() => {}),
          ))
        )
          continue;
        unfinished.push(`${rest.what} (deadline of ${deadlineMs} ms reached)`);
      }
      break;
    }
  }
  unfinished.push(...(await left()));
  if (unfinished.length > 0) {
    logger.warn({ unfinished, deadlineMs }, `stopped without finishing: ${unfinished.join("; ")}`);
  } else {
    logger.info("stopped");
  }
}

/** Beyond WORKER_SHUTDOWN_MS (a worker's runs), what closing connections and servers may take. */
export const CLOSE_GRACE_MS = 4_000;
