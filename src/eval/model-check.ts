/**
 * Before a benchmark starts: is the model server there, and does it serve our model? One clear
 * message now beats five hundred problems failing the same way.
 */

export type ModelCheck = { ok: true; models: string[] } | { ok: false; message: string };

export async function checkModel(
  baseURL: string,
  apiKey: string,
  model: string,
  timeoutMs: number,
): Promise<ModelCheck> {
  const url = `${baseURL}/models`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { ok: false, message: `cannot reach the model server at ${baseURL}: ${reason(err, timeoutMs)}` };
  }
  if (!response.ok) {
    const hint = response.status === 404 ? " (is OPENAI_BASE_URL the API base, usually ending in /v1?)" : "";
    return {
      ok: false,
      message: `the model server at ${baseURL} answered GET /models with HTTP ${response.status}${hint}`,
    };
  }
  let models: string[];
  try {
    const body = (await response.json()) as { data?: Array<{ id?: unknown }> };
    models = (body.data ?? []).map((m) => String(m.id));
  } catch {
    return {
      ok: false,
      message: `the model server at ${baseURL} answered GET /models with something that is not JSON`,
    };
  }
  if (!models.includes(model)) {
    return {
      ok: false,
      message:
        `the model server at ${baseURL} does not serve "${model}" ` +
        `(it serves: ${models.length > 0 ? models.join(", ") : "nothing"}); set START_MODEL`,
    };
  }
  return { ok: true, models };
}

function reason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (is the server running?)";
  if (cause?.code === "ENOTFOUND") return "unknown host";
  return cause?.message ?? (err instanceof Error ? err.message : String(err));
}
