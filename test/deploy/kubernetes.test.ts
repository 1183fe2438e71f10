/**
 * deploy/kubernetes/ as a cluster would take it: every object valid against the Kubernetes API's
 * schemas (kubernetes-models, generated from the OpenAPI spec), every setting a name the config
 * schema knows, and the properties the processes depend on — the workers' user namespace, unmasked
 * /proc and unconfined profiles for bubblewrap, a grace period above WORKER_SHUTDOWN_MS, probes on
 * /healthz and /readyz where a process serves HTTP, one Discord shard per StatefulSet pod.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Deployment, type IDeployment, type IStatefulSet, StatefulSet } from "kubernetes-models/apps/v1";
import {
  ConfigMap,
  type IConfigMap,
  type IContainer,
  type IPodSpec,
  type IService,
  Namespace,
  Service,
} from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { configSchema, loadConfig } from "../../src/config.js";
import { projectRoot } from "../../src/paths.js";

const dir = join(projectRoot(), "deploy", "kubernetes");
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
};

interface Manifest {
  file: string;
  object: { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
}

const kustomization = parse(readFileSync(join(dir, "kustomization.yaml"), "utf8")) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(dir, file), "utf8")).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return { file, object: doc.toJS() as Manifest["object"] };
  }),
);

function find<T>(kind: string, name: string): T {
  const found = manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found.object as T;
}

const config = find<IConfigMap>("ConfigMap", "start-tutor").data ?? {};
const workloads = manifests.filter((m) => ["Deployment", "StatefulSet"].includes(m.object.kind));
const podSpec = (name: string, kind = "Deployment"): IPodSpec =>
  find<IDeployment | IStatefulSet>(kind, name).spec!.template.spec!;
const container = (spec: IPodSpec): IContainer => spec.containers[0]!;
/** What the process would see: the ConfigMap, then the container's own env (values only). */
function environment(c: IContainer): Record<string, string> {
  return { ...config, ...Object.fromEntries((c.env ?? []).flatMap((e) => (e.value ? [[e.name, e.value]] : []))) };
}

