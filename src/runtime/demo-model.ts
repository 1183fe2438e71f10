/**
 * The scripted demo model: what `start` answers with when no model server is configured, and what
 * `ask`/`eval` use with START_DEMO=1. Demo runs use their own queue prefix so a demo worker never
 * takes a real deployment's questions from a shared Redis.
 */
import { join } from "node:path";
import { type Config, requireModelEndpoint } from "../config.js";
import { loadScript } from "../fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../fake-model/server.js";
import { projectRoot } from "../paths.js";

export const DEMO_SCRIPT = join(projectRoot(), "src/fake-model/demo.json");

/** The queue prefix demo workers and their `ask --via-queue` clients share. */
export function demoPrefix(prefix: string): string {
  return `${prefix}-demo`;
}

export function startDemoModel(): Promise<FakeModelServer> {
  return startFakeModel(loadScript(DEMO_SCRIPT));
}

export interface ModelEndpointHandle {
  baseURL: string;
  /** True when the answers come from the scripted demo model. */
  demo: boolean;
  close(): Promise<void>;
}

/** OPENAI_BASE_URL, or with START_DEMO=1 a demo model started for this process. */
export async function openModelEndpoint(config: Config): Promise<ModelEndpointHandle> {
  if (!config.START_DEMO) return { baseURL: requireModelEndpoint(config), demo: false, close: async () => {} };
  const server = await startDemoModel();
  return { baseURL: server.url, demo: true, close: () => server.close() };
}
