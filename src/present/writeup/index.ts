/**
 * The write-up pass: one more model call after the run turns the transcript into a short solution
 * (./prompt.ts), which is read (./parse.ts) and checked (./grounding.ts). Code, outputs and
 * figures come from the transcript, never from the write-up. When the call fails, times out or
 * the write-up does not pass, the deterministic presenter's steps are used and the result says so.
 */
import type OpenAI from "openai";
import { t } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { renderTemplate, type TemplateName } from "../../reasoning/prompt.js";
import type { Transcript } from "../../reasoning/types.js";
import { withCells } from "../cells.js";
import { type Cell, cellsOf, type FlowItem, readTranscript } from "../flow.js";
import { buildLadder } from "../ladder.js";
import { restatesAnswer } from "../leaks.js";
import { sentencesOf } from "../prose.js";
import { presentTranscript } from "../steps.js";
import type { Presentation, Step } from "../types.js";
import { checkGrounding } from "./grounding.js";
import { parseWriteup, type Writeup } from "./parse.js";
import { WRITEUP_SYSTEM_PROMPT, type WriteupGuide, writeupUserMessage } from "./prompt.js";

export { checkGrounding } from "./grounding.js";
export { parseWriteup } from "./parse.js";

export interface WriteupSettings {
  model: string;
  /** `completions`: a raw prompt in `template` (START's server); `chat`: chat messages (hosted models). */
  transport: "completions" | "chat";
  template: TemplateName;
  /** The whole call, including retries. */
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
}

export interface WriteupDeps {
  client: OpenAI;
  settings: WriteupSettings;
  logger?: Logger;
  signal?: AbortSignal;
  /** A teacher's guidance for an assignment problem: the method to follow and phrases never to write. */
  guide?: WriteupGuide;
}

export interface PresentRunOptions {
  /** Build the hint ladder with this many rungs (hint and check modes): the write-up is asked to write it. */
  ladderDepth?: number;
  /** The student's language for the presenter's and the ladder's own sentences (English when unset). */
  locale?: string;
}

/**
 * Steps for the student: the checked write-up when `deps` is given and it passes, otherwise the
 * deterministic presenter's (with `fallbackReason` when a write-up was tried). With `ladderDepth`,
 * also the hint ladder: the write-up's rungs where they pass the ladder's checks, else built from
 * the transcript.
 */
export async function presentRun(
  transcript: Transcript,
  deps: WriteupDeps | null,
  options: PresentRunOptions = {},
): Promise<Presentation> {
  const presented = await presentSteps(transcript, deps, options);
  const depth = options.ladderDepth;
  if (depth === undefined) return presented.presentation;
  const ladder = buildLadder({
    question: transcript.question,
    items: readTranscript(transcript, reading(options)),
    answer: transcript.answer,
    depth,
    ...(presented.hints ? { written: presented.hints } : {}),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  return { ...presented.presentation, ladder };
}

/** Cell outputs read in the student's language: the steps and the ladder show them. */
function reading(options: PresentRunOptions): { locale?: string } {
  return options.locale === undefined ? {} : { locale: options.locale };
}

async function presentSteps(
  transcript: Transcript,
  deps: WriteupDeps | null,
  options: PresentRunOptions,
): Promise<{ presentation: Presentation; hints?: string[] }> {
  const fallback = (reason?: string) => {
    const p = presentTranscript(transcript, options.locale === undefined ? {} : { locale: options.locale });
    return { presentation: reason === undefined ? p : { ...p, fallbackReason: reason } };
  };
  if (deps === null) return fallback();
  if (transcript.answer === null) return fallback("the run has no final answer to write up");
  const items = readTranscript(transcript, reading(options));
  let reply: string;
  try {
    reply = await requestWriteup(transcript.question, items, transcript.answer, deps, options.ladderDepth);
  } catch (err) {
    const reason = `the write-up call failed: ${err instanceof Error ? err.message : String(err)}`;
    deps.logger?.warn({ err }, "write-up call failed; using the deterministic presenter");
    return fallback(reason);
  }
  const writeup = parseWriteup(reply);
  if (writeup === null) return fallback("the write-up did not have numbered steps and an answer");
  const grounding = checkGrounding(writeup, transcript.question, items, transcript.answer);
  if (!grounding.ok) {
    deps.logger?.info({ reason: grounding.reason }, "write-up failed its checks; using the deterministic presenter");
    return fallback(grounding.reason);
  }
  return {
    presentation: {
      steps: stepsFrom(writeup, items, transcript.answer, options.locale),
      answer: transcript.answer,
      presenter: "writeup",
    },
    ...(writeup.hints ? { hints: writeup.hints } : {}),
  };
}

async function requestWriteup(
  question: string,
  items: FlowItem[],
  answer: string,
  deps: WriteupDeps,
  hints: number | undefined,
): Promise<string> {
  const { client, settings } = deps;
  const user = writeupUserMessage(question, items, answer, {
    ...(hints === undefined ? {} : { hints }),
    guide: deps.guide,
  });
  const signal = deps.signal
    ? AbortSignal.any([deps.signal, AbortSignal.timeout(settings.timeoutMs)])
    : AbortSignal.timeout(settings.timeoutMs);
  if (settings.transport === "chat") {
    const response = await client.chat.completions.create(
      {
        model: settings.model,
        messages: [
          { role: "system", content: WRITEUP_SYSTEM_PROMPT },
          { role: "user", content: user },
        ],
        max_tokens: settings.maxTokens,
        temperature: settings.temperature,
      },
      { signal },
    );
    return response.choices[0]?.message.content ?? "";
  }
  const response = await client.completions.create(
    {
      model: settings.model,
      prompt: renderTemplate(settings.template, WRITEUP_SYSTEM_PROMPT, user),
      max_tokens: settings.maxTokens,
      temperature: settings.temperature,
    },
    { signal },
  );
  return response.choices[0]?.text ?? "";
}

/**
 * The write-up's steps with the transcript's cells attached: each cell on the first step that cites
 * it; a cell no step cites goes with the step citing the nearest earlier cell (else the last step).
 * Sentences that only restate the answer are dropped: the answer step states it. A `[cell N]`
 * reference reads in the student's language.
 */
function stepsFrom(writeup: Writeup, items: FlowItem[], answer: string, locale: string | undefined): Step[] {
  const cells = cellsOf(items);
  const owner = new Map<number, number>();
  for (const [i, step] of writeup.steps.entries()) {
    for (const n of step.cells) if (!owner.has(n)) owner.set(n, i);
  }
  let lastOwner = -1;
  for (const cell of cells) {
    if (owner.has(cell.index)) lastOwner = owner.get(cell.index)!;
    else owner.set(cell.index, lastOwner >= 0 ? lastOwner : writeup.steps.length - 1);
  }
  return writeup.steps.map((written, i) => {
    const mine: Cell[] = cells.filter((c) => owner.get(c.index) === i);
    const markdown = written.markdown
      .split("\n")
      .map((line) =>
        /\$\$|\\\[/.test(line)
          ? line
          : sentencesOf(line)
              .filter((s) => !restatesAnswer(s, answer))
              .join(" "),
      )
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/\[cell\s+(\d+)\]/gi, (_, index: string) => t(locale, "steps.cell_ref", { index }))
      .trim();
    return withCells({ title: written.title, markdown }, mine);
  });
}
