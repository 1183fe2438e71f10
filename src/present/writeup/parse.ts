/**
 * Reads the write-up reply: `### Step N: title` sections and an `### Answer` section. A reasoning
 * model may think first (`<think>…</think>` or plain text): the last complete run of steps counts.
 */

export interface WrittenStep {
  title: string;
  markdown: string;
  /** Cells the step refers to with `[cell N]` (left in `markdown` for the presenter to word), in order of mention. */
  cells: number[];
}

export interface Writeup {
  steps: WrittenStep[];
  answer: string;
  /** The hint ladder's rungs, when the reply has a `### Hints` section (numbered items). */
  hints?: string[];
}

const HINTS_SECTION =
  /^#{2,4}\s*(?:\*\*)?\s*(?:hints?|pistas?|indices|hinweise|dicas|提示)\s*:?\s*(?:\*\*)?\s*$([\s\S]*?)(?=^#{2,4}\s|$(?![\s\S]))/im;

// Headings a model may have translated with the text (`### Paso 1:`, `### 步骤 1：`, `### 答案`) read too.
const STEP_HEADING =
  /^#{2,4}\s*(?:\*\*)?\s*(?:step|schritt|étape|etapa|paso|passo|шаг|步骤|ステップ)?\s*(\d+)\s*[:.)\-–—：]\s*(.+?)\s*(?:\*\*)?\s*$/gim;
const ANSWER_HEADING =
  /^#{2,4}\s*(?:\*\*)?\s*(?:answer|final answer|antwort|réponse|respuesta|resposta|risposta|ответ|答案|答え)\s*[:：]?\s*(?:\*\*)?\s*$/gim;

export function parseWriteup(reply: string): Writeup | null {
  const thought = reply.replace(/<think>[\s\S]*?<\/think>/g, "").replace(/<\/?think>/g, "");
  // The hints come out first: the steps and the answer are read without them.
  const hintsAt = HINTS_SECTION.exec(thought);
  const text = hintsAt ? thought.slice(0, hintsAt.index) + thought.slice(hintsAt.index + hintsAt[0].length) : thought;
  const hints = hintsAt ? numberedItems(hintsAt[1]!) : [];
  const answers = [...text.matchAll(ANSWER_HEADING)];
  const answerAt = answers.at(-1);
  if (!answerAt) return null;
  const body = text.slice(0, answerAt.index);
  const headings = [...body.matchAll(STEP_HEADING)];
  // The last "Step 1" starts the write-up; anything before it was thinking.
  let start = -1;
  for (const [i, h] of headings.entries()) if (h[1] === "1") start = i;
  if (start < 0) return null;
  const used = headings.slice(start);
  const steps = used.map((h, i) => {
    const end = i + 1 < used.length ? used[i + 1]!.index : body.length;
    const markdown = body.slice(h.index + h[0].length, end).trim();
    return {
      title: h[2]!.replace(/\*\*/g, "").trim(),
      markdown,
      cells: [...markdown.matchAll(/\bcell\s+(\d+)/gi)].map((m) => Number(m[1])),
    };
  });
  const answer = unwrapAnswer(text.slice(answerAt.index + answerAt[0].length));
  if (!answer) return null;
  return { steps, answer, ...(hints.length > 0 ? { hints } : {}) };
}

/** `1. …` items, each possibly over several lines. */
function numberedItems(section: string): string[] {
  const items: string[] = [];
  for (const line of section.split("\n")) {
    const start = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (start) items.push(start[1]!.trim());
    else if (line.trim() && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.filter(Boolean);
}

/** `$$\boxed{738}$$`, `\(738\)`, `**738**` → `738`. */
function unwrapAnswer(raw: string): string {
  let s = raw
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
  for (let i = 0; i < 4; i++) {
    const next = s
      .replace(/^\$\$([\s\S]*)\$\$$/, "$1")
      .replace(/^\\\[([\s\S]*)\\\]$/, "$1")
      .replace(/^\\\(([\s\S]*)\\\)$/, "$1")
      .replace(/^\$([\s\S]*)\$$/, "$1")
      .replace(/^\*\*([\s\S]*)\*\*$/, "$1")
      .replace(/^\\boxed\s*\{([\s\S]*)\}$/, "$1")
      .trim();
    if (next === s) break;
    s = next;
  }
  return s;
}
