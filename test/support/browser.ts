/**
 * A real browser for tests and benchmarks: playwright-core driving Debian's Chromium
 * (`/usr/bin/chromium`, installed by ./setup). Never downloads a browser. Headless, with a fresh
 * profile per launch and Chromium's own background traffic turned off, so the only requests are
 * the page's own. `browserMissing()` says why a test is skipped when Chromium is not installed.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (./setup installs Debian's chromium package)`;
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(
  options: {
    colorScheme?: "light" | "dark";
    /** The browser's language (its `Accept-Language` and `navigator.language`); Chromium's default is en-US. */
    locale?: string;
  } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "start-tutor-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme: options.colorScheme ?? "light",
    ...(options.locale ? { locale: options.locale } : {}),
    viewport: { width: 1100, height: 900 },
    // Nothing but the page under test: no proxies, no service workers.
    serviceWorkers: "block",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
