/**
 * Presenter figures: the deterministic presenter and the write-up's parse + grounding check over
 * every transcript fixture (the write-up pass adds one model call; this is the work around it),
 * figure recolouring for dark threads, a 300-term sum broken into lines, and the share of KaTeX's
 * screenshot corpus the chat images draw. Targets: presenter and check < 20 ms per run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { defaultFormulaSettings, renderFormulaSync, themed } from "../../render/index.js";
import { projectRoot } from "../../src/paths.js";
import { readTranscript } from "../../src/present/flow.js";
import { presentTranscript } from "../../src/present/steps.js";
import { checkGrounding } from "../../src/present/writeup/grounding.js";
import { parseWriteup } from "../../src/present/writeup/parse.js";
import { loadTranscriptFixtures, transcriptOf } from "../support/transcripts.js";
import { ms, summary } from "./stats.js";
import "katex/contrib/mhchem";

function time(fn: () => unknown, rounds: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export default async function bench(): Promise<void> {
  const fixtures = loadTranscriptFixtures();
  const transcripts = fixtures.map((f) => ({ f, t: transcriptOf(f) }));
  console.log(
    summary(
      `deterministic presenter, ${fixtures.length} fixtures`,
      time(() => {
        for (const { t } of transcripts) presentTranscript(t);
      }, 20).map((x) => x / fixtures.length),
    ),
  );
  const zeroPairs = transcripts.find(({ f }) => f.name === "no-zero-pairs")!.t;
  console.log(
    summary(
      "deterministic presenter, the 11k-character 738 run",
      time(() => presentTranscript(zeroPairs), 30),
    ),
  );
  const withWriteups = transcripts.filter(({ f }) => f.writeup !== undefined);
  console.log(
    summary(
      "write-up parse + grounding check, per run",
      time(() => {
        for (const { f, t } of withWriteups) {
          checkGrounding(parseWriteup(f.writeup!)!, t.question, readTranscript(t), t.answer!);
        }
      }, 20).map((x) => x / withWriteups.length),
    ),
  );

  const { default: sharp } = await import("sharp");
  const plot = join(projectRoot(), "dist", "bench-plot.png");
  await sharp({ create: { width: 800, height: 400, channels: 3, background: "#ffffff" } })
    .composite([
      { input: { create: { width: 700, height: 3, channels: 3, background: "#1f77b4" } }, top: 200, left: 50 },
    ])
    .png()
    .toFile(plot);
  await themed(plot, "dark");
  const dark: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await themed(plot, "dark");
    dark.push(performance.now() - t0);
  }
  console.log(summary("recolour an 800×400 figure for a dark thread (warm)", dark));

  const sum = Array.from({ length: 300 }, (_, i) => `x_{${i}}`).join("+");
  const t0 = performance.now();
  const image = renderFormulaSync(sum, { theme: "dark" }, defaultFormulaSettings);
  console.log(
    `300-term sum: ${image.width}×${image.height} px in ${ms(performance.now() - t0)} (max width ${defaultFormulaSettings.maxWidth})`,
  );

  const { cases } = JSON.parse(readFileSync(join(projectRoot(), "test/fixtures/katex-screenshots.json"), "utf8")) as {
    cases: { tex: string; display?: boolean; macros?: Record<string, string> }[];
  };
  let byKatex = 0;
  let byUs = 0;
  for (const c of cases) {
    try {
      katex.renderToString(c.tex, {
        throwOnError: true,
        displayMode: !!c.display,
        macros: { ...c.macros },
        trust: true,
        strict: false,
      });
      byKatex++;
    } catch {}
    const defs = Object.entries(c.macros ?? {})
      .map(([k, v]) => `\\def${k}{${v}}`)
      .join("");
    try {
      renderFormulaSync(defs + c.tex, { theme: "dark" }, defaultFormulaSettings);
      byUs++;
    } catch {}
  }
  console.log(
    `KaTeX screenshot corpus: KaTeX draws ${byKatex}/${cases.length}, chat images draw ${byUs}/${cases.length}`,
  );
}
