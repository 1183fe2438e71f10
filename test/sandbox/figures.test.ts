/**
 * Plots as a student sees them: drawn by the real sandbox, laid out by the real renderer for a
 * dark and a light thread. Sharp on a high-density screen (twice the figure's size), readable on
 * a phone (tick labels measured in the picture), and on dark, no white halo along the lines.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRenderer, palettes, type Renderer, type Theme } from "../../render/index.js";
import { createSandbox, type Sandbox, type SandboxSession } from "../../src/sandbox/index.js";
import type { Figure } from "../../src/sandbox/types.js";
import { backgroundLuminance, brightestColour, pixelsOf, tickLabelHeight } from "../support/pixels.js";
import { testConfig } from "./helpers.js";

let sandbox: Sandbox;
let session: SandboxSession;
let renderer: Renderer;
let figureDir: string;

beforeAll(async () => {
  sandbox = createSandbox(testConfig());
  figureDir = await mkdtemp(join(tmpdir(), "figures-test-"));
  session = await sandbox.open([], { figureDir });
  renderer = createRenderer();
});

afterAll(async () => {
  await renderer?.close();
  await sandbox?.close();
  await rm(figureDir, { recursive: true, force: true });
});

async function plot(code: string): Promise<Figure> {
  const result = await session.run(`import numpy as np\nimport matplotlib.pyplot as plt\n${code}\nplt.show()`);
  expect(result.error).toBeNull();
  expect(result.figures).toHaveLength(1);
  return result.figures[0]!;
}

/** The figure as a thread in `theme` shows it. */
async function drawn(figure: Figure, theme: Theme): Promise<Buffer> {
  const step = await renderer.renderStep({ title: "Plot", markdown: "", figures: [figure] }, { theme });
  const image = step.images[0]!;
  return image.png ?? (await import("node:fs/promises")).readFile(image.path!);
}

/** A colour's luminance, as `pixels.ts` measures it. */
function luminanceOf(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
}

const PHONE_CSS_PX = 360;

describe("plots", () => {
  it("are drawn at twice their size: 100 px an inch is what a screen shows, the PNG has 200", async () => {
    const figure = await plot("plt.figure(figsize=(5, 3))\nplt.plot([0, 1, 2], [0, 1, 4])");
    expect([figure.width, figure.height]).toEqual([1000, 600]);
    const meta = await pixelsOf(await drawn(figure, "light"));
    expect([meta.width, meta.height]).toEqual([1000, 600]);
  });

  it("keep their tick labels readable across a phone's width, also when the code asks for a wide figure", async () => {
    for (const code of [
      "plt.plot([0, 1, 2, 3], [0, 1, 4, 9])",
      "plt.figure(figsize=(10, 6))\nplt.plot([0, 1, 2, 3], [0, 1, 4, 9])",
    ]) {
      const p = await pixelsOf(await drawn(await plot(code), "light"));
      const digits = tickLabelHeight(p, (l) => l < 0.6);
      // Digits are about 0.73 of the font size: 8 CSS px tall is a 11-px font across a phone.
      expect((digits / p.width) * PHONE_CSS_PX).toBeGreaterThanOrEqual(8);
    }
  });

  it("lie on the theme's background: light for a light thread, dark for a dark one", async () => {
    const figure = await plot("plt.plot([0, 1, 2, 3], [0, 1, 4, 9])");
    expect(await backgroundLuminance(await drawn(figure, "light"))).toBeGreaterThan(0.9);
    expect(await backgroundLuminance(await drawn(figure, "dark"))).toBeCloseTo(
      luminanceOf(palettes.dark.background),
      1,
    );
  });

  it("have no light halo along their lines on a dark thread", async () => {
    const figure = await plot("x = np.linspace(0, 2 * np.pi, 400)\nplt.plot(x, np.sin(x), color='tab:blue')");
    const dark = await pixelsOf(await drawn(figure, "dark"));
    // The line's edges blend into the background: nothing coloured is brighter than the line itself.
    expect(brightestColour(dark)).toBeLessThanOrEqual(luminanceOf("#1f77b4") + 0.03);
  });
});
