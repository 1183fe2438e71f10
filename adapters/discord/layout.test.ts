import { describe, expect, it } from "vitest";
import { defaultFigureLimits } from "../../render/index.js";
import type { BlobRef } from "../../src/blobs/types.js";
import type { ResultStep, StepImage } from "../../src/seam.js";
import { groupFiles, layoutMessage, MAX_UPLOAD_BYTES, markerFor } from "./layout.js";

const ref = (bytes: number, id = "b"): BlobRef => ({ id, bytes, contentType: "image/png", sha256: "0".repeat(64) });
const image = (i: number, bytes = 1000): StepImage => ({
  kind: "formula",
  filename: `formula-${i}.png`,
  alt: `x^{${i}}`,
  width: 10,
  height: 10,
  blob: ref(bytes, String(i)),
});
const step = (over: Partial<ResultStep> = {}): ResultStep => ({
  title: "Square both sides",
  markdown: "",
  text: "Then [formula 1] holds.",
  images: [image(1)],
  parts: [
    { kind: "text", text: "Then " },
    { kind: "image", index: 0 },
    { kind: "text", text: " holds." },
  ],
  ...over,
});
const context = { jobId: "discord-9", key: "discord-9:step:1" };

describe("layoutMessage", () => {
  it("titles a step with its number, puts each formula under the text before it (no [formula N]), and marks it", () => {
    const [piece, after, ...rest] = layoutMessage({ kind: "step", index: 1, total: 3, step: step() }, context);
    expect(rest).toEqual([]);
    expect(piece?.content).toBe("**Step 2 of 3 · Square both sides**\nThen");
    expect(piece?.files.map((f) => f.description)).toEqual(["x^{1}"]);
    expect(after?.content).toBe("holds.");
    const marker = after?.buttons.flat()[0];
    expect(marker?.disabled).toBe(true);
    expect(markerFor("discord-9", "step:1")).toBe(`st|code|discord-9|1`);
  });

  it("shows short code and its output in the step, and offers Show code only for folded code", () => {
    const short = layoutMessage(
      {
        kind: "step",
        index: 0,
        total: 1,
        step: step({ code: "print(6*7)", output: "42", images: [], parts: [{ kind: "text", text: "Multiply." }] }),
      },
      context,
    );
    expect(short[0]?.content).toContain("```python\nprint(6*7)\n```\nOutput:\n```\n42\n```");
    expect(short[0]?.buttons.flat().map((b) => [b.label, b.disabled ?? false])).toEqual([["Step 1/1", true]]);
    const long = "x = 1\n".repeat(20);
    const [folded] = layoutMessage(
      {
        kind: "step",
        index: 0,
        total: 1,
        step: step({ code: long, output: "42", foldCode: true, images: [], parts: [] }),
      },
      context,
    );
    expect(folded?.content).not.toContain("x = 1");
    expect(folded?.content).toContain("42");
    expect(folded?.buttons.flat().map((b) => [b.label, b.disabled ?? false])).toEqual([["Show code", false]]);
  });

  it("puts more than 10 images into further messages, never over 10 files or 10 MiB each", () => {
    const images = Array.from({ length: 13 }, (_, i) => image(i, 3 * 1024 * 1024));
    const pieces = layoutMessage({ kind: "step", index: 0, total: 1, step: step({ images, parts: [] }) }, context);
    expect(pieces.flatMap((p) => p.files)).toHaveLength(13);
    for (const p of pieces) {
      expect(p.files.length).toBeLessThanOrEqual(10);
      expect(p.files.reduce((s, f) => s + f.blob.bytes, 0)).toBeLessThanOrEqual(10 * 1024 * 1024);
    }
    expect(pieces.at(-1)?.buttons.length).toBe(1);
  });

  it("uploads every image as stored: the renderer's size limit is within one Discord upload", () => {
    expect(defaultFigureLimits.maxBytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
  });

  it("shows the answer per the space's policy, its rendered formula only behind a spoiler", () => {
    const rendered = step({ title: "Answer", images: [{ ...image(1), alt: "42" }] });
    const answer = { kind: "answer", answer: "42", status: "ok", rendered } as const;
    const [spoiler, ...more] = layoutMessage({ ...answer, reveal: "spoiler" }, context);
    expect(more).toEqual([]);
    expect(spoiler!.content).toContain("||42||");
    expect(spoiler!.files).toEqual([{ filename: "SPOILER_formula-1.png", description: "42", blob: image(1).blob }]);
    const button = layoutMessage({ ...answer, reveal: "button" }, context)[0]!;
    expect(button.content).not.toContain("42");
    expect(button.files).toEqual([]);
    expect(button.buttons.flat().map((b) => b.label)).toContain("Reveal answer");
    const never = layoutMessage({ ...answer, reveal: "never" }, context)[0]!;
    expect(never.content).not.toContain("42");
    expect(never.files).toEqual([]);
    expect(never.buttons.flat().some((b) => b.label === "Reveal answer")).toBe(false);
  });

  it("never shows an answer in hint mode and offers another hint, then the worked solution, instead", () => {
    const [piece] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "hint", reveal: "spoiler", next: "hint" },
      context,
    );
    expect(piece?.content).not.toContain("could not");
    expect(piece?.buttons.flat().map((b) => b.label)).toContain("Another hint");
    const [last] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "hint", reveal: "spoiler", next: "solution" },
      context,
    );
    expect(last?.buttons.flat().map((b) => b.label)).toContain("See a worked solution");
    const [none] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "hint", reveal: "never" },
      context,
    );
    expect(none?.content).toMatch(/last hint/);
    expect(none?.buttons.flat().some((b) => b.action.kind === "next_step")).toBe(false);
    expect(piece?.buttons.flat().some((b) => b.label === "Reveal answer")).toBe(false);
  });

  it("words a Spanish run's ladder closing, its buttons, a check's verdict and the withheld steps' closing in Spanish", () => {
    const es = { ...context, locale: "es" as const };
    const answer = { kind: "answer", answer: "42", status: "ok" } as const;
    const [hint] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "hint", reveal: "spoiler", next: "hint" },
      es,
    );
    expect(hint?.content).toBe("💡 Inténtalo tú primero. ¿Atascado? Pulsa **Otra pista**.");
    expect(hint?.buttons.flat().map((b) => b.label)).toContain("Otra pista");
    const [last] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "hint", reveal: "spoiler", next: "solution" },
      es,
    );
    expect(last?.buttons.flat().map((b) => b.label)).toContain("Ver una solución resuelta");
    const verdict = (correct: boolean) =>
      layoutMessage(
        { kind: "answer", answer: null, status: "ok", mode: "check", reveal: "spoiler", correct, next: "solution" },
        es,
      )[0]!;
    expect(verdict(true).content).toBe("✅ Tu respuesta es correcta.");
    expect(verdict(false).content).toMatch(/^❌ Todavía no/);
    const withheld = layoutMessage({ ...answer, reveal: "button", withheld: [step()] }, es).at(-1)!;
    expect(withheld.content).toMatch(/^\*\*Los pasos que llegan a la respuesta/);
    const spoiler = layoutMessage({ ...answer, reveal: "spoiler", withheld: [step()] }, es).at(-1)!;
    expect(spoiler.buttons.flat().map((b) => b.label)).toContain("Mostrar el resto de la solución");
  });

  it("closes an explanation without a final answer as finished, not as a failure", () => {
    const [piece] = layoutMessage(
      { kind: "answer", answer: null, status: "ok", mode: "explain", reveal: "button" },
      context,
    );
    expect(piece?.content).toMatch(/whole explanation/);
    expect(piece?.content).not.toContain("could not");
    expect(piece?.buttons.flat().some((b) => b.label === "Reveal answer")).toBe(false);
  });

  it("offers Retry on an error only when a retry can help", () => {
    const error = (retryable: boolean) =>
      layoutMessage({ kind: "error", code: "model_unreachable", message: "down", retryable }, context)[0]!;
    expect(
      error(true)
        .buttons.flat()
        .map((b) => b.label),
    ).toEqual(["Retry"]);
    expect(error(false).buttons).toEqual([]);
  });
});

describe("groupFiles", () => {
  it("keeps order and starts a new message at 10 files", () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ filename: `${i}`, description: "", blob: ref(1) }));
    expect(groupFiles(files).map((g) => g.map((f) => f.filename))).toEqual([
      ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
      ["10"],
    ]);
  });
});
