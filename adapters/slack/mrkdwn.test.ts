/** Markdown → mrkdwn and section splitting: what a student sees in Slack must read like the Markdown. */
import { describe, expect, it } from "vitest";
import { withFormulaLabels } from "./blocks.js";
import { toMrkdwn } from "./mrkdwn.js";
import { MAX_SECTION_CHARS, splitSections } from "./sections.js";

describe("toMrkdwn", () => {
  it("converts bold, italics, strikethrough, headings and lists", () => {
    expect(toMrkdwn("**Total** is *about* ~~3~~ 4")).toBe("*Total* is _about_ ~3~ 4");
    expect(toMrkdwn("## Step one")).toBe("*Step one*");
    expect(toMrkdwn("- first\n  * nested\n1. numbered")).toBe("• first\n  • nested\n1. numbered");
    expect(toMrkdwn("__also bold__ and snake_case_name")).toBe("*also bold* and snake_case_name");
  });

  it("leaves multiplication stars alone", () => {
    expect(toMrkdwn("2 * 3 * 4 = 24")).toBe("2 * 3 * 4 = 24");
  });

  it("turns links into <url|text> and escapes &, < and > everywhere else", () => {
    expect(toMrkdwn("see [the docs](https://example.com/a?b=1&c=2) & <b> if x > 3")).toBe(
      "see <https://example.com/a?b=1&c=2|the docs> &amp; &lt;b&gt; if x &gt; 3",
    );
    expect(toMrkdwn("<https://example.com>")).toBe("<https://example.com>");
  });

  it("keeps a date token whole (each reader sees it in their own time zone), and escapes anything like it", () => {
    const token = "<!date^1799600400^{date_short_pretty} {time}|2027-01-10 17:00 UTC>";
    expect(toMrkdwn(`• due **${token}**.`)).toBe(`• due *${token}*.`);
    expect(toMrkdwn("<!date^x^y|z> <!channel>")).toBe("&lt;!date^x^y|z&gt; &lt;!channel&gt;");
  });

  it("keeps code verbatim except for escaping, and drops the fence's language tag", () => {
    expect(toMrkdwn("use `a**b**c < 2` here")).toBe("use `a**b**c &lt; 2` here");
    expect(toMrkdwn("```python\nif a < b and c > d:\n    print(**kw)\n```")).toBe(
      "```\nif a &lt; b and c &gt; d:\n    print(**kw)\n```",
    );
  });

  it("keeps a quote marker and closes an unterminated fence", () => {
    expect(toMrkdwn("> note: a < b")).toBe("> note: a &lt; b");
    expect(toMrkdwn("```\nx = 1")).toBe("```\nx = 1\n```");
  });
});

describe("splitSections", () => {
  it("keeps short text in one piece", () => {
    expect(splitSections("a\n\nb")).toEqual(["a\n\nb"]);
  });

  it("cuts between paragraphs and keeps every piece within Slack's limit", () => {
    const paragraph = "word ".repeat(300).trim();
    const pieces = splitSections([paragraph, paragraph, paragraph].join("\n\n"));
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe([paragraph, paragraph, paragraph].join(" "));
  });

  it("never cuts inside a code block: a long one is closed and reopened at a line break", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `value_${i} = ${i} * 2  # a comment to make it long`);
    const pieces = splitSections(`Intro\n\n\`\`\`\n${lines.join("\n")}\n\`\`\`\n\nOutro`);
    const code = pieces.filter((p) => p.includes("```"));
    expect(code.length).toBeGreaterThan(1);
    for (const piece of code) {
      expect(piece.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
      expect(piece.match(/```/g)).toHaveLength(2);
    }
    const body = code.map((p) => /```\n([\s\S]*?)\n```/.exec(p)![1]).join("\n");
    expect(body).toBe(lines.join("\n"));
    expect(pieces[0]).toMatch(/^Intro/);
    expect(pieces.at(-1)).toMatch(/Outro$/);
  });

  it("never cuts an escaped character in half", () => {
    const line = "&amp;".repeat(1000);
    for (const piece of splitSections(line)) expect(piece).toMatch(/^(&amp;)+$/);
  });
});

describe("withFormulaLabels", () => {
  it("points at a formula drawn under the step in the reader's language", () => {
    expect(withFormulaLabels("So [formula 1] holds.", undefined)).toBe("So (formula 1 ↓) holds.");
    expect(withFormulaLabels("Así [formula 1] se cumple.", "es")).toBe("Así (fórmula 1 ↓) se cumple.");
  });
});
