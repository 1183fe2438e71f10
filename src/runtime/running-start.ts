/**
 * What a running `start-tutor start` tells other commands on this machine: which Redis and queue
 * prefix its worker uses (its own redis-server may be on a free port, and the demo worker has its
 * own prefix) and the demo model's URL. `ask --via-queue` and `START_DEMO=1` read it so the quick
 * start works without copying values out of a log. The file is removed when `start` stops; a
 * file whose process is gone is ignored.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { projectRoot } from "../paths.js";

export interface RunningStart {
  pid: number;
  redisUrl: string;
  queuePrefix: string;
  /** Set when the worker answers with the scripted demo model. */
  demoModelUrl?: string;
}

export const RUNNING_START_FILE = join(projectRoot(), ".data", "start.json");

export function publishRunningStart(info: RunningStart, file = RUNNING_START_FILE): () => void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  return () => {
    if (readRunningStart(file)?.pid === info.pid) rmSync(file, { force: true });
  };
}

export function readRunningStart(file = RUNNING_START_FILE): RunningStart | null {
  let info: RunningStart;
  try {
    info = JSON.parse(readFileSync(file, "utf8")) as RunningStart;
  } catch {
    return null;
  }
  if (typeof info.pid !== "number" || typeof info.redisUrl !== "string" || typeof info.queuePrefix !== "string") {
    return null;
  }
  try {
    process.kill(info.pid, 0);
  } catch {
    return null;
  }
  return info;
}
