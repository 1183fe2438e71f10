import { describe, expect, it } from "vitest";
import type { BlobRef } from "../blobs/types.js";
import { imagesOfResult } from "./run-blobs.js";
import type { ResultStep } from "./types.js";

const blob = (id: string): BlobRef => ({ id, bytes: 1, contentType: "image/png", sha256: id });

const step = (images: ResultStep["images"]): ResultStep => ({ title: "t", markdown: "", text: "", images, parts: [] });

describe("a run's image blobs", () => {
  it("include a plot's drawing in the other theme, so it expires and is deleted with the run", () => {
    const plot = {
      kind: "figure" as const,
      filename: "figure-1.png",
      alt: "Figure 1",
      width: 2,
      height: 2,
      blob: blob("light"),
      theme: "light" as const,
      otherTheme: { theme: "dark" as const, blob: blob("dark"), width: 2, height: 2 },
    };
    const ids = imagesOfResult({ steps: [step([plot])], heldBack: [step([{ ...plot, blob: blob("later") }])] }).map(
      (b) => b.id,
    );
    expect(ids).toEqual(["light", "dark", "later", "dark"]);
  });
});
