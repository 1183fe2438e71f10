/**
 * The message catalog: every code has a sentence with or without its facts, and no code outside
 * this module spells a status sentence — adapters and the worker act on states and codes, so a
 * per-locale catalog can replace the words.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERRORS, NOTICE_CODES, NOTICES, noticeSentence, studentSentence } from "./errors.js";

const FACTS = {
  file: "data.csv",
  size: 12_345,
  count: 3,
  limit: 2,
  retryAfterS: 30,
  scope: "user",
  name: "x",
} as const;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the message catalog", () => {
  it("has a sentence for every code, with and without facts", () => {
    expect(Object.keys(ERRORS).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(NOTICES).sort()).toEqual([...NOTICE_CODES].sort());
    for (const code of ERROR_CODES) {
      for (const sentence of [studentSentence(code), studentSentence(code, FACTS)]) {
        expect(sentence, code).toMatch(/\S/);
        expect(sentence, code).not.toMatch(/undefined|NaN|\[object/);
      }
    }
    for (const code of NOTICE_CODES) {
      for (const sentence of [noticeSentence(code), noticeSentence(code, FACTS)]) {
        expect(sentence, code).toMatch(/\S/);
        expect(sentence, code).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });

  it("says a limit of one in the singular, in the student's language", () => {
    expect(studentSentence("daily_limit", { limit: 1 })).toBe("You've used your 1 question for today.");
    expect(studentSentence("daily_limit", { limit: 5 })).toBe("You've used your 5 questions for today.");
    expect(studentSentence("daily_limit", { limit: 1 }, "es")).toBe("Ya usaste tu 1 pregunta de hoy.");
    expect(studentSentence("hourly_limit", { limit: 1 }, "de")).toBe(
      "Du hast das Limit dieses Servers von 1 Frage pro Stunde erreicht.",
    );
    expect(studentSentence("too_many_attachments", { limit: 1, count: 3 })).toBe(
      "Attach at most 1 file per question (you sent 3).",
    );
  });

  it("is the only place a status sentence is spelled: nothing else matches its wording", () => {
    const statuses = NOTICE_CODES.filter((code) => code.startsWith("status_")).map((code) => noticeSentence(code));
    const spelled = ["src", "commands", "adapters"].flatMap(sources).flatMap((file) => {
      // The catalogs are where sentences are spelled.
      if (file === join("src", "errors.ts") || file.startsWith(join("src", "i18n", "catalogs"))) return [];
      const text = readFileSync(file, "utf8");
      return statuses
        .filter((s) => text.includes(`"${s}"`) || text.includes(s.replace(/\.$/, "|")))
        .map((s) => `${file}: ${s}`);
    });
    expect(spelled).toEqual([]);
  });
});
