/**
 * Slack allows about one message per second per channel (short bursts aside); posting faster
 * earns 429s for the whole workspace. The pacer queues this process's posts and edits per channel
 * and starts each at least `intervalMs` after the previous one in the same channel. Channels do
 * not wait for each other.
 */

export interface ChannelPacer {
  /** Runs `send` when the channel's turn comes; resolves or rejects with its outcome. */
  run<T>(channel: string, send: () => Promise<T>): Promise<T>;
}

export function channelPacer(intervalMs: number, now: () => number = Date.now): ChannelPacer {
  const lanes = new Map<string, { tail: Promise<unknown>; lastStart: number; waiting: number }>();
  return {
    run(channel, send) {
      let lane = lanes.get(channel);
      if (!lane) {
        lane = { tail: Promise.resolve(), lastStart: Number.NEGATIVE_INFINITY, waiting: 0 };
        lanes.set(channel, lane);
      }
      const current = lane;
      current.waiting += 1;
      const result = current.tail.then(async () => {
        const wait = current.lastStart + intervalMs - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        current.lastStart = now();
        return send();
      });
      current.tail = result
        .catch(() => {})
        .finally(() => {
          current.waiting -= 1;
          // Forget idle channels once their interval has passed, so the map stays small.
          if (current.waiting === 0) {
            setTimeout(() => {
              if (current.waiting === 0 && lanes.get(channel) === current) lanes.delete(channel);
            }, intervalMs).unref();
          }
        });
      return result;
    },
  };
}
