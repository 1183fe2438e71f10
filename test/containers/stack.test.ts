/**
 * The container stack as an operator runs it: the Dockerfile built with podman, compose.yaml
 * started (Redis, two workers, the web API and the demo model), a question asked through the web
 * API and answered by a worker whose Python cell ran in bubblewrap inside its container, then the
 * stack stopped cleanly. Also proves that each of compose.yaml's sandbox security options is
 * needed. Opt-in (CONTAINER_TESTS=1, or `npm run test:containers`): the first run builds a base
 * image and the app image (minutes); later runs reuse both while the sources are unchanged.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../src/paths.js";
import { freePort } from "../support/ports.js";
import { exec, type Podman, startPodman } from "./podman.js";

const enabled = process.env.CONTAINER_TESTS === "1";
const root = projectRoot();
const IMAGE = "localhost/start-tutor:container-test";

interface ComposeFile {
  services: Record<
    string,
    { stop_grace_period?: string; environment?: Record<string, string>; security_opt?: string[]; cap_drop?: string[] }
  >;
}

describe.skipIf(!enabled)("the container stack (podman + compose.yaml)", () => {
  const project = `sttest${randomBytes(4).toString("hex")}`;
  const token = randomBytes(16).toString("hex");
  let podman: Podman;
  let webUrl = "";
  let composeEnv: NodeJS.ProcessEnv = {};
  const timings: Record<string, number> = {};

  const compose = (args: string[], timeoutMs = 300_000) =>
    exec(
      "docker-compose",
      [
        "-p",
        project,
        "-f",
        join(root, "compose.yaml"),
        "-f",
        join(root, "test/containers/compose.local.yaml"),
        ...args,
      ],
      { env: composeEnv, cwd: root, timeoutMs },
    );

  /** The project's containers: name → service, state, exit code and health. */
  async function containers() {
    const out = await podman.podman([
      "ps",
      "-a",
      "--filter",
      `label=com.docker.compose.project=${project}`,
      "--format",
      "json",
    ]);
    const list = JSON.parse(out || "[]") as { Names: string[]; Labels: Record<string, string>; Id: string }[];
    return Promise.all(
      list.map(async (c) => {
        const [state] = JSON.parse(await podman.podman(["inspect", c.Id])) as {
          State: { Status: string; ExitCode: number; Health?: { Status: string } };
          Config: { User: string; StopTimeout: number };
        }[];
        return {
          id: c.Id,
          service: c.Labels["com.docker.compose.service"] ?? "?",
          status: state!.State.Status,
          exitCode: state!.State.ExitCode,
          health: state!.State.Health?.Status ?? "",
          user: state!.Config.User,
          stopTimeout: state!.Config.StopTimeout,
        };
      }),
    );
  }

  async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${webUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    });

  beforeAll(async () => {
    let t = Date.now();
    const base = execFileSync("bash", [join(root, "test/containers/local-base-image.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }).trim();
    timings.baseImageS = (Date.now() - t) / 1000;
    podman = await startPodman();
    t = Date.now();
    await podman.podman(
      [
        "build",
        "--build-arg",
        `BASE_IMAGE=${base}`,
        "--ulimit",
        "nofile=1024:1024",
        "--ulimit",
        "nproc=1024:1024",
        "-t",
        IMAGE,
        root,
      ],
      { timeoutMs: 1_800_000 },
    );
    timings.buildS = (Date.now() - t) / 1000;
    const port = await freePort();
    webUrl = `http://127.0.0.1:${port}`;
    composeEnv = {
      ...podman.env,
      START_TUTOR_IMAGE: IMAGE,
      COMPOSE_PROFILES: "web,demo",
      WEB_TOKEN: token,
      WEB_PUBLISH: `127.0.0.1:${port}`,
      WORKERS: "2",
    };
    podman.tickHealthchecks(project);
    t = Date.now();
    await compose(["up", "-d", "--no-build"]);
    await waitFor("the web API", async () => ((await api("/healthz")).ok ? true : undefined), 180_000);
    timings.upS = (Date.now() - t) / 1000;
  }, 2_400_000);

  afterAll(async () => {
    if (composeEnv.DOCKER_HOST) await compose(["down", "-v", "--remove-orphans", "-t", "40"]).catch(() => undefined);
    await podman?.close();
    console.info(`container stack timings (s): ${JSON.stringify(timings)}`);
  }, 300_000);

  it("runs Redis, two workers, the web API and the demo model, as user 10001, and nothing unconfigured", {
    timeout: 180_000,
  }, async () => {
    const running = await containers();
    const services = running.map((c) => c.service).sort();
    expect(services).toEqual(["demo-model", "redis", "web", "worker", "worker"]);
    for (const c of running.filter((c) => c.service !== "redis")) {
      expect(c.status).toBe("running");
      expect(c.user).toBe("10001:10001");
    }
    const workers = running.filter((c) => c.service === "worker");
    expect(workers.map((w) => w.stopTimeout)).toEqual([35, 35]);
    // No capability, and nothing a setuid binary could add (bubblewrap runs as an ordinary user).
    const status = await podman.podman([
      "exec",
      workers[0]!.id,
      "grep",
      "-E",
      "^(CapBnd|CapEff|NoNewPrivs):",
      "/proc/1/status",
    ]);
    expect(status.replace(/\s+/g, " ").trim()).toBe("CapEff: 0000000000000000 CapBnd: 0000000000000000 NoNewPrivs: 1");
    // The compose healthchecks (Node's fetch of /healthz; redis-cli ping) pass.
    await waitFor(
      "healthy redis, web and workers",
      async () => {
        const health = (await containers()).filter((c) => c.service !== "demo-model").map((c) => c.health);
        return health.every((h) => h === "healthy") ? health : undefined;
      },
      120_000,
    );
  });

  it("answers a question through the web API with a Python cell run in bubblewrap", { timeout: 240_000 }, async () => {
    const asked = await api("/api/ask", {
      method: "POST",
      body: JSON.stringify({ question: "What is the sum of the digits of 2^100?" }),
    });
    expect(asked.status).toBe(202);
    const { id } = (await asked.json()) as { id: string };
    const run = await waitFor(
      "the run to finish",
      async () => {
        const body = (await (await api(`/api/runs/${id}`)).json()) as {
          status: string;
          answer?: string;
          toolCalls?: number;
          transcript?: { parts: { kind: string; result?: { stdout: string } | null }[] };
        };
        return body.status === "ok" || body.status === "error" ? body : undefined;
      },
      180_000,
    );
    expect(run.status).toBe("ok");
    // 115 is what Python printed: the demo script only says "{{output}}".
    expect(run.answer).toBe("115");
    expect(run.toolCalls).toBe(1);
    const printed = run.transcript?.parts.filter((p) => p.kind === "output").map((p) => p.result?.stdout);
    expect(printed).toEqual(["115\n"]);
    const workerLogs = await Promise.all(
      (await containers()).filter((c) => c.service === "worker").map((c) => podman.logs(c.id).catch(() => "")),
    );
    expect(workerLogs.join("\n")).toContain('"isolation":"bubblewrap"');
  });

  it("needs each of the workers' unconfined security options for bubblewrap, and no capability", {
    timeout: 240_000,
  }, async () => {
    const file = parse(readFileSync(join(root, "compose.yaml"), "utf8"), { merge: true }) as ComposeFile;
    const worker = file.services.worker!;
    const options = worker.security_opt ?? [];
    const capDrop = (worker.cap_drop ?? []).flatMap((c) => ["--cap-drop", c]);
    const sandbox = (opts: string[]) =>
      podman
        .podman(
          ["run", "--rm", "-i", ...capDrop, ...opts.flatMap((o) => ["--security-opt", o]), IMAGE, "sandbox", "--json"],
          {
            input: "print(6 * 7)\n",
            timeoutMs: 120_000,
          },
        )
        .then(
          (out) => (JSON.parse(out) as { stdout: string }).stdout,
          (err: Error) => err.message,
        );
    expect(await sandbox(options)).toBe("42\n");
    // AppArmor confines containers only where the kernel runs it (Docker's docker-default profile
    // refuses mount()); elsewhere leaving that option out changes nothing to prove here.
    const apparmor = (() => {
      try {
        return readFileSync("/sys/module/apparmor/parameters/enabled", "utf8").trim() === "Y";
      } catch {
        return false;
      }
    })();
    for (const left of ["seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"]) {
      expect(options).toContain(left);
      if (left.startsWith("apparmor") && !apparmor) continue;
      const without = await sandbox(options.filter((o) => o !== left));
      expect(without, `without ${left}`).toMatch(/cannot isolate Python \(bubblewrap: bwrap: /);
    }
  });

  it("stops cleanly: every process exits 0 within its stop_grace_period", { timeout: 300_000 }, async () => {
    const file = parse(readFileSync(join(root, "compose.yaml"), "utf8"), { merge: true }) as ComposeFile;
    const grace = Number.parseInt(file.services.worker?.stop_grace_period ?? "", 10) * 1000;
    const shutdownMs = Number(file.services.worker?.environment?.WORKER_SHUTDOWN_MS);
    expect(grace).toBeGreaterThan(shutdownMs);
    const t = Date.now();
    await compose(["stop"]);
    timings.stopS = (Date.now() - t) / 1000;
    const stopped = await containers();
    expect(stopped.map((c) => [c.service, c.status, c.exitCode])).toEqual(stopped.map((c) => [c.service, "exited", 0]));
    const workerLogs = await Promise.all(stopped.filter((c) => c.service === "worker").map((c) => podman.logs(c.id)));
    for (const logs of workerLogs) expect(logs).toContain("shutting down: finishing in-flight runs");
  });
});
