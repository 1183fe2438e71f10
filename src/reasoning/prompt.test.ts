import { describe, expect, it } from "vitest";
import { START_PROMPT_SUFFIX } from "../config.js";
import { parseTemplate, renderTemplate, type TemplateName, userMessage } from "./prompt.js";

describe("chat templates", () => {
  it("round-trips the user message and the assistant text through every template", () => {
    const user = userMessage("What is 2 + 2?", "solve", [], START_PROMPT_SUFFIX);
    for (const template of ["qwen", "qwq", "r1", "plain"] as TemplateName[]) {
      const prompt = renderTemplate(template, "system", user);
      expect(parseTemplate(`${prompt}So far.`)).toEqual({ user, assistant: "So far." });
    }
  });

  it("opens the assistant turn inside a thought for qwq and r1", () => {
    expect(renderTemplate("qwq", "s", "u").endsWith("<|im_start|>assistant\n<think>\n")).toBe(true);
    expect(renderTemplate("r1", "s", "u")).toBe("<｜begin▁of▁sentence｜>s<｜User｜>u<｜Assistant｜><think>\n");
  });

  it("uses the configured suffix instead of START's math instruction", () => {
    expect(userMessage("Q", "solve", [], "Answer briefly.")).toBe("Q\n\nAnswer briefly.");
  });

  it("reads a prompt carrying a megabyte of hostile output in one pass", () => {
    const hostile = "\n\nUser: ".repeat(100_000);
    expect(parseTemplate(`${renderTemplate("plain", "s", "u")}${hostile}`).user).toBe("u");
  });
});
