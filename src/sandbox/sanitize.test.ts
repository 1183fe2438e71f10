import { describe, expect, it } from "vitest";
import { sanitizeOutput } from "./sanitize.js";

describe("sanitizeOutput", () => {
  it("keeps ordinary text, newlines, tabs and any script as it is", () => {
    const text = "x = 3\tπ ≈ 3.14159\nЖ 中文 😀 ∫ sin(x) dx\n";
    expect(sanitizeOutput(text)).toBe(text);
  });

  it("removes colours, OSC titles and hyperlinks, cursor moves, NUL and other controls", () => {
    const text =
      "a\x00b\x1b[31mred\x1b[0m \x1b]0;title\x07t \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b[Hz\x7f\x08\x9b1m\x85.";
    expect(sanitizeOutput(text)).toBe("abred t link z.");
  });

  it("removes bidi overrides and isolates, and repairs lone surrogates", () => {
    expect(sanitizeOutput("safe\u202eexe.txt\u2066x\u2069\u200f")).toBe("safeexe.txtx");
    expect(sanitizeOutput("a\udcffb\ud800")).toBe("a\ufffdb\ufffd");
  });

  it("turns carriage returns into line ends and keeps CRLF as one", () => {
    expect(sanitizeOutput("10%\r50%\r100%\r\ndone")).toBe("10%\n50%\n100%\ndone");
  });

  it("lets an unterminated OSC end at the line, not swallow the rest", () => {
    expect(sanitizeOutput("\x1b]0;never closed\nnext line")).toBe("\nnext line");
  });

  it("handles 1 MB of escape-like or plain input in linear time", () => {
    const inputs = [
      " ".repeat(1_000_000),
      "\x1b[".repeat(300_000),
      "\x1b]".repeat(300_000),
      "\x1b[0;0;0".repeat(150_000),
      "\x00\u202e".repeat(500_000),
    ];
    for (const input of inputs) {
      const clean = sanitizeOutput(input);
      expect(clean.length).toBeLessThanOrEqual(input.length);
      for (const forbidden of ["\x00", "\x1b", "\u202e"]) expect(clean.includes(forbidden)).toBe(false);
    }
  });
});
