import { describe, expect, it } from "vitest";
import {
  endsInsideCodeBlock,
  endsInsidePythonBlock,
  fencedBlocks,
  openBlockAtEnd,
  proseOf,
  stripTrailingStop,
  trailingCodeBlock,
} from "./code-blocks.js";

describe("trailingCodeBlock", () => {
  it("returns the code of a block that closes at the end of the text", () => {
    expect(trailingCodeBlock("Let me compute.\n```python\nprint(1+1)\n```\n")).toBe("print(1+1)");
    expect(trailingCodeBlock("x\n```py\na = 1\nprint(a)\n```")).toBe("a = 1\nprint(a)");
  });

  it("ignores blocks followed by more prose, and non-Python blocks", () => {
    expect(trailingCodeBlock("```python\nprint(1)\n```\nThen I think")).toBeNull();
    expect(trailingCodeBlock("```text\nhello\n```")).toBeNull();
    expect(trailingCodeBlock("```python\nprint(1)\n```\n```output\n1\n```\n")).toBeNull();
  });

  it("uses the last block when there are several", () => {
    expect(trailingCodeBlock("```python\na=1\n```\n```output\n\n```\nnow\n```python\nprint(a)\n```\n")).toBe(
      "print(a)",
    );
  });
});

describe("endsInsideCodeBlock", () => {
  it("detects an unclosed fence", () => {
    expect(endsInsideCodeBlock("so\n```python\nprint(")).toBe(true);
    expect(endsInsideCodeBlock("so\n```python\nprint(1)\n```\ndone")).toBe(false);
  });
});

describe("stripTrailingStop", () => {
  it("removes a stop string that the server left in", () => {
    expect(stripTrailingStop("code\n```\n```output", ["```output"])).toEqual({
      text: "code\n```\n",
      stop: "```output",
    });
    expect(stripTrailingStop("plain", ["```output"])).toEqual({ text: "plain", stop: null });
  });
});

describe("fencedBlocks and proseOf", () => {
  it("finds code and output blocks, and an open block at the end", () => {
    const text = "a\n```python\nx=1\n```\n```output\n1\n```\nb\n```python\nprint(";
    const blocks = fencedBlocks(text);
    expect(blocks.map((b) => [b.lang, b.closed])).toEqual([
      ["python", true],
      ["output", true],
      ["python", false],
    ]);
    expect(proseOf(text)).toBe("a\n\n\nb\n");
    expect(endsInsidePythonBlock(text)).toBe(true);
    expect(openBlockAtEnd("text ``` inline ```")).toBeNull();
  });

  it("scans a megabyte of fences and whitespace in one pass", () => {
    const text = `${"```python\n".repeat(50_000)}${" ".repeat(1_000_000)}`;
    expect(fencedBlocks(text).length).toBe(1);
    expect(fencedBlocks(`\n${"```".repeat(300_000)}`).length).toBe(1);
    expect(trailingCodeBlock(`${" ".repeat(1_000_000)}x`)).toBeNull();
  });
});
