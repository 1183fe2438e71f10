/**
 * `start-tutor render "<latex>" --out FILE.png [--theme dark|light] [--inline]`: one formula to
 * PNG. Invalid LaTeX or a formula over the size limits exits 2 with the parser's message.
 */
import { writeFile } from "node:fs/promises";
import { loadConfig } from "../config.js";
import { oneOf, parse, UsageError } from "./args.js";

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: "string" },
    theme: { type: "string" },
    inline: { type: "boolean", default: false },
  });
  if (positionals.length !== 1) throw new UsageError('expected one LaTeX formula: render "<latex>" --out FILE.png');
  if (!values.out) throw new UsageError("--out FILE.png is required");
  if (positionals[0]!.trim() === "") throw new UsageError("nothing to render: the formula is empty");
  const config = loadConfig();
  const theme = oneOf(values.theme, "--theme", ["dark", "light"] as const, config.RENDER_THEME);
  // Loaded once the options are checked: MathJax and resvg take longer to load than bad usage to report.
  const { createRenderer, FormulaTooLargeError, LatexError, rendererOptionsFromConfig } = await import(
    "../../render/index.js"
  );
  // One formula: rendering in this thread is faster than starting workers.
  const renderer = createRenderer({ ...rendererOptionsFromConfig(config), workers: 0 });
  try {
    const image = await renderer.renderFormula(positionals[0]!, { theme, inline: values.inline });
    await writeFile(values.out, image.png);
    process.stderr.write(`wrote ${values.out} (${image.width}×${image.height} px)\n`);
    return 0;
  } catch (err) {
    if (err instanceof LatexError || err instanceof FormulaTooLargeError) {
      process.stderr.write(`start-tutor render: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await renderer.close();
  }
}
