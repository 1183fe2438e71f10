/**
 * Screenshots for the look tool: one headless Debian Chromium (playwright-core, launched as the
 * browser tests launch it) that draws rendered HTML — or opens the web page — at a phone width
 * (390 CSS px, saved at 2× as a phone shows it) and a desktop width (1280 px, saved at 1×) as
 * full-page PNGs.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/browser.js";

export const WIDTHS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export type Width = keyof typeof WIDTHS;

/** Pages are drawn at 2×; a desktop shot is saved at 1× (CSS pixels). */
const DEVICE_SCALE = 2;

export function screenshotScale(width: Width): "device" | "css" {
  return width === "phone" ? "device" : "css";
}

export interface Shooter {
  /** Draws `html` at `width` and saves a full-page PNG at `path`. */
  html(html: string, path: string, width: Width): Promise<void>;
  /** A browser context for a real page (the web surface), in a colour scheme and language. */
  context(options: { colorScheme: "light" | "dark"; locale: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Why screenshots cannot be taken here, or null. */
export function shooterMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (./setup installs Debian's chromium package)`;
}

/** Emoji show as empty boxes without a colour emoji font; the tool says so instead of misleading. */
export function emojiFontMissing(): string | null {
  const fonts = ["/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "/usr/share/fonts/noto/NotoColorEmoji.ttf"];
  return fonts.some(existsSync)
    ? null
    : "no colour emoji font: emoji draw as boxes (apt-get install fonts-noto-color-emoji)";
}

export async function startShooter(): Promise<Shooter> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // Rendered HTML needs nothing from the network: every image is a data: URL.
  const rendered = await browser.newContext({ deviceScaleFactor: DEVICE_SCALE, offline: true });
  return {
    async html(html, path, width) {
      const page = await rendered.newPage();
      try {
        await page.setViewportSize(WIDTHS[width]);
        await page.setContent(html, { waitUntil: "load" });
        mkdirSync(dirname(path), { recursive: true });
        await page.screenshot({ path, fullPage: true, scale: screenshotScale(width) });
      } finally {
        await page.close();
      }
    },
    context: ({ colorScheme, locale }) =>
      browser.newContext({
        colorScheme,
        locale,
        viewport: WIDTHS.desktop,
        deviceScaleFactor: DEVICE_SCALE,
        serviceWorkers: "block",
      }),
    async close() {
      await browser.close();
    },
  };
}
