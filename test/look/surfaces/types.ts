/** What every look surface offers the command: play a scenario in a language, then stop everything it started. */
import type { Recorder, Surface } from "../record.js";
import type { LookScenario } from "../scenarios.js";

export interface PlayOptions {
  /** The student's client language, e.g. `en-US` or `es-ES` (a Spanish locale also asks in Spanish). */
  locale: string;
}

export interface SurfaceStack {
  surface: Surface;
  /** Asks the scenario's question, presses its buttons, and records each state of the thread. */
  play(scenario: LookScenario, options: PlayOptions, record: Recorder): Promise<void>;
  /** Stops every process and server the stack started and drops its Redis keys. */
  close(): Promise<void>;
}
