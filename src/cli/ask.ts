/**
 * `start-tutor ask "<question>"`: one question through the whole pipeline, in process (or through
 * Redis and a running worker with `--via-queue`). Prints the steps, or one JSON object with --json.
 * The options are checked before the pipeline's modules load (ask-run.ts): bad usage answers at once.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { AskInput, IncomingAttachment } from "../../commands/index.js";
import { MODES } from "../question.js";
import { intFlag, oneOf, parse, UsageError } from "./args.js";

const HINT_POLICIES = ["off", "end", "wait"] as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: "boolean" },
    mode: { type: "string" },
    answer: { type: "string" },
    attach: { type: "string", multiple: true },
    hints: { type: "string" },
    "max-hints": { type: "string" },
    "max-tool-calls": { type: "string" },
    "via-queue": { type: "boolean" },
    id: { type: "string" },
    out: { type: "string" },
  });
  if (positionals.length !== 1) {
    throw new UsageError('expected exactly one question in quotes: start-tutor ask "What is 2^10?"');
  }
  const mode = oneOf(values.mode, "--mode", MODES, "solve");
  if (mode === "check" && values.answer === undefined) {
    throw new UsageError('--mode check needs the student\'s answer: --answer "42"');
  }
  const settings = {
    ...(values.hints === undefined ? {} : { hints: oneOf(values.hints, "--hints", HINT_POLICIES, "end") }),
    ...(values["max-hints"] === undefined ? {} : { maxHints: intFlag(values["max-hints"], "--max-hints", 0) }),
    ...(values["max-tool-calls"] === undefined
      ? {}
      : { maxToolCalls: intFlag(values["max-tool-calls"], "--max-tool-calls", 0) }),
  };
  const input: AskInput = {
    eventId: values.id ?? `cli-${randomUUID()}`,
    text: positionals[0]!,
    mode,
    ...(values.answer === undefined ? {} : { studentAnswer: values.answer }),
    attachments: (values.attach ?? []).map(localFile),
    replyTarget: { platform: "cli" },
    user: process.env.USER ?? "cli",
    space: "cli",
    settings,
    wholeSolution: true,
  };

  const { ask } = await import("./ask-run.js");
  return ask(input, {
    json: values.json === true,
    viaQueue: values["via-queue"] === true,
    outDir: values.out ? resolve(values.out) : undefined,
  });
}

/** A file named on the command line, offered to `commands/` like a platform's upload. */
function localFile(path: string): IncomingAttachment {
  const full = resolve(path);
  let bytes: number | undefined;
  try {
    bytes = statSync(full).size;
  } catch {
    // Unreadable: open() below reports it as file_unreadable, like a failed download.
  }
  return {
    name: basename(full),
    ...(bytes === undefined ? {} : { bytes }),
    open: async () => {
      const handle = await open(full);
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new Error(`${path} is not a regular file`);
      }
      return handle.createReadStream();
    },
  };
}
