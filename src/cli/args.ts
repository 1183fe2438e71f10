/** Small helpers over node:util parseArgs so every subcommand reports bad usage the same way. */
import { type ParseArgsConfig, parseArgs } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: normaliseDashes(args, options), options, allowPositionals, strict: true });
  } catch (err) {
    // node's messages run over several lines of advice; the first line says what is wrong.
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(message.split("\n")[0]!.replace(/\. To specify a positional.*$/, ""));
  }
}

/**
 * parseArgs reads every word that starts with "-" as an option, so `--max-tool-calls -1` is
 * "ambiguous" and `render '-5+x'` is "Unknown option '-5'". Values of string options are joined
 * to their flag (`--max-tool-calls=-1`, then checked by intFlag), and a word that is no declared
 * option but starts with "-" followed by something other than a letter (`-5+x`, `-\frac12`) is a
 * positional. Everything after `--` stays as it is.
 */
export function normaliseDashes(args: string[], options: Options): string[] {
  const takesValue = (word: string): boolean => {
    if (word.startsWith("--")) return options[word.slice(2)]?.type === "string";
    const short = Object.values(options).find((o) => o.short === word.slice(1));
    return word.length === 2 && short?.type === "string";
  };
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const next = args[i + 1];
    if (takesValue(word) && next !== undefined && next !== "--") {
      flags.push(`${word}=${next}`);
      i++;
    } else if (!word.startsWith("-") || /^-[^-A-Za-z]/.test(word) || word === "-") {
      positionals.push(word);
    } else {
      flags.push(word);
    }
  }
  return positionals.length > 0 ? [...flags, "--", ...positionals] : flags;
}

/** Parses a non-negative integer flag value, or throws a UsageError naming the flag. */
export function intFlag(value: string | undefined, flag: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got "${value}")`);
  return n;
}

export function oneOf<T extends string>(
  value: string | undefined,
  flag: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
  }
  return value as T;
}
