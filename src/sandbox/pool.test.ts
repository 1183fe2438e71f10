/**
 * The warm pool's bookkeeping with stand-in interpreters (no Python): waiting for a full pool
 * survives a slow start and the refill after a hand-over, a failed start is tried again, and a
 * pool whose starts keep failing says so instead of waiting forever.
 */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../logger.js";
import type { Interpreter } from "./interpreter.js";
import { WarmPool } from "./pool.js";

/** What the pool uses of an interpreter; `start()` makes it ready, `die()` ends it. */
function standIn() {
  let markReady = () => {};
  let failReady = (_err: Error) => {};
  const exited: (() => void)[] = [];
  const interpreter = {
    isReady: false,
    alive: true,
    ready: new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    }),
    onExited: (listener: () => void) => exited.push(listener),
    kill: () => interpreter.die(),
    start() {
      interpreter.isReady = true;
      markReady();
    },
    die() {
      interpreter.alive = false;
      if (!interpreter.isReady) failReady(new Error("died"));
      for (const listener of exited.splice(0)) listener();
    },
  };
  interpreter.ready.catch(() => {});
  return interpreter;
}

type StandIn = ReturnType<typeof standIn>;

/** A pool whose `create()` hands out stand-ins the test starts (or fails) when it chooses. */
function poolOf(size: number) {
  const made: StandIn[] = [];
  const failures: ((err: Error) => void)[] = [];
  let failNext = 0;
  const pool = new WarmPool(
    size,
    () => {
      if (failNext > 0) {
        failNext--;
        return new Promise((_resolve, reject) => failures.push(reject));
      }
      const interpreter = standIn();
      made.push(interpreter);
      return Promise.resolve(interpreter as unknown as Interpreter);
    },
    silentLogger,
  );
  return {
    pool,
    made,
    failStarts(n: number) {
      failNext = n;
    },
    rejectStarts: () => {
      for (const reject of failures.splice(0)) reject(new Error("bwrap: too slow"));
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Follows `whenFull()` from now on; each call answers "pending", "resolved" or the error's message. */
function follow(promise: Promise<unknown>): () => Promise<string> {
  let state = "pending";
  promise.then(
    () => {
      state = "resolved";
    },
    (err: Error) => {
      state = err.message;
    },
  );
  return async () => {
    await tick();
    return state;
  };
}

describe("the warm pool", () => {
  it("waits for a start that takes its time instead of giving up", async () => {
    const { pool, made } = poolOf(1);
    pool.fill();
    const full = follow(pool.whenFull());
    await tick();
    expect(await full()).toBe("pending");
    made[0]!.start();
    expect(await full()).toBe("resolved");
    pool.close();
  });

  it("waits through the refill after a hand-over", async () => {
    const { pool, made } = poolOf(1);
    pool.fill();
    made[0]!.start();
    await pool.whenFull();
    expect(pool.take()).toBe(made[0]);
    const full = follow(pool.whenFull());
    await tick();
    expect(made).toHaveLength(2);
    made[1]!.start();
    expect(await full()).toBe("resolved");
    pool.close();
  });

  it("starts again after a start failed or an interpreter died before it was ready", async () => {
    const { pool, made, failStarts, rejectStarts } = poolOf(1);
    failStarts(1);
    pool.fill();
    const full = follow(pool.whenFull());
    rejectStarts();
    await tick();
    made[0]!.die();
    await tick();
    made[1]!.start();
    expect(await full()).toBe("resolved");
    pool.close();
  });

  it("says why it cannot warm up once starts keep failing, and stops starting", async () => {
    const { pool, made, failStarts, rejectStarts } = poolOf(1);
    failStarts(3);
    pool.fill();
    const full = follow(pool.whenFull());
    for (let i = 0; i < 3; i++) {
      rejectStarts();
      await tick();
    }
    expect(await full()).toBe("the sandbox pool cannot warm up: 3 starts failed (bwrap: too slow)");
    expect(made).toHaveLength(0);
    pool.close();
  });
});
