/**
 * `start-tutor` entry point: dispatches to one module per subcommand (src/cli/<name>.ts), each
 * exporting `run(args: string[]): Promise<number>` (the exit code). Usage errors print one line.
 */
import { UsageError } from "./args.js";

const commands: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  ask: { summary: "one question through the whole pipeline", load: () => import("./ask.js") },
  sandbox: { summary: "run Python from stdin in the sandbox", load: () => import("./sandbox.js") },
  render: { summary: "one LaTeX formula to PNG", load: () => import("./render.js") },
  grade: { summary: "math-equivalence verdict for two answers", load: () => import("./grade.js") },
  eval: { summary: "run a benchmark against the configured model", load: () => import("./eval.js") },
  worker: { summary: "run queued questions", load: () => import("./worker.js") },
  web: { summary: "serve the web page and HTTP API alone", load: () => import("./web.js") },
  start: { summary: "run everything that is configured in one process", load: () => import("./start.js") },
  "fake-model": {
    summary: "scripted OpenAI-compatible server for tests and demos",
    load: () => import("./fake-model.js"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: start-tutor <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`start-tutor: unknown command "${name}" (try: ${Object.keys(commands).join(", ")})\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`start-tutor ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Error && err.name === "ConfigError") {
      process.stderr.write(`start-tutor ${name}: ${err.message}\n`);
      return 78;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`start-tutor: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
