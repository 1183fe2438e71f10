/**
 * Whether the model answering this deployment is the scripted demo model (`start-tutor
 * fake-model`, which `start` runs when OPENAI_BASE_URL is not set): the page then says so, with
 * the one line that points it at a START server. Asked of the model server itself (`GET /models`,
 * where the fake model says `owned_by: "fake-model"`), so `start-tutor web` on its own knows too.
 */

export interface ModelInfo {
  demo: boolean;
}

export function modelInfo(baseUrl: string | undefined, timeoutMs = 2_000): () => Promise<ModelInfo> {
  let known: Promise<ModelInfo> | null = null;
  const ask = async (): Promise<ModelInfo> => {
    // Unset here means `start` is about to run the demo model (it sets the URL before the web starts).
    if (!baseUrl) return { demo: true };
    try {
      const response = await fetch(`${baseUrl}/models`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json()) as { data?: Array<{ owned_by?: unknown }> };
      return { demo: Array.isArray(body.data) && body.data.some((m) => m.owned_by === "fake-model") };
    } catch {
      // An unreachable or unusual server is not the demo model; its errors show up on the runs.
      return { demo: false };
    }
  };
  return () => {
    known ??= ask();
    return known;
  };
}
