/**
 * The driver program (`driver.py` beside this file, copied into dist/ by the build) and how it is
 * launched: its source goes to `python3 -c`, so no host path has to be visible inside the sandbox.
 */
import { readFileSync } from "node:fs";

const DRIVER_SOURCE = readFileSync(new URL("./driver.py", import.meta.url), "utf8");

/** The driver program and its limits as argv (interpreter first). */
export function driverProgram(python: string, limits: object): string[] {
  return [python, "-E", "-s", "-B", "-c", DRIVER_SOURCE, JSON.stringify(limits)];
}
