/**
 * Every final answer in MATH-500 draws, or fails with a message a student could act on; the
 * counts are printed for the lead's report. Skipped (with a note) when the data set is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { FormulaTooLargeError, LatexError } from "./errors.js";
import { defaultFormulaSettings, renderFormulaSync } from "./formula.js";
import { KATEX_MACROS } from "./katex.js";
import { latexToUnicode } from "./unicode.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataPath = resolve(projectRoot, "../shared/data/math500.jsonl");
const present = existsSync(dataPath);
if (!present) console.warn(`math500 answers test skipped: ${dataPath} not found`);

describe.skipIf(!present)("MATH-500 answers", () => {
  it("each renders or fails with the parser's message", () => {
    const answers = readFileSync(dataPath, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { answer: string }).answer);
    let drawn = 0;
    let asText = 0;
    let katexTypesets = 0;
    const failures: string[] = [];
    for (const answer of answers) {
      try {
        renderFormulaSync(answer, { theme: "dark" }, defaultFormulaSettings);
        drawn++;
      } catch (err) {
        expect(err).toSatisfy((e) => e instanceof LatexError || e instanceof FormulaTooLargeError);
        expect((err as Error).message.length).toBeGreaterThan(5);
        failures.push(`${answer}: ${(err as Error).message}`);
      }
      if (latexToUnicode(answer) !== null) asText++;
      try {
        katex.renderToString(answer, { throwOnError: true, macros: { ...KATEX_MACROS } });
        katexTypesets++;
      } catch {
        // Counted below; KaTeX is the playground's concern, not a failure of this renderer.
      }
    }
    console.log(
      `MATH-500: ${answers.length} answers, ${drawn} drawn, ${failures.length} failed with a message, ` +
        `${asText} readable as Unicode text, ${katexTypesets} typeset by KaTeX${failures.length ? `\n  ${failures.join("\n  ")}` : ""}`,
    );
    expect(answers.length).toBe(500);
    // All of them draw today; a regression in supported LaTeX shows up here.
    expect(drawn).toBe(answers.length);
    expect(katexTypesets).toBe(answers.length);
  });
});
