/**
 * Prometheus metrics for the queue and worker, on a registry of their own (one per process, or
 * per test) so that nothing leaks between instances through prom-client's global registry.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "completed", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface RunMetrics {
  registry: Registry;
  enqueued: Counter<"outcome">;
  runs: Counter<"status">;
  runSeconds: Histogram;
  modelSeconds: Histogram;
  sandboxSeconds: Histogram;
  toolCalls: Histogram;
  postingErrors: Counter;
  postsInDoubt: Counter;
  /** Lets /metrics report queue depth by asking Redis at scrape time. */
  watchQueueDepth(counts: () => Promise<Partial<Record<JobState, number>>>): void;
}

export function createMetrics(options: { processDefaults?: boolean } = {}): RunMetrics {
  const registry = new Registry();
  if (options.processDefaults) collectDefaultMetrics({ register: registry, prefix: "start_tutor_" });
  const registers = [registry];
  const seconds = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
  let depth: (() => Promise<Partial<Record<JobState, number>>>) | undefined;
  new Gauge({
    name: "start_tutor_queue_jobs",
    help: "Jobs in the runs queue by state",
    labelNames: ["state"],
    registers,
    async collect() {
      if (!depth) return;
      const counts = await depth();
      for (const state of JOB_STATES) this.set({ state }, counts[state] ?? 0);
    },
  });
  return {
    registry,
    enqueued: new Counter({
      name: "start_tutor_enqueued_total",
      help: "Enqueue attempts by outcome (queued, duplicate, rate_limited)",
      labelNames: ["outcome"],
      registers,
    }),
    runs: new Counter({
      name: "start_tutor_runs_total",
      help: "Finished run attempts by status (ok, error, cancelled, retry, failed, handed_back)",
      labelNames: ["status"],
      registers,
    }),
    runSeconds: new Histogram({
      name: "start_tutor_run_seconds",
      help: "Wall time of a run attempt, from start to last post",
      buckets: seconds,
      registers,
    }),
    modelSeconds: new Histogram({
      name: "start_tutor_model_seconds",
      help: "Model time per run",
      buckets: seconds,
      registers,
    }),
    sandboxSeconds: new Histogram({
      name: "start_tutor_sandbox_seconds",
      help: "Sandbox time per run",
      buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    toolCalls: new Histogram({
      name: "start_tutor_tool_calls",
      help: "Python cells run per question",
      buckets: [0, 1, 2, 3, 4, 6, 8, 12, 20],
      registers,
    }),
    postingErrors: new Counter({
      name: "start_tutor_posting_errors_total",
      help: "Messages the platform refused or that failed to send (retried with the run)",
      registers,
    }),
    postsInDoubt: new Counter({
      name: "start_tutor_posts_in_doubt_total",
      help: "Messages whose sender died mid-send and that the adapter could not look up (not re-sent)",
      registers,
    }),
    watchQueueDepth(counts) {
      depth = counts;
    },
  };
}
