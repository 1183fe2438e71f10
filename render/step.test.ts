import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRenderer } from "./renderer.js";
import { palettes } from "./themes.js";

const renderer = createRenderer({ workers: 0 });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-step-"));
});
afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

/** A noisy PNG (incompressible), like a dense plot. */
async function noisyPng(path: string, width: number, height: number): Promise<void> {
  const pixels = randomBytes(width * height * 3);
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
}

describe("renderStep", () => {
  it("writes simple inline math as text and draws the rest", async () => {
    const step = await renderer.renderStep({
      title: "Expand",
      markdown: "Since $x^2 \\ge 0$ and $e^{i\\pi} = -1$, we get\n$$\\sum_{k=1}^n k = \\frac{n(n+1)}{2}$$\nas claimed.",
      code: "print(1)",
      output: "1",
    });
    expect(step.title).toBe("Expand");
    expect(step.text).toBe("Since x² ≥ 0 and [formula 1], we get\n[formula 2]\nas claimed.");
    expect(step.images.map((i) => [i.kind, i.alt, i.filename])).toEqual([
      ["formula", "e^{i\\pi} = -1", "formula-1.png"],
      ["formula", "\\sum_{k=1}^n k = \\frac{n(n+1)}{2}", "formula-2.png"],
    ]);
    expect(step.images.every((i) => i.png && i.width > 0 && i.height > 0)).toBe(true);
    // The promoted inline formula is drawn smaller than the display one.
    expect(step.images[0]!.height).toBeLessThan(step.images[1]!.height);
    expect(step.parts.map((p) => (p.kind === "text" ? p.text : `<image ${p.index}>`))).toEqual([
      "Since x² ≥ 0 and ",
      "<image 0>",
      ", we get\n",
      "<image 1>",
      "\nas claimed.",
    ]);
    expect(step).toMatchObject({ code: "print(1)", output: "1", problems: [] });
  });

  it("shows broken LaTeX as source with a note instead of failing", async () => {
    const step = await renderer.renderStep({ title: "Oops", markdown: "Then $$\\frac{1}{2$$ and $\\nope x$." });
    expect(step.images).toEqual([]);
    expect(step.problems).toEqual([
      { latex: "\\frac{1}{2", message: "Missing close brace" },
      { latex: "\\nope x", message: "Undefined control sequence \\nope" },
    ]);
    expect(step.text).toContain("```latex\n\\frac{1}{2\n```\n*(could not draw this formula: Missing close brace)*");
    expect(step.text).toContain("```latex\n\\nope x\n```");
  });

  it("refuses a huge formula inside a step with a note", async () => {
    const huge = `$$\\begin{matrix}${"1\\\\".repeat(10_000)}\\end{matrix}$$`;
    const step = await renderer.renderStep({ title: "Big", markdown: `Look: ${huge}` });
    expect(step.images).toEqual([]);
    expect(step.problems[0]!.message).toMatch(/too many rows/);
  });

  it("writes images to outDir when asked, in the light theme", async () => {
    const outDir = join(dir, "out");
    const step = await renderer.renderStep(
      { title: "t", markdown: "$$\\binom{5}{2} = 10$$" },
      { theme: "light", outDir },
    );
    const path = step.images[0]!.path!;
    expect(path.startsWith(outDir)).toBe(true);
    expect(step.images[0]!.png).toBeUndefined();
    const meta = await sharp(await readFile(path)).metadata();
    expect([meta.width, meta.height]).toEqual([step.images[0]!.width, step.images[0]!.height]);
  });

  it("passes small plots through and downscales large ones to the upload limit", async () => {
    const small = join(dir, "small.png");
    const large = join(dir, "large.png");
    await noisyPng(small, 64, 48);
    await noisyPng(large, 1200, 900);
    const largeBytes = (await stat(large)).size;
    const maxBytes = 400_000;
    expect(largeBytes).toBeGreaterThan(maxBytes);
    const step = await renderer.renderStep(
      {
        title: "Plot",
        markdown: "See the plots.",
        figures: [
          { path: small, width: 64, height: 48 },
          { path: large, width: 1200, height: 900 },
        ],
      },
      { figureLimits: { maxBytes, maxSide: 4096 }, theme: "light" },
    );
    const [first, second] = step.images;
    expect(first).toMatchObject({ kind: "figure", path: small, width: 64, height: 48, caption: "Figure 1" });
    expect(second!.kind).toBe("figure");
    expect(second!.png!.length).toBeLessThanOrEqual(maxBytes);
    expect(second!.width).toBeLessThan(1200);
    expect(second!.width / second!.height).toBeCloseTo(1200 / 900, 1);
    expect(second!.caption).toBe("Figure 2 (reduced from 1200×900 px to fit the upload limit)");
    const spanish = await renderer.renderStep(
      { title: "Gráfica", markdown: "Mira la gráfica.", figures: [{ path: small, width: 64, height: 48 }] },
      { theme: "light", locale: "es-ES" },
    );
    expect(spanish.images[0]).toMatchObject({ caption: "Figura 1", alt: "Figura 1" });
  });

  it("draws a white matplotlib figure on the dark theme's colours, keeping its coloured lines", async () => {
    const plot = join(dir, "plot.png");
    // White paper, a black axis line and a blue data line, as matplotlib's default style draws.
    await sharp({ create: { width: 200, height: 100, channels: 3, background: "#ffffff" } })
      .composite([
        { input: { create: { width: 180, height: 2, channels: 3, background: "#000000" } }, top: 90, left: 10 },
        { input: { create: { width: 150, height: 3, channels: 3, background: "#1f77b4" } }, top: 40, left: 30 },
      ])
      .png()
      .toFile(plot);
    const pixel = async (png: Buffer, x: number, y: number) => {
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const i = (y * info.width + x) * info.channels;
      return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
    };
    const dark = await renderer.renderStep(
      { title: "Plot", markdown: "x", figures: [{ path: plot, width: 200, height: 100 }] },
      { theme: "dark" },
    );
    const png = dark.images[0]!.png!;
    expect((await pixel(png, 5, 5)).toUpperCase()).toBe(palettes.dark.background);
    expect((await pixel(png, 100, 90)).toUpperCase()).toBe(palettes.dark.text);
    expect(await pixel(png, 100, 41)).toBe("#1f77b4");

    const light = await renderer.renderStep(
      { title: "Plot", markdown: "x", figures: [{ path: plot, width: 200, height: 100 }] },
      { theme: "light" },
    );
    expect(light.images[0]).toMatchObject({ path: plot });

    // A figure drawn dark already (plt.style.use("dark_background")) is posted as it is.
    const alreadyDark = join(dir, "dark.png");
    await sharp({ create: { width: 50, height: 50, channels: 3, background: "#000000" } })
      .png()
      .toFile(alreadyDark);
    const kept = await renderer.renderStep(
      { title: "Plot", markdown: "x", figures: [{ path: alreadyDark, width: 50, height: 50 }] },
      { theme: "dark" },
    );
    expect(kept.images[0]).toMatchObject({ path: alreadyDark });
  });

  it("lays a transparent plot (as the sandbox hands it over) on either theme, and draws it in both when asked", async () => {
    const plot = join(dir, "clear.png");
    // Nothing but a black axis line and a half-covered blue line edge on a transparent background.
    await sharp({ create: { width: 100, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([
        { input: { create: { width: 80, height: 2, channels: 4, background: "#000000" } }, top: 40, left: 10 },
        {
          input: { create: { width: 80, height: 1, channels: 4, background: { r: 31, g: 119, b: 180, alpha: 0.5 } } },
          top: 20,
          left: 10,
        },
      ])
      .png()
      .toFile(plot);
    const rgb = async (png: Buffer, x: number, y: number) => {
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    const step = await renderer.renderStep(
      { title: "Plot", markdown: "x", figures: [{ path: plot, width: 100, height: 50 }] },
      { theme: "light", figuresAlsoIn: "dark" },
    );
    expect(step.theme).toBe("light");
    const image = step.images[0]!;
    expect(image.otherTheme?.theme).toBe("dark");
    const light = image.png!;
    const dark = image.otherTheme!.png!;
    const hex = (c: number[]) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`.toUpperCase();
    expect(hex(await rgb(light, 2, 2))).toBe(palettes.light.background);
    expect(hex(await rgb(dark, 2, 2))).toBe(palettes.dark.background);
    expect(hex(await rgb(dark, 50, 40))).toBe(palettes.dark.text);
    // The half-covered edge blends with the dark background: darker than the line, never lighter.
    const [r, g, b] = await rgb(dark, 50, 20);
    expect(Math.max(r!, g!, b!)).toBeLessThanOrEqual(180);
    expect(b!).toBeGreaterThan(r!);
  });

  it("notes a figure that cannot be read", async () => {
    const step = await renderer.renderStep({
      title: "Plot",
      markdown: "x",
      figures: [{ path: join(dir, "missing.png"), width: 1, height: 1 }],
    });
    expect(step.images).toEqual([]);
    expect(step.text).toMatch(/figure 1 could not be attached/);
    expect(existsSync(join(dir, "missing.png"))).toBe(false);
  });

  it("never decodes a figure that is not a PNG (an SVG saved as .png)", async () => {
    const svg = join(dir, "drawing.png");
    await writeFile(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const step = await renderer.renderStep({
      title: "Plot",
      markdown: "x",
      figures: [{ path: svg, width: 10, height: 10 }],
    });
    expect(step.images).toEqual([]);
    expect(step.text).toMatch(/figure 1 could not be attached/);
  });
});

describe("renderAnswer", () => {
  it.each([
    ["\\text{the first player}", "the first player"],
    ["Code execution limit reached", "Code execution limit reached"],
    ["\\text{Tuesday}", "Tuesday"],
  ])("shows an answer in words (%s) as text, not typeset as math", async (latex, words) => {
    const answer = await renderer.renderAnswer(latex);
    expect(answer.text).toBe(`**Answer:** ${words}`);
    expect(answer.images).toEqual([]);
  });

  it.each(["x", "\\text{(C)}", "5 \\text{ cm}"])("keeps %s as mathematics", async (latex) => {
    expect((await renderer.renderAnswer(latex)).images).toHaveLength(1);
  });

  it("gives Unicode text and a boxed image", async () => {
    const answer = await renderer.renderAnswer("\\frac{1}{2}");
    expect(answer.text).toBe("**Answer:** 1/2");
    expect(answer.images).toHaveLength(1);
    expect(answer.images[0]!.alt).toBe("\\frac{1}{2}");
  });

  it("points at the image when the answer has no text form", async () => {
    const answer = await renderer.renderAnswer("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}");
    expect(answer.text).toBe("**Answer:** [formula 1]");
  });

  it("shows an undrawable answer as source", async () => {
    const answer = await renderer.renderAnswer("\\nope");
    expect(answer.images).toEqual([]);
    expect(answer.text).toContain("```latex\n\\nope\n```");
  });
});
