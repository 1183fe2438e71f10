/** A cell's output as a student reads it: the sandbox's stops and notices in the student's language. */
import { describe, expect, it } from "vitest";
import { cellResult } from "../../test/support/cell-result.js";
import { LOCALES } from "../i18n/index.js";
import { formatCellOutput } from "../reasoning/output-block.js";
import type { Transcript } from "../reasoning/types.js";
import type { CellResult } from "../sandbox/types.js";
import { studentOutput } from "./flow.js";
import { presentTranscript } from "./steps.js";

const MAX = 1500;
/** What the sandbox says for the model when it stops a stuck cell. */
const killed: CellResult = cellResult("", {
  error:
    "TimeoutError: the cell ran longer than 5 s; the interpreter was restarted, so variables from earlier cells are gone",
  timedOut: true,
  stop: { kind: "timeout", seconds: 5, restarted: true },
});

describe("studentOutput", () => {
  it("words a cell the sandbox stopped in the student's language, never with the sandbox's English", () => {
    expect(studentOutput(killed, "while True: pass", MAX, "es-ES")).toBe(
      "⏱ Detenida: la celda tardó más de 5 s. Python se reinició, así que los valores de celdas anteriores se perdieron.",
    );
    expect(studentOutput(killed, "while True: pass", MAX)).toBe(
      "⏱ Stopped: the cell ran longer than 5 s. Python was restarted, so values from earlier cells are gone.",
    );
    const worded = LOCALES.map((locale) => studentOutput(killed, "while True: pass", MAX, locale));
    expect(new Set(worded).size).toBe(LOCALES.length);
    for (const text of worded.slice(1)) expect(text).not.toMatch(/Stopped|interpreter|TimeoutError/);
  });

  it("says why a cell did not run: cancelled, the question's CPU spent", () => {
    const notRun = (stop: CellResult["stop"]) =>
      studentOutput(cellResult("", { error: "SandboxError: …", ...(stop ? { stop } : {}) }), "x = 1", MAX, "es");
    expect(notRun({ kind: "cancelled", restarted: false })).toBe("⏹ No se ejecutó: se canceló la ejecución.");
    expect(notRun({ kind: "cpu_spent", seconds: 60 })).toMatch(/^⏱ No se ejecutó: .*60 segundos de CPU/);
  });

  it("keeps what the cell printed before it was stopped", () => {
    const partial = { ...killed, stdout: "1\n2\n", stop: { kind: "timeout", seconds: 5, restarted: false } as const };
    expect(studentOutput(partial, "", MAX, "de")).toBe("1\n2\n⏱ Angehalten: die Zelle lief länger als 5 s.");
  });

  it("words the sandbox's notices (output cut, a restart, figures not kept) and the empty outputs", () => {
    const noisy = cellResult("x\n", {
      truncated: true,
      notices: [{ kind: "restarted_before" }, { kind: "figures_not_kept", count: 1, maxFigures: 20, maxMb: 8 }],
    });
    expect(studentOutput(noisy, "print('x')", MAX, "es").split("\n")).toEqual([
      "x",
      "(salida recortada: la celda imprimió más de lo que se guarda)",
      "Python se había detenido antes de esta celda y se reinició, así que los valores de celdas anteriores se perdieron.",
      "(1 figura no guardada: una pregunta guarda como mucho 20 figuras.)",
    ]);
    expect(studentOutput(cellResult(""), "x = 1", MAX, "es")).toBe("(sin salida)");
    const figure = cellResult("", { figures: [{ path: "/f.png", width: 10, height: 10 }] });
    expect(studentOutput(figure, "plt.show()", MAX, "fr")).toBe("(une figure, ci-dessous)");
  });

  it("says a cell hit the memory limit, and names its line, in the student's language", () => {
    const traceback = 'Traceback (most recent call last):\n  File "<cell 1>", line 1, in <module>\nMemoryError\n';
    expect(studentOutput(cellResult("", { error: traceback }), "x = bytearray(16 * 1024**3)", MAX, "es")).toBe(
      "✗ Línea 1: x = bytearray(16 * 1024**3)\nMemoryError\nLa celda necesitó más memoria de la que puede usar una pregunta.",
    );
  });
});

describe("the model's reading of the same cell", () => {
  it("has the sandbox's notices in English, one note line each", () => {
    const noisy = cellResult("ok\n", {
      notices: [{ kind: "restarted_after_threads" }, { kind: "figures_not_kept", count: 2, maxFigures: 20, maxMb: 8 }],
    });
    expect(formatCellOutput(noisy, { maxChars: MAX }).split("\n")).toEqual([
      "ok",
      "[interpreter restarted: the cell left threads running that did not stop, so variables from earlier cells are gone]",
      "[2 figures not kept: one question keeps at most 20 figures and 8 MB of them]",
    ]);
  });
});

describe("a Spanish run whose cell was stopped", () => {
  it("shows the step's output in Spanish", () => {
    const transcript: Transcript = {
      question: "¿Cuántos primos hay por debajo de 10^9?",
      parts: [
        { kind: "text", text: "Los cuento con una criba.\n```python\n" },
        { kind: "code", index: 1, code: "while True: pass" },
        { kind: "output", index: 1, text: "", result: killed },
      ],
      answer: null,
      status: "no_answer",
      toolCalls: 1,
      hints: 0,
      figures: [],
      usage: { promptTokens: 0, completionTokens: 0 },
      timings: { totalMs: 0, modelMs: 0, sandboxMs: 0 },
      requests: 1,
    };
    const { steps } = presentTranscript(transcript, { locale: "es-ES" });
    expect(steps.find((s) => s.code !== undefined)?.output).toMatch(/^⏱ Detenida: la celda tardó más de 5 s\./);
  });
});
