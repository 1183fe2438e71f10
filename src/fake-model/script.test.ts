import { describe, expect, it } from "vitest";
import { nextText, parseScript } from "./script.js";

describe("the fake model's scripts", () => {
  it("quote what the code printed, without the engine's notes about figures", () => {
    const [scenario] = parseScript({
      scenarios: [
        { name: "plot", turns: ["Plot it.\n```python\nplt.show()\n```\n```output", "So \\boxed{ {{output}} }"] },
      ],
    }).scenarios;
    const assistant =
      "Plot it.\n```python\nplt.show()\n```\n```output\n2\n[figure 1: 640×480 PNG shown to the student]\n```\n";
    expect(nextText(scenario!, assistant)).toEqual({ text: "So \\boxed{ 2 }" });
  });
});
