/**
 * `start-tutor grade "<candidate>" "<reference>" [--json]`: prints `equal` (exit 0) or
 * `not equal` (exit 1); `--json` prints `{equal, method, reason}` instead. Either answer may be a
 * whole solution (its final answer is found first). Answers often start with a minus sign ("-2",
 * "-\frac{1}{2}"), so only the known flags are options; everything else is an answer.
 */
import { gradeVerdict } from "../grading/index.js";
import { UsageError } from "./args.js";

const USAGE = 'usage: start-tutor grade "<candidate>" "<reference>" [--json]';

export async function run(args: string[]): Promise<number> {
  let json = false;
  const answers: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (!optionsEnded && arg === "--") optionsEnded = true;
    else if (!optionsEnded && arg === "--json") json = true;
    else if (!optionsEnded && (arg === "--help" || arg === "-h")) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (!optionsEnded && /^--[a-zA-Z]/.test(arg)) throw new UsageError(`unknown option ${arg} (${USAGE})`);
    else answers.push(arg);
  }
  if (answers.length !== 2) {
    throw new UsageError(`expected two answers, got ${answers.length} (${USAGE})`);
  }
  const { equal, method, reason } = gradeVerdict(answers[0]!, answers[1]!);
  process.stdout.write(json ? `${JSON.stringify({ equal, method, reason })}\n` : equal ? "equal\n" : "not equal\n");
  return equal ? 0 : 1;
}
