/** `start-tutor fake-model [--port N] [--script FILE]`: the scripted OpenAI-compatible server. */
import { loadScript } from "../fake-model/script.js";
import { startFakeModel } from "../fake-model/server.js";
import { DEMO_SCRIPT } from "../runtime/demo-model.js";
import { intFlag, parse, UsageError } from "./args.js";
import { untilTerminated } from "./signals.js";

export async function run(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    { port: { type: "string" }, script: { type: "string" }, host: { type: "string" } },
    false,
  );
  const port = intFlag(values.port, "--port", 8000);
  if (port > 65535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
  let script: ReturnType<typeof loadScript>;
  const path = values.script ?? DEMO_SCRIPT;
  try {
    script = loadScript(path);
  } catch (err) {
    throw new UsageError(`cannot use script ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const server = await startFakeModel(script, { port, host: values.host });
  process.stderr.write(`fake model listening: OPENAI_BASE_URL=${server.url}\n`);
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
  await untilTerminated();
  await server.close();
  return 0;
}
