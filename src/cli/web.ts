/**
 * `start-tutor web`: the web page and HTTP API alone on PORT, for deployments that run the
 * workers elsewhere (`start-tutor worker` on the same Redis). Stops on SIGTERM/SIGINT, within
 * seconds also when Redis is gone.
 */
import { checkWebAccess, runningWebServer } from "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { parse } from "./args.js";
import { outageLeft } from "./ingress.js";
import { CLOSE_GRACE_MS, stopWithin } from "./shutdown.js";
import { untilTerminated } from "./signals.js";
import { connectAdapters } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  const terminated = untilTerminated();
  const config = loadConfig();
  checkWebAccess(config);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "web", pid: process.pid });
  const { adapters, availability, close } = await connectAdapters(config, logger);
  const web = adapters.find((adapter) => adapter.platform === "web");
  try {
    await web?.receiver?.start();
  } catch (err) {
    await close();
    throw err;
  }
  const server = runningWebServer(adapters);
  process.stderr.write(
    `\nstart-tutor web: open ${server?.url ?? "?"}/ in a browser (questions run on \`start-tutor worker\` processes).\n` +
      "Stop with Ctrl-C.\n\n",
  );
  const signal = await terminated;
  logger.info({ signal }, "shutting down");
  // Asked before closing: once its connection is closed, Redis would look unavailable.
  const outage = await outageLeft(availability);
  await stopWithin(
    logger,
    CLOSE_GRACE_MS,
    [{ what: "the web server and its Redis connections", run: close }],
    () => outage,
  );
  return 0;
}
