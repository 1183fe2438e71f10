/**
 * Hostile cells that more than one suite runs: the sandbox's tests (test/sandbox/attacks.ts)
 * prove what it stops, the A/B bench (test/bench/sandbox-ab.bench.ts) measures what it costs a
 * neighbour while it runs. One text, so both speak of the same attacker.
 */

/** How hard issue #23's M6 attacker pushes: children forked per round, how long each spins, the pause between rounds. */
export interface AttackerLoad {
  forks: number;
  childSeconds: number;
  pauseSeconds: number;
  /** How long the cell waits before it prints "started" (its threads are running by then). */
  settleSeconds: number;
}

/**
 * Issue #23's M6 cell: daemon threads that outlive it, two hashing and one forking busy children
 * round after round; it prints "started" once they run.
 */
export function attackerCell(load: AttackerLoad): string {
  return `
import hashlib, os, threading, time
def hashing():
    data = bytes(1 << 20)
    while True:
        hashlib.sha256(data).digest()
def forking():
    while True:
        for _ in range(${load.forks}):
            if os.fork() == 0:
                end = time.monotonic() + ${load.childSeconds}
                while time.monotonic() < end:
                    pass
                os._exit(0)
        time.sleep(${load.pauseSeconds})
for work in (hashing, hashing, forking):
    threading.Thread(target=work, daemon=True).start()
time.sleep(${load.settleSeconds})
print("started")
`;
}

/** Prints the processes besides the session's own and its thread count: "processes [] threads 2" when a cell left nothing running. */
export const LEFT_RUNNING_CELL = `
import os
others = sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid()))
print("processes", others, "threads", len(os.listdir("/proc/self/task")))
`;
