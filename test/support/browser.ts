/**
 * A real browser for tests and benchmarks: playwright-core driving Debian's Chromium
 * (`/usr/bin/chromium`, installed by ./setup). Never downloads a browser. Headless, with
 * Chromium's own background traffic turned off, so the only requests are the page's own. Each
 * `launchBrowser()` is a fresh browser context (its own cookies, storage and cache, like a fresh
 * profile); inside a vitest file they share one Chromium process, started on first use and closed
 * after the file's tests (starting Chromium costs more CPU than the page it then loads).
 * `browserMissing()` says why a test is skipped when Chromium is not installed.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

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

const launch = () => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

/** The Chromium this test file's contexts share (vitest runs each integration file in a process of its own). */
let shared: Promise<Browser> | undefined;
if (process.env.VITEST) {
  // Registered while the test file imports this module: closes the shared Chromium after its tests.
  const { afterAll } = await import("vitest");
  afterAll(async () => {
    const browser = await shared?.catch(() => undefined);
    shared = undefined;
    await browser?.close();
  });
}

export async function launchBrowser(
  options: {
    colorScheme?: "light" | "dark";
    /** The browser's language (its `Accept-Language` and `navigator.language`); Chromium's default is en-US. */
    locale?: string;
  } = {},
): Promise<TestBrowser> {
  // Outside vitest (the benchmarks) each call gets a Chromium of its own, closed with it.
  const own = process.env.VITEST ? undefined : await launch();
  if (!own) shared ??= launch();
  const browser = own ?? (await shared!);
  const context = await browser.newContext({
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
      await own?.close();
    },
  };
}
