/**
 * Discord is dark: the formula and plot PNGs the worker uploads through the fake Discord to the real
 * discord.js client's thread must be dark too, whatever the operator's `RENDER_THEME` says — the
 * surface decides. Measured in the uploaded pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { palettes } from "../../../render/index.js";
import { backgroundLuminance, pixelsOf } from "../../support/pixels.js";
import { answered, type Proc, type Rig, startRig } from "./rig.js";

let rig: Rig;
let receiver: Proc;
let worker: Proc;
beforeAll(async () => {
  rig = await startRig();
  receiver = await rig.receiver();
  // The operator's default theme is light here: Discord's images must not follow it.
  worker = await rig.worker({ RENDER_THEME: "light" });
}, 180_000);
afterAll(() => rig?.close());

function luminanceOf(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
}

describe("images on Discord", { timeout: 180_000 }, () => {
  it("are dark: formulas and the chart on Discord's background, the chart at twice its size", async () => {
    const fake = rig.fake;
    const file = fake.upload("scores.csv", Buffer.from("klass,score\nA,80\nA,90\nB,70\nB,75\n"), "text/csv");
    const ask = fake.slash("analyze", {
      user: fake.user("dora-dark"),
      channelId: fake.general.id,
      options: { question: "Which class scores higher on average? Chart it." },
      attachments: { file },
    });
    const thread = await answered(fake, ask, 150_000).catch((err) => {
      throw new Error(`${err}\nreceiver:\n${receiver.stderr()}\nworker:\n${worker.stderr()}`);
    });
    const uploads = thread.flatMap((m) =>
      m.attachments.map((a) => ({ name: a.filename, bytes: m.files.get(a.id)?.bytes })),
    );
    const formulas = uploads.filter((u) => u.name.startsWith("formula"));
    const charts = uploads.filter((u) => u.name.startsWith("figure"));
    expect(formulas.length).toBeGreaterThan(0);
    expect(charts).toHaveLength(1);
    const dark = luminanceOf(palettes.dark.background);
    for (const { name, bytes } of [...formulas, ...charts]) {
      expect({ name, background: (await backgroundLuminance(bytes!)).toFixed(2) }).toEqual({
        name,
        background: dark.toFixed(2),
      });
    }
    const chart = await pixelsOf(charts[0]!.bytes!);
    expect([chart.width, chart.height]).toEqual([1120, 840]);
  });
});
