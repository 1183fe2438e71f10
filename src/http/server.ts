/**
 * The operations endpoints of a long-running process: `/healthz` (liveness: alive and not wedged),
 * `/readyz` (readiness: Redis, the model server, the sandbox; see readiness.ts) and `/metrics`
 * (Prometheus), plus mounted handlers (the queue dashboard, Slack's events in HTTP mode).
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Readiness } from "./readiness.js";

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  port: number;
  host?: string;
  /** Without one, /metrics answers 404 (an endpoint that faces the internet, such as Slack's). */
  registry?: Registry;
  /** `ok: false` answers 503, so an orchestrator restarts the process. */
  health(): { ok: boolean; [detail: string]: unknown };
  /** `ok: false` answers 503, so an orchestrator stops sending work; without it `/readyz` answers as `/healthz`. */
  ready?(): Promise<Readiness>;
  /** Extra handlers by path prefix (e.g. the queue dashboard); they may use any method. */
  mounts?: Array<{ prefix: string; handler: RequestListener }>;
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const mount = options.mounts?.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mount) {
      mount.handler(req, res);
    } else if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
    } else if (path === "/healthz") {
      const health = options.health();
      res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(health));
    } else if (path === "/readyz") {
      const ready = options.ready ? options.ready() : Promise.resolve(options.health());
      ready.then(
        (state) =>
          res.writeHead(state.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(state)),
        (err: Error) =>
          res
            .writeHead(503, { "content-type": "application/json" })
            .end(JSON.stringify({ ok: false, error: err.message })),
      );
    } else if (path === "/metrics" && options.registry) {
      const registry = options.registry;
      registry.metrics().then(
        (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
        (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${err.message}\n`),
      );
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /healthz, /readyz or /metrics\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
