/**
 * Setup file of the unit tier (vitest.config.ts): a unit test proves pure logic, so it starts no
 * process and opens no socket — no Redis, no Python, no fake server. This file makes each of those
 * throw, so a test that needs one fails at once with the fix in its message instead of slowing
 * the parallel tier down or flaking under load.
 */
import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";

const MOVE = "list the file in INTEGRATION_TESTS (test/tiers.ts) to run it in the integration tier";

function refuse(what: string): never {
  throw new Error(`A unit test may not ${what}: ${MOVE}.`);
}

const spawners = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const name of spawners) {
  Object.assign(childProcess, { [name]: () => refuse(`start a process (child_process.${name})`) });
}
net.Socket.prototype.connect = () => refuse("open a connection (Redis, HTTP, a fake server)");
net.Server.prototype.listen = () => refuse("listen on a port");
// The `import { spawn } from "node:child_process"` bindings of the test's modules see the same.
syncBuiltinESMExports();
