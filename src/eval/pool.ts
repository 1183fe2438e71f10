/** Runs tasks with at most `concurrency` in flight; once `signal` aborts, no new task starts. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (!signal?.aborted && next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane);
  await Promise.all(lanes);
}
