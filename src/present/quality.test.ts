/**
 * What a student reads, over every realistic transcript in test/fixtures/transcripts and both
 * presenters (the checked write-up, served by the fake model over the wire, and the deterministic
 * fallback): a handful of steps, no thinking-aloud, no code in the prose, every executed cell
 * shown once, the answer stated once, hint and check modes that never give the answer away, and
 * no number in the write-up that the run did not produce.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTranscriptFixtures, type TranscriptFixture, transcriptOf } from "../../test/support/transcripts.js";
import { type FakeModelServer, startFakeModel } from "../fake-model/server.js";
import { writeupScenario } from "../fake-model/writeups.js";
import { createModelClient } from "../reasoning/model-client.js";
import type { Transcript } from "../reasoning/types.js";
import { cellsOf, readTranscript } from "./flow.js";
import { ladderOf } from "./ladder.js";
import { restatesAnswer, revealsAnswer } from "./leaks.js";
import { presentForMode } from "./modes.js";
import { isTrivial, matchesAny, numbersIn } from "./numbers.js";
import { sentencesOf } from "./prose.js";
import { presentTranscript } from "./steps.js";
import type { Presentation } from "./types.js";
import { groundedValues } from "./writeup/grounding.js";
import { presentRun, type WriteupDeps } from "./writeup/index.js";

const fixtures = loadTranscriptFixtures();
const FILLER = /^(?:wait|hmm+|let me|let's|ok so|okay|alternatively|alright|oops|i think|warte)\b/i;

let server: FakeModelServer;
let deps: WriteupDeps;
const written = new Map<string, Presentation>();

beforeAll(async () => {
  server = await startFakeModel({
    scenarios: fixtures
      .filter((f) => f.writeup !== undefined)
      .map((f) => writeupScenario(f.name, escapeRegExp(f.question.slice(0, 60)), f.writeup!)),
  });
  deps = {
    client: createModelClient({ baseURL: server.url, apiKey: "test", timeoutMs: 10_000, maxRetries: 0 }),
    settings: {
      model: "START",
      transport: "completions",
      template: "qwen",
      timeoutMs: 10_000,
      maxTokens: 4096,
      temperature: 0.2,
    },
  };
  for (const f of fixtures) written.set(f.name, await presentRun(transcriptOf(f), deps));
});

afterAll(() => server?.close());

it("has at least 12 fixtures covering 0 to 7 cells, errors, timeouts, hints, a plot, a CSV and a non-English question", () => {
  const transcripts = fixtures.map(transcriptOf);
  expect(fixtures.length).toBeGreaterThanOrEqual(12);
  const cellCounts = transcripts.map((t) => t.toolCalls);
  expect(Math.min(...cellCounts)).toBe(0);
  expect(Math.max(...cellCounts)).toBe(7);
  const results = transcripts.flatMap((t) =>
    t.parts.flatMap((p) => (p.kind === "output" && p.result ? [p.result] : [])),
  );
  expect(results.some((r) => r.error && !r.timedOut)).toBe(true);
  expect(results.some((r) => r.timedOut)).toBe(true);
  expect(results.some((r) => r.figures.length > 0)).toBe(true);
  expect(transcripts.some((t) => t.hints > 0)).toBe(true);
  expect(transcripts.some((t) => /\.csv\b/.test(t.question))).toBe(true);
  expect(transcripts.some((t) => /^Wie viele/.test(t.question))).toBe(true);
  expect(transcripts.every((t) => t.parts.map((p) => (p.kind === "text" ? p.text : "")).join("").length > 450)).toBe(
    true,
  );
});

it("uses the write-up for every fixture that has one, and the deterministic presenter otherwise", () => {
  for (const f of fixtures) {
    const p = written.get(f.name)!;
    expect({ name: f.name, presenter: p.presenter, reason: p.fallbackReason }).toEqual({
      name: f.name,
      presenter: f.writeup !== undefined ? "writeup" : "deterministic",
      reason: f.writeup !== undefined ? undefined : "the run has no final answer to write up",
    });
  }
});

describe.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture: TranscriptFixture) => {
  const transcript: Transcript = transcriptOf(fixture);
  const presenters: Array<[string, () => Presentation]> = [
    ["deterministic", () => presentTranscript(transcript)],
    ["write-up", () => written.get(fixture.name)!],
  ];

  describe.each(presenters)("%s presenter", (kind, present) => {
    it("shows 2–8 steps, counting the answer", () => {
      const p = present();
      const shown = p.steps.length + (p.answer === null ? 0 : 1);
      expect(shown).toBeGreaterThanOrEqual(2);
      expect(shown).toBeLessThanOrEqual(8);
    });

    it("opens no paragraph or sentence with thinking-aloud filler", () => {
      for (const step of present().steps) {
        for (const paragraph of step.markdown.split(/\n+/)) {
          for (const sentence of sentencesOf(paragraph)) expect(sentence).not.toMatch(FILLER);
        }
      }
    });

    it("keeps code out of the prose", () => {
      for (const step of present().steps) {
        expect(step.markdown).not.toMatch(/```|\bprint\(|^\s*(?:import|def|from \w+ import)\s/m);
        expect(step.markdown).not.toMatch(/`[^`]+`/);
      }
    });

    it("shows every executed cell once, with its code and output from the transcript (a fixed false start folded)", () => {
      const all = cellsOf(readTranscript(transcript));
      // A failed cell followed by a later cell is a false start: it folds into the step that fixed it.
      const cells = kind === "deterministic" ? all.filter((c, i) => !(c.result?.error && i < all.length - 1)) : all;
      const shown = present().steps.flatMap((s) => s.cells ?? []);
      expect(shown.sort((a, b) => a - b)).toEqual(cells.map((c) => c.index));
      for (const cell of cells) {
        const holders = present().steps.filter((s) => s.cells?.includes(cell.index));
        expect(holders).toHaveLength(1);
        expect(holders[0]!.code).toContain(cell.code);
        expect(holders[0]!.output).toContain(cell.output);
      }
    });

    it("states the answer once: in the answer step, never restated in the prose", () => {
      const p = present();
      expect(p.answer).toBe(transcript.answer);
      for (const step of p.steps) {
        for (const line of step.markdown.split("\n")) {
          for (const sentence of sentencesOf(line)) expect(restatesAnswer(sentence, transcript.answer)).toBe(false);
        }
      }
    });

    it("writes no number the run did not produce", () => {
      const items = readTranscript(transcript);
      // The deterministic presenter titles a cell by its comment: the cell's own words.
      const code = kind === "deterministic" ? cellsOf(items).map((c) => c.code) : [];
      const sources = [
        ...groundedValues(transcript.question, items),
        ...numbersIn(code.join("\n")).map((n) => n.value),
      ];
      for (const step of present().steps) {
        const text = `${step.title}\n${step.markdown}`.replace(/\b(?:cells?|steps?)\s+\d+/gi, "");
        const ungrounded = numbersIn(text).filter((n) => !isTrivial(n) && !matchesAny(n, sources));
        expect(ungrounded.map((n) => n.raw)).toEqual([]);
      }
    });

    it.runIf(transcript.answer !== null)("hint mode gives a start and never the answer or an equivalent", () => {
      const hint = presentForMode({ ...present(), ladder: ladderOf(transcript) }, "hint");
      expect(hint.answer).toBeNull();
      expect(hint.steps).toHaveLength(1);
      const step = hint.steps[0]!;
      expect(step.markdown.length).toBeGreaterThan(20);
      expect(step.code).toBeUndefined();
      expect(step.output).toBeUndefined();
      expect(revealsAnswer(`${step.title}\n${step.markdown}`, transcript.answer)).toBe(false);
    });

    it.runIf(transcript.answer !== null)(
      "check mode with a wrong answer quotes what to recheck and keeps the answer hidden",
      () => {
        const wrong = wrongAnswerFor(transcript.answer!);
        const p = { ...present(), ladder: ladderOf(transcript) };
        const checked = presentForMode(p, "check", { studentAnswer: wrong, verdict: { correct: false } });
        expect(checked.answer).toBeNull();
        const text = checked.steps
          .map((s) => `${s.title}\n${s.markdown}\n${s.output ?? ""}\n${s.code ?? ""}`)
          .join("\n");
        expect(text).toMatch(/not right yet/);
        expect(text).toMatch(/^> \S/m);
        expect(text).not.toMatch(/\bstep \d/i);
        expect(revealsAnswer(text.replaceAll(wrong, ""), transcript.answer)).toBe(false);
      },
    );
  });
});

function wrongAnswerFor(answer: string): string {
  return /^-?\d+$/.test(answer) ? String(Number(answer) + 1) : "0";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
