import { describe, expect, it } from "vitest";
import { type ButtonAction, buttonId, parseButtonId } from "./custom-id.js";
import { NONCE_CHARS, nonceFor } from "./nonce.js";
import { threadName } from "./thread-name.js";

describe("button ids", () => {
  const actions: ButtonAction[] = [
    { kind: "next_step", jobId: "discord-123", after: 2 },
    { kind: "show_code", jobId: "discord-123", step: 0 },
    { kind: "show_code", jobId: "discord-123" },
    { kind: "reveal", jobId: "discord-123" },
    { kind: "retry", jobId: "discord-123" },
    { kind: "cancel", jobId: "discord-123" },
    { kind: "feedback", jobId: "discord-123", value: "down" },
  ];
  it.each(actions)("round-trips $kind", (action) => {
    const id = buttonId(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseButtonId(id)).toEqual(action);
  });

  it("does not act on ids it did not make", () => {
    expect(parseButtonId("other-bot:cancel")).toBeNull();
    expect(parseButtonId("st|next|job|")).toBeNull();
    expect(parseButtonId("st|fb|job|sideways")).toBeNull();
  });
});

describe("threadName", () => {
  it("uses the question's first line without Markdown or mentions", () => {
    expect(threadName("<@123> **What** is `2+2`?\nsecond line")).toBe("What is 2+2?");
  });

  it("fits Discord's 100 characters, cut at a word", () => {
    const name = threadName("integrate ".repeat(30));
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.endsWith("integrate…")).toBe(true);
  });

  it("falls back when there is no text (an attachment-only question)", () => {
    expect(threadName("  ", "Analysis of data.csv")).toBe("Analysis of data.csv");
  });
});

describe("nonceFor", () => {
  it("is stable per key, distinct across keys and within Discord's 25 characters", () => {
    const a = nonceFor("discord-1:step:0");
    expect(a).toBe(nonceFor("discord-1:step:0"));
    expect(a).not.toBe(nonceFor("discord-1:step:1"));
    expect(a.length).toBe(NONCE_CHARS);
  });
});
