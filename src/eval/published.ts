/** START's published accuracy (and its base model's) on the benchmarks in ../shared/data. */
import { basename } from "node:path";

export interface PublishedRow {
  benchmark: string;
  /** Accuracy in percent, as printed in the START paper (Li et al., 2025, Table 1). */
  start: number;
  qwq: number;
}

const PUBLISHED: Record<string, PublishedRow> = {
  math500: { benchmark: "MATH500", start: 94.4, qwq: 90.6 },
  amc23: { benchmark: "AMC23", start: 95.0, qwq: 80.0 },
  aime24: { benchmark: "AIME24", start: 66.7, qwq: 50.0 },
};

export const KNOWN_BENCHMARKS = Object.values(PUBLISHED).map((row) => row.benchmark);

/**
 * The row for a data file, recognised by its name: `math500.jsonl`, `MATH-500.jsonl`,
 * `aime24_test.jsonl` all match; anything else has no published numbers.
 */
export function publishedFor(dataPath: string): PublishedRow | null {
  const name = basename(dataPath)
    .toLowerCase()
    .replace(/\.jsonl?$/, "")
    .replace(/[^a-z0-9]/g, "");
  const key = Object.keys(PUBLISHED).find((k) => name === k || name.startsWith(k));
  return key ? PUBLISHED[key]! : null;
}
