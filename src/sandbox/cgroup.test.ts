/**
 * The cgroup v2 mode against a directory laid out like cgroupfs (plain files: this machine is not
 * delegated, and nothing may create cgroups outside a delegated subtree).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CgroupEnv, CgroupTree, probeCgroup } from "./cgroup.js";

let root: string;
let env: CgroupEnv;

function fakeCgroup(dir: string, controllers: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of ["cgroup.procs", "cgroup.subtree_control"]) writeFileSync(join(dir, file), "");
  writeFileSync(join(dir, "cgroup.controllers"), controllers);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cgroup-test-"));
  env = { root, selfCgroup: () => "0::/service\n", isCgroup2: () => true };
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("probeCgroup", () => {
  it("uses this process's own cgroup when it offers memory and pids and is writable", () => {
    fakeCgroup(join(root, "service"), "cpu memory pids");
    expect(probeCgroup("auto", env)).toEqual({ dir: join(root, "service") });
  });

  it("falls back, saying why, on cgroup v1, without controllers, or when told to", () => {
    fakeCgroup(join(root, "service"), "cpu");
    expect(probeCgroup("auto", { ...env, isCgroup2: () => false })).toMatchObject({ dir: null, why: /not cgroup v2/ });
    expect(probeCgroup("auto", env)).toMatchObject({ dir: null, why: /no memory\/pids controller/ });
    expect(probeCgroup("off", env)).toMatchObject({ dir: null, why: /SANDBOX_CGROUP=off/ });
  });
});

describe("CgroupTree", () => {
  it("moves our processes to a leaf, enables controllers and writes each session's limits", () => {
    const dir = join(root, "service");
    fakeCgroup(dir, "cpu memory pids");
    writeFileSync(join(dir, "cgroup.procs"), "123\n");
    const tree = new CgroupTree(dir, 10);
    fakeCgroup(join(dir, "host"), "");
    fakeCgroup(join(dir, "sandbox"), "");
    writeFileSync(join(dir, "sandbox", "cpu.weight.nice"), "0");
    tree.prepare();
    expect(readFileSync(join(dir, "sandbox", "cpu.weight.nice"), "utf8")).toBe("10");
    expect(readFileSync(join(dir, "host", "cgroup.procs"), "utf8")).toBe("123");
    expect(readFileSync(join(dir, "cgroup.subtree_control"), "utf8")).toBe("+memory +pids +cpu");
    const session = tree.create("s1", { memoryBytes: 64 << 20, maxProcesses: 28, cpus: 1 });
    expect(readFileSync(join(session.path, "memory.max"), "utf8")).toBe(String(64 << 20));
    expect(readFileSync(join(session.path, "pids.max"), "utf8")).toBe("28");
    session.adopt([456]);
    expect(readFileSync(join(session.path, "cgroup.procs"), "utf8")).toBe("456");
  });
});
