/**
 * compose.yaml, the Dockerfile and .dockerignore read as an operator's tools would read them, on
 * every test run (the opt-in container test runs them for real): settings the config schema knows,
 * a grace period above WORKER_SHUTDOWN_MS, healthchecks on the ports the processes listen on,
 * optional surfaces behind profiles, the sandbox's options only on the workers, a non-root image.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema, loadConfig } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";

interface Service {
  image?: string;
  command?: string[];
  profiles?: string[];
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  security_opt?: string[];
  cap_drop?: string[];
  read_only?: boolean;
  ports?: string[];
  deploy?: { replicas?: string | number };
}

const root = projectRoot();
const compose = parse(readFileSync(join(root, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const app = Object.entries(services).filter(([name]) => name !== "redis");
/** Compose's `${VAR:-default}` as compose would fill it with VAR unset. */
const filled = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");
const env = (service: Service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, filled(String(v))]));
const seconds = (duration: string | undefined) => Number(/^(\d+)s$/.exec(duration ?? "")?.[1] ?? Number.NaN);

describe("compose.yaml", () => {
  it("sets only settings the config schema knows, with values it accepts", () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const [name, service] of app) {
      expect(
        Object.keys(service.environment ?? {}).filter((k) => !known.has(k)),
        name,
      ).toEqual([]);
      expect(() => loadConfig(env(service)), name).not.toThrow();
    }
  });

  it("runs Redis and the workers always, every other surface only when its profile is on", () => {
    const always = Object.entries(services).flatMap(([name, s]) => (s.profiles ? [] : [name]));
    expect(always.sort()).toEqual(["redis", "worker"]);
    expect(Object.fromEntries(app.map(([name, s]) => [name, s.profiles ?? []]))).toEqual({
      worker: [],
      web: ["web"],
      discord: ["discord"],
      slack: ["slack"],
      "demo-model": ["demo"],
    });
    expect(filled(String(services.worker?.deploy?.replicas))).toBe("2");
  });

  it("keeps Redis durable (AOF) and never evicting the queue's keys", () => {
    const command = services.redis?.command?.join(" ") ?? "";
    expect(command).toContain("--appendonly yes");
    expect(command).toContain("--maxmemory-policy noeviction");
    expect(services.redis?.healthcheck?.test).toEqual(["CMD", "redis-cli", "ping"]);
  });

  it("restarts every service and checks each HTTP process on the port it listens on", () => {
    for (const [name, service] of Object.entries(services)) expect(service.restart, name).toBe("unless-stopped");
    const ports = {
      worker: loadConfig(env(services.worker!)).WORKER_HTTP_PORT,
      web: loadConfig(env(services.web!)).PORT,
    };
    for (const [name, port] of Object.entries(ports)) {
      const test = services[name]?.healthcheck?.test ?? [];
      expect(test.slice(0, 3), name).toEqual(["CMD", "node", "-e"]);
      expect(test[3], name).toContain(`http://127.0.0.1:${port}/healthz`);
      // Podman's Docker-compatible API splits healthcheck arguments at spaces.
      expect(
        test.every((arg) => !arg.includes(" ")),
        name,
      ).toBe(true);
    }
    // Probes and other containers reach the processes only off loopback.
    expect(env(services.worker!).WORKER_HTTP_HOST).toBe("0.0.0.0");
    expect(env(services.web!).WEB_HOST).toBe("0.0.0.0");
    expect(Object.keys(services.web?.environment ?? {})).toContain("WEB_TOKEN");
  });

  it("gives a stopping worker longer than WORKER_SHUTDOWN_MS before the kill", () => {
    const shutdownMs = loadConfig(env(services.worker!)).WORKER_SHUTDOWN_MS;
    expect(seconds(services.worker?.stop_grace_period) * 1000).toBeGreaterThanOrEqual(shutdownMs + 10_000);
  });

  it("unconfines only the workers (the sandbox), and drops every capability everywhere", () => {
    for (const [name, service] of app) {
      expect(service.cap_drop, name).toEqual(["ALL"]);
      expect(service.read_only, name).toBe(true);
      expect(service.security_opt, name).toContain("no-new-privileges:true");
      const unconfined = (service.security_opt ?? []).filter((o) => o.endsWith("=unconfined"));
      expect(unconfined, name).toEqual(
        name === "worker" ? ["seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"] : [],
      );
    }
  });
});

describe("the image", () => {
  const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");

  it("builds on a public Node 20 image by default, any other through BASE_IMAGE", () => {
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM \$\{BASE_IMAGE\}/gm)).toHaveLength(2);
  });

  it("runs as a non-root user, with tini as PID 1", () => {
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    expect(Number(user?.[1])).toBeGreaterThan(0);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["tini", "--", "node", "bin\/start-tutor\.js"\]$/m);
  });

  it("sends only the sources the Dockerfile copies into the build context", () => {
    const ignore = readFileSync(join(root, ".dockerignore"), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    expect(ignore[0]).toBe("*");
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(" "));
    const allowed = ignore.filter((line) => line.startsWith("!")).map((line) => line.slice(1).replace(/\/$/, ""));
    expect(copied.sort()).toEqual(allowed.sort());
  });
});
