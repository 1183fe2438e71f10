/**
 * `start-tutor` entry point: dispatches to one module per subcommand (src/cli/<name>.ts), each
 * exporting `run(args: string[]): Promise<number>` (the exit code). Every failure ends here as one
 * line on stderr and a documented exit code (src/cli/failure.ts), and the process really exits:
 * a half-started service must not linger.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.js";
import { describeFailure, EXIT } from "./failure.js";
import { HELP } from "./help.js";

const commands: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  ask: { summary: "one question through the whole pipeline", load: () => import("./ask.js") },
  sandbox: { summary: "run Python from stdin in the sandbox", load: () => import("./sandbox.js") },
  render: { summary: "one LaTeX formula to PNG", load: () => import("./render.js") },
  grade: { summary: "math-equivalence verdict for two answers", load: () => import("./grade.js") },
  eval: { summary: "run a benchmark against the configured model", load: () => import("./eval.js") },
  worker: { summary: "run queued questions", load: () => import("./worker.js") },
  slack: { summary: "the Slack receiver alone (or --manifest: the app manifest)", load: () => import("./slack.js") },
  web: { summary: "serve the web page and HTTP API alone", load: () => import("./web.js") },
  start: { summary: "run everything that is configured in one process", load: () => import("./start.js") },
  discord: { summary: "the Discord receiver (steps are posted by the workers)", load: () => import("./discord.js") },
  "register-commands": {
    summary: "register the Discord slash commands (--guild ID: one server, for development)",
    load: () => import("./register-commands.js"),
  },
  "fake-model": {
    summary: "scripted OpenAI-compatible server for tests and demos",
    load: () => import("./fake-model.js"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return (
    `usage: start-tutor <command> [options]\n\ncommands:\n${lines.join("\n")}\n\n` +
    "start-tutor <command> --help shows a command's options; start-tutor --version its version.\n"
  );
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string };
  return `start-tutor ${pkg.version}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(version());
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : EXIT.usage;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`start-tutor: unknown command "${name}" (try: ${Object.keys(commands).join(", ")})\n`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${HELP[name] ?? `usage: start-tutor ${name} [options]\n\n${command.summary}`}\n`);
    return 0;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    const { line, exitCode } = describeFailure(err);
    process.stderr.write(`start-tutor ${name}: ${line}\n`);
    if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    return exitCode;
  }
}

/** Exits once stdout and stderr have drained: timers, sockets or child handles left open by a failed start must not keep the process alive. */
function exit(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

main(process.argv.slice(2)).then(exit, (err: unknown) => {
  const { line, exitCode } = describeFailure(err);
  process.stderr.write(`start-tutor: ${line}\n`);
  exit(exitCode);
});
