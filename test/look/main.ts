/**
 * `npm run look -- <scenario|all> [--surface discord|slack|web|all] [--theme dark|light|both]
 * [--locale en-US|es-ES] [--width phone|desktop|both] [--out DIR]`: runs real questions end to
 * end through the real stack (the e2e rigs, the scripted model) and saves screenshots of what a
 * student sees after each step — Discord and Slack threads drawn from the fakes' records, the
 * web page in Chromium — listed in SCREENSHOTS.md beside them (screenshots.json for tools).
 * Stops everything it started, also on Ctrl+C. `npm run look -- --list` prints the scenarios.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../../src/paths.js";
import type { Recording, Shot, Surface, Theme } from "./record.js";
import { type LookScenario, SCENARIOS, scenario } from "./scenarios.js";
import type { Shooter, Width } from "./shoot.js";
import type { SurfaceStack } from "./surfaces/types.js";

const SURFACES: Surface[] = ["discord", "slack", "web"];
/** Each surface in the theme its students mostly see, unless --theme says otherwise. */
const DEFAULT_THEMES: Record<Surface, Theme[]> = { discord: ["dark"], slack: ["light"], web: ["light", "dark"] };

const USAGE =
  "usage: npm run look -- <scenario[,scenario…]|all> [--surface discord|slack|web|all] [--theme dark|light|both] [--locale en-US|es-ES] [--width phone|desktop|both] [--out DIR]   (--list shows the scenarios)";

function fail(message: string): never {
  console.error(`look: ${message}\n${USAGE}`);
  process.exit(2);
}

function listOf<T extends string>(value: string, all: readonly T[], what: string): T[] {
  if (value === "all" || value === "both") return [...all];
  const picked = value.split(",").map((v) => v.trim());
  for (const v of picked) if (!all.includes(v as T)) fail(`unknown ${what} "${v}" (one of ${all.join(", ")})`);
  return picked as T[];
}

