/** A memory LRU of finished formula images, keyed by a hash of everything that shapes the pixels. */
import { createHash } from "node:crypto";
import type { FormulaOptions, FormulaPng } from "./types.js";

export function formulaKey(latex: string, options: FormulaOptions): string {
  return createHash("sha256")
    .update(`${options.theme}\0${options.inline ? "inline" : "display"}\0${latex}`)
    .digest("hex");
}

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

export type FormulaCache = LruCache<FormulaPng>;
