/**
 * `/readyz`: whether this process can do its work right now, check by check (Redis serves the
 * queue's keys, the model server answers, the sandbox can fork), as opposed to `/healthz`, which
 * only says the process is alive and not wedged. An orchestrator routes traffic by the first and
 * restarts by the second, so a Redis outage takes processes out of rotation without restarting
 * every one of them.
 */

export interface CheckResult {
  ok: boolean;
  /** How long the check took when it ran now (absent when a remembered result was used). */
  ms?: number;
  /** Why it failed, in one line. */
  error?: string;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

export type Check = () => Promise<CheckResult>;

/** Runs every check at once; ready only when all pass. A check that throws counts as failed. */
export async function readiness(checks: Record<string, Check>): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const result = await check().catch(
        (err: unknown): CheckResult => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
      return [name, result] as const;
    }),
  );
  return { ok: entries.every(([, r]) => r.ok), checks: Object.fromEntries(entries) };
}

/**
 * A check that is expensive to run on every probe (a sandbox fork): a pass is remembered for
 * `passMs`, a failure for `failMs`, and concurrent callers share one run.
 */
export function remembered(check: Check, passMs: number, failMs = 2_000): Check {
  let last: { at: number; result: CheckResult } | null = null;
  let running: Promise<CheckResult> | null = null;
  return async () => {
    if (last && Date.now() - last.at < (last.result.ok ? passMs : failMs)) {
      const { ms: _ms, ...result } = last.result;
      return result;
    }
    running ??= check()
      .catch((err: unknown): CheckResult => ({ ok: false, error: err instanceof Error ? err.message : String(err) }))
      .then((result) => {
        last = { at: Date.now(), result };
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}