function locales(value: string): string[] {
  return value.split(",").map((v) => {
    const locale = { en: "en-US", es: "es-ES" }[v.trim()] ?? v.trim();
    if (!/^(en|es)(-[A-Z]{2})?$/.test(locale)) fail(`unknown locale "${v}" (the look script speaks en and es)`);
    return locale;
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      surface: { type: "string", default: "all" },
      theme: { type: "string" },
      locale: { type: "string", default: "en-US" },
      width: { type: "string", default: "both" },
      out: { type: "string", default: join(projectRoot(), ".scratch", "look") },
      list: { type: "boolean", default: false },
    },
  });
  if (values.list) {
    for (const s of SCENARIOS)
      console.log(`${s.name.padEnd(14)} ${s.mode.padEnd(8)} items ${s.items.join(",").padEnd(12)} ${s.shows}`);
    return;
  }
  if (positionals.length !== 1) fail("name one scenario, a comma-separated list, or all");
  const scenarios: LookScenario[] =
    positionals[0] === "all"
      ? SCENARIOS
      : positionals[0]!.split(",").map((name) => scenario(name.trim()) ?? fail(`unknown scenario "${name}"`));
  const surfaces = listOf(values.surface!, SURFACES, "surface");
  const themes = values.theme ? listOf(values.theme, ["dark", "light"] as const, "theme") : undefined;
  const widths = listOf<Width>(values.width!, ["phone", "desktop"], "width");
  const langs = locales(values.locale!);
  const out = resolve(values.out!);
  // The stacks and the browser load only now: --list and a usage error answer at once.
  const { recorder } = await import("./record.js");
  const { lookScript } = await import("./script.js");
  const { emojiFontMissing, shooterMissing, startShooter } = await import("./shoot.js");
  const { startDiscordStack } = await import("./surfaces/discord.js");
  const { startSlackStack } = await import("./surfaces/slack.js");
  const { startWebStack } = await import("./surfaces/web.js");
  const missing = shooterMissing();
  if (missing) fail(missing);
  const noEmoji = emojiFontMissing();
  if (noEmoji) console.error(`look: warning: ${noEmoji}`);

  const recording: Recording = { shots: [], notes: [] };
  const failures: string[] = [];
  const open: { stack?: SurfaceStack; shooter?: Shooter } = {};
  let stopping = false;
  const stop = async () => {
    await open.stack?.close().catch((err: unknown) => console.error(`look: stopping ${open.stack?.surface}: ${err}`));
    open.stack = undefined;
    await open.shooter?.close();
    open.shooter = undefined;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`look: ${signal}: stopping everything it started…`);
      void stop().finally(() => process.exit(130));
    });
  }

  try {
    open.shooter = await startShooter();
    const script = lookScript();
    for (const surface of surfaces) {
      console.error(`look: starting ${surface}…`);
      open.stack =
        surface === "discord"
          ? await startDiscordStack(script)
          : surface === "slack"
            ? await startSlackStack(script)
            : await startWebStack(script, open.shooter);
      for (const locale of langs) {
        for (const s of scenarios) {
          if (stopping) return;
          const started = Date.now();
          const record = recorder(
            recording,
            { out, scenario: s.name, surface, locale, themes: themes ?? DEFAULT_THEMES[surface], widths },
            open.shooter,
          );
          try {
            await open.stack.play(s, { locale }, record);
            console.error(`look: ${surface} ${locale} ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          } catch (err) {
            const message = `${surface} ${locale} ${s.name}: ${err instanceof Error ? err.message : String(err)}`;
            failures.push(message);
            record.note(`failed: ${message}`);
            console.error(`look: ${message}`);
          }
        }
      }
      await open.stack.close();
      open.stack = undefined;
    }
  } finally {
    await stop();
  }

  mkdirSync(out, { recursive: true });
  const all = merged(join(out, "screenshots.json"), recording);
  writeFileSync(join(out, "screenshots.json"), `${JSON.stringify(all, null, 1)}\n`);
  writeFileSync(join(out, "SCREENSHOTS.md"), index(all, out));
  for (const shot of recording.shots) console.log(shot.path);
  console.error(`look: ${recording.shots.length} screenshots, index in ${join(out, "SCREENSHOTS.md")}`);
  for (const note of recording.notes)
    console.error(`look: note: ${note.surface} ${note.locale} ${note.scenario}: ${note.text}`);
  if (failures.length > 0) process.exitCode = 1;
}

/**
 * This run's screenshots and notes over those of earlier runs into the same folder (a scenario
 * played again on a surface in a language replaces what it had there).
 */
function merged(path: string, recording: Recording): Recording {
  const earlier: Recording = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : { shots: [], notes: [] };
  const played = new Set(recording.shots.map((s) => `${s.scenario}|${s.surface}|${s.locale}`));
  const replaced = (s: { scenario: string; surface: string; locale: string }) =>
    played.has(`${s.scenario}|${s.surface}|${s.locale}`);
  return {
    shots: [...earlier.shots.filter((s) => !replaced(s)), ...recording.shots],
    notes: [...earlier.notes.filter((n) => !replaced(n)), ...recording.notes],
  };
}

/** What each screenshot shows, by scenario, and what the surfaces noticed. */
function index(recording: Recording, out: string): string {
  const lines = [
    "# look screenshots",
    "",
    "`npm run look` wrote these; the states are in the order a student saw them; a later run into the same folder replaces its scenarios.",
    "",
  ];
  for (const s of SCENARIOS) {
    const shots = recording.shots.filter((shot) => shot.scenario === s.name);
    if (shots.length === 0) continue;
    lines.push(`## ${s.name} — ${s.mode} (issue 24 items ${s.items.join(", ")})`, "", s.shows, "");
    // One line per state in a theme: its phone and desktop screenshots side by side.
    const states = new Map<string, Shot[]>();
    for (const shot of shots) {
      const key = `${shot.surface} ${shot.locale} ${shot.theme} · ${shot.state}`;
      states.set(key, [...(states.get(key) ?? []), shot]);
    }
    for (const [key, same] of states) {
      lines.push(`- ${key}: ${same.map((shot) => `[${shot.width}](${relative(out, shot.path)})`).join(" ")}`);
    }
    for (const note of recording.notes.filter((n) => n.scenario === s.name)) {
      lines.push(`- note (${note.surface} ${note.locale}): ${note.text}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

await main();
