/**
 * `start-tutor web`: the web page and HTTP API alone on PORT, for deployments that run the
 * workers elsewhere (`start-tutor worker` on the same Redis). Stops on SIGTERM/SIGINT.
 */
import { checkWebAccess, runningWebServer } from "../../adapters/index.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { parse } from "./args.js";
import { untilTerminated } from "./signals.js";
import { connectAdapters } from "./worker.js";

export async function run(args: string[]): Promise<number> {
  parse(args, {}, false);
  const config = loadConfig();
  checkWebAccess(config);
  const logger = createLogger(config.LOG_LEVEL).child({ process: "web", pid: process.pid });
  const { adapters, close } = connectAdapters(config, logger);
  const web = adapters.find((adapter) => adapter.platform === "web");
  try {
    await web?.receiver?.start();
    const server = runningWebServer(adapters);
    process.stderr.write(
      `\nstart-tutor web: open ${server?.url ?? "?"}/ in a browser (questions run on \`start-tutor worker\` processes).\n` +
        "Stop with Ctrl-C.\n\n",
    );
    const signal = await untilTerminated();
    logger.info({ signal }, "shutting down");
  } finally {
    await close();
  }
  return 0;
}
