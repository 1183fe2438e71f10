import { describe, expect, it } from "vitest";
import { splitThought } from "./chat-conversation.js";
import { ThinkSplitter } from "./conversation.js";

describe("ThinkSplitter", () => {
  it("splits thought from answer at the tags, dropping them, across turns", () => {
    const splitter = new ThinkSplitter(true);
    expect(splitter.split("checking\n```python\nprint(1)\n```\n")).toEqual([
      { text: "checking\n```python\nprint(1)\n```\n", thought: true },
    ]);
    expect(splitter.split("done\n</think>\n\nThe answer is 1.")).toEqual([
      { text: "done\n", thought: true },
      { text: "\n\nThe answer is 1.", thought: false },
    ]);
  });

  it("handles a thought opened and closed inside one text", () => {
    expect(new ThinkSplitter().split("<think>hmm</think>ok")).toEqual([
      { text: "hmm", thought: true },
      { text: "ok", thought: false },
    ]);
  });
});

describe("splitThought (chat)", () => {
  it("puts the reasoning field first, then the content", () => {
    expect(splitThought("let me see", "Answer.")).toEqual([
      { text: "let me see", thought: true },
      { text: "Answer.", thought: false },
    ]);
  });

  it("reads content that closes a thought the template opened", () => {
    expect(splitThought("", "thinking…</think>\n\nAnswer.")).toEqual([
      { text: "thinking…", thought: true },
      { text: "\n\nAnswer.", thought: false },
    ]);
  });
});
