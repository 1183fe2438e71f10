/**
 * Where a scenario's screenshots go and what they are called: every state of the thread, in each
 * theme and width asked for, as `<out>/<scenario>/<surface>-<locale>-<theme>-<nn>-<state>-<width>.png`,
 * listed (with what the surface noticed, e.g. a button that was not there) for the index.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Shooter, screenshotScale, WIDTHS, type Width } from "./shoot.js";

export type Theme = "dark" | "light";
export type Surface = "discord" | "slack" | "web";

export interface Shot {
  scenario: string;
  surface: Surface;
  locale: string;
  theme: Theme;
  width: Width;
  state: string;
  path: string;
}

export interface Recorder {
  /** Saves a state drawn by `html(theme)`, in every theme and width. */
  rendered(state: string, html: (theme: Theme, caption: string) => string): Promise<void>;
  /** Saves a live page in every theme (its `prefers-color-scheme`) and width. */
  page(state: string, page: Page): Promise<void>;
  /** Something the student could not do or see (no such button, a timeout). */
  note(text: string): void;
}

export interface Recording {
  shots: Shot[];
  notes: { scenario: string; surface: Surface; locale: string; text: string }[];
}

export function recorder(
  recording: Recording,
  where: { out: string; scenario: string; surface: Surface; locale: string; themes: Theme[]; widths: Width[] },
  shooter: Shooter,
): Recorder {
  let count = 0;
  const dir = join(where.out, where.scenario);
  const pathOf = (state: string, theme: Theme, width: Width) =>
    join(dir, `${where.surface}-${where.locale}-${theme}-${String(count).padStart(2, "0")}-${state}-${width}.png`);
  const add = (state: string, theme: Theme, width: Width) => {
    const path = pathOf(state, theme, width);
    recording.shots.push({
      scenario: where.scenario,
      surface: where.surface,
      locale: where.locale,
      theme,
      width,
      state,
      path,
    });
    return path;
  };
  return {
    async rendered(state, html) {
      count++;
      for (const theme of where.themes) {
        const caption = `${where.scenario} · ${where.surface} · ${where.locale} · ${theme} · ${count} ${state}`;
        const page = html(theme, caption);
        for (const width of where.widths) await shooter.html(page, add(state, theme, width), width);
      }
    },
    async page(state, page) {
      count++;
      mkdirSync(dir, { recursive: true });
      for (const theme of where.themes) {
        await page.emulateMedia({ colorScheme: theme });
        for (const width of where.widths) {
          await page.setViewportSize(WIDTHS[width]);
          await page.screenshot({ path: add(state, theme, width), fullPage: true, scale: screenshotScale(width) });
        }
      }
    },
    note(text) {
      recording.notes.push({ scenario: where.scenario, surface: where.surface, locale: where.locale, text });
    },
  };
}