describe("deploy/kubernetes", () => {
  it("lists every manifest in kustomization.yaml, and each object is valid for the Kubernetes API", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const { file, object } of manifests) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${file}: ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(
        () => new Model!(object as never).validate(),
        `${file}: ${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it("catches a wrong field type or a missing required field (the schema check can fail)", () => {
    const worker = structuredClone(find<IDeployment>("Deployment", "start-tutor-worker"));
    (worker.spec as { replicas: unknown }).replicas = "two";
    expect(() => new Deployment(worker).validate()).toThrow(/replicas must be integer/);
    const web = structuredClone(find<IDeployment>("Deployment", "start-tutor-web"));
    delete (web.spec!.template.spec as Partial<IPodSpec>).containers;
    expect(() => new Deployment(web).validate()).toThrow(/containers/);
  });

  it("names only settings the config schema knows, with values it accepts", () => {
    const known = new Set(Object.keys(configSchema.shape));
    const names = [
      ...Object.keys(config),
      ...workloads
        .flatMap((w) => container((w.object as IDeployment).spec!.template.spec!).env ?? [])
        .map((e) => e.name),
    ];
    // POD_INDEX only builds DISCORD_SHARDS.
    expect(names.filter((n) => !known.has(n) && n !== "POD_INDEX")).toEqual([]);
    for (const w of workloads) {
      const env = environment(container((w.object as IDeployment).spec!.template.spec!));
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace("$(POD_INDEX)", "1")]));
      expect(() => loadConfig(resolved), w.object.metadata.name).not.toThrow();
    }
  });

  it("gives the workers what bubblewrap needs, and no more", () => {
    const spec = podSpec("start-tutor-worker");
    const worker = container(spec);
    expect(spec.hostUsers).toBe(false);
    expect(worker.securityContext?.procMount).toBe("Unmasked");
    expect(spec.securityContext?.seccompProfile?.type).toBe("Unconfined");
    expect(spec.securityContext?.appArmorProfile?.type).toBe("Unconfined");
    expect(worker.securityContext?.capabilities?.drop).toEqual(["ALL"]);
    expect(worker.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(worker.securityContext?.privileged).toBeUndefined();
    // Only the workers run the sandbox: every other pod keeps the runtime's default profile.
    for (const w of workloads.filter((w) => w.object.metadata.name !== "start-tutor-worker")) {
      const other = (w.object as IDeployment).spec!.template.spec!;
      expect(other.securityContext?.seccompProfile?.type, w.object.metadata.name).toBe("RuntimeDefault");
      expect(other.hostUsers, w.object.metadata.name).toBe(false);
    }
  });

  it("runs every pod as the image's non-root user with a read-only root and a writable /tmp", () => {
    const dockerfile = readFileSync(join(projectRoot(), "Dockerfile"), "utf8");
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    for (const w of workloads) {
      const spec = (w.object as IDeployment).spec!.template.spec!;
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      expect(String(spec.securityContext?.runAsUser)).toBe(user?.[1]);
      expect(container(spec).securityContext?.readOnlyRootFilesystem).toBe(true);
      const tmp = container(spec).volumeMounts?.find((m) => m.mountPath === "/tmp");
      expect(spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, w.object.metadata.name).toBeDefined();
    }
  });

  it("lets a worker finish its runs: the grace period is above WORKER_SHUTDOWN_MS", () => {
    const spec = podSpec("start-tutor-worker");
    const shutdownMs = loadConfig(environment(container(spec))).WORKER_SHUTDOWN_MS;
    expect((spec.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThanOrEqual(shutdownMs + 10_000);
  });

  it("probes /healthz (liveness) and /readyz (readiness) on the port each HTTP process listens on", () => {
    const ports: Record<string, (env: ReturnType<typeof loadConfig>) => number> = {
      "start-tutor-worker": (c) => c.WORKER_HTTP_PORT,
      "start-tutor-web": (c) => c.PORT,
      "start-tutor-slack": (c) => c.PORT,
    };
    for (const [name, portOf] of Object.entries(ports)) {
      const c = container(podSpec(name));
      const listens = portOf(loadConfig(environment(c)));
      const named = (port: string | number | undefined) =>
        typeof port === "number" ? port : c.ports?.find((p) => p.name === port)?.containerPort;
      expect(c.livenessProbe?.httpGet?.path, name).toBe("/healthz");
      expect(c.readinessProbe?.httpGet?.path, name).toBe("/readyz");
      expect(named(c.livenessProbe?.httpGet?.port), name).toBe(listens);
      expect(named(c.readinessProbe?.httpGet?.port), name).toBe(listens);
    }
    // Off loopback, or kubelet's probes and the Service cannot reach them.
    expect(environment(container(podSpec("start-tutor-worker"))).WORKER_HTTP_HOST).toBe("0.0.0.0");
    expect(environment(container(podSpec("start-tutor-web"))).WEB_HOST).toBe("0.0.0.0");
  });

  it("puts the web and Slack pods behind Services that select them and reach their port", () => {
    for (const name of ["start-tutor-web", "start-tutor-slack"]) {
      const service = find<IService>("Service", name);
      const deployment = find<IDeployment>("Deployment", name);
      const labels = deployment.spec!.template.metadata!.labels!;
      expect(Object.entries(service.spec!.selector!).every(([k, v]) => labels[k] === v)).toBe(true);
      const target = service.spec!.ports![0]!.targetPort;
      expect(container(deployment.spec!.template.spec!).ports?.some((p) => p.name === target)).toBe(true);
    }
  });

  it("runs one Discord shard per StatefulSet pod: ids 0…replicas-1 of replicas", () => {
    const set = find<IStatefulSet>("StatefulSet", "start-tutor-discord");
    const replicas = set.spec!.replicas!;
    const env = container(set.spec!.template.spec!).env ?? [];
    const index = env.find((e) => e.name === "POD_INDEX");
    expect(index?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.labels['apps.kubernetes.io/pod-index']");
    const shards = env.find((e) => e.name === "DISCORD_SHARDS")!.value!;
    const perPod = Array.from(
      { length: replicas },
      (_, i) => loadConfig({ DISCORD_SHARDS: shards.replace("$(POD_INDEX)", String(i)) }).DISCORD_SHARDS,
    );
    expect(perPod).toEqual(Array.from({ length: replicas }, (_, i) => ({ ids: [i], count: replicas })));
  });
});
