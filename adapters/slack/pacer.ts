/**
 * Slack allows about one message per second per channel, with short bursts; posting faster
 * earns 429s for the whole workspace. The pacer queues this process's posts and edits per channel
 * behind a token bucket: up to `burst` at once, then one per `intervalMs`. Channels do not wait
 * for each other, and posts in one channel keep their order.
 *
 * Not p-queue (here only as @slack/web-api's own dependency, not one of ours): its `intervalCap`
 * per `interval` is a fixed window, which lets two bursts through back to back at a window's
 * edge; a token bucket never goes over one per interval once the burst is spent.
 */

export interface ChannelPacer {
  /** Runs `send` when the channel's turn comes; resolves or rejects with its outcome. */
  run<T>(channel: string, send: () => Promise<T>): Promise<T>;
}

interface Lane {
  tail: Promise<unknown>;
  tokens: number;
  refilledAt: number;
  waiting: number;
}

export function channelPacer(intervalMs: number, burst = 3, now: () => number = Date.now): ChannelPacer {
  const lanes = new Map<string, Lane>();
  const take = async (lane: Lane) => {
    if (intervalMs <= 0) return;
    const refill = () => {
      const t = now();
      lane.tokens = Math.min(burst, lane.tokens + (t - lane.refilledAt) / intervalMs);
      lane.refilledAt = t;
    };
    refill();
    if (lane.tokens < 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil((1 - lane.tokens) * intervalMs)));
      refill();
    }
    lane.tokens -= 1;
  };
  return {
    run(channel, send) {
      let lane = lanes.get(channel);
      if (!lane) {
        lane = { tail: Promise.resolve(), tokens: burst, refilledAt: now(), waiting: 0 };
        lanes.set(channel, lane);
      }
      const current = lane;
      current.waiting += 1;
      const result = current.tail.then(async () => {
        await take(current);
        return send();
      });
      current.tail = result
        .catch(() => {})
        .finally(() => {
          current.waiting -= 1;
          // Forget a channel once its bucket is full again, so the map stays small.
          if (current.waiting === 0) {
            setTimeout(() => {
              if (current.waiting === 0 && lanes.get(channel) === current) lanes.delete(channel);
            }, intervalMs * burst).unref();
          }
        });
      return result;
    },
  };
}
