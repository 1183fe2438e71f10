/**
 * The HTTP API as an integrator uses it: `start-tutor start` in a child process (worker, sandbox,
 * renderer, web server) against a scripted model and real Redis, driven over HTTP only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studentSentence } from "../../src/errors.js";
import { parseScript } from "../../src/fake-model/script.js";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { readEvents, type SseEvent } from "../support/sse.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const script = parseScript({
  scenarios: [
    {
      name: "power",
      match: "2\\^10",
      turns: [
        "We need $2^{10}$. Doubling 1 ten times gets there, and the doublings before add up to one less:\n$$2^{10} - 1 = \\sum_{k=0}^{9} 2^k.$$\n\nPython computes the power exactly.\n```python\nprint(2**10)\n```\n```output",
        "Python gives {{output}}. Doubling $2^{9}$ should give the same; let me check.\n```python\nprint(2 * 2**9)\n```\n```output",
        "Both agree: $2^{10} = {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "mean",
      match: "average",
      turns: [
        "Read the table and average the score column.\n```python\nimport pandas as pd\ndf = pd.read_csv('/data/scores.csv')\nprint(df['score'].mean())\n```\n```output",
        "The mean score is {{output}}.\n\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "plot",
      match: "plot",
      turns: [
        "Let me draw it.\n```python\nimport matplotlib.pyplot as plt\nplt.plot([0, 1, 2], [0, 1, 4])\nplt.title('squares')\nplt.show()\nprint(len(plt.gcf().axes))\n```\n```output",
        "The plot shows the squares.\n\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "slow",
      match: "sleep",
      turns: ["Waiting.\n```python\nimport time\ntime.sleep(120)\nprint('woke')\n```\n```output", "\\[ \\boxed{0} \\]"],
    },
  ],
});

let model: FakeModelServer;
let start: StartProcess;
let redisUrl: string;
const prefix = uniquePrefix("web-api");

beforeAll(async () => {
  model = await startFakeModel(script);
  redisUrl = (await testRedis()).url;
  start = await spawnTestStart(redisUrl, prefix, {
    OPENAI_BASE_URL: model.url,
    QUEUE_USER_BURST: "0",
    WORKER_STATUS_EDIT_MS: "250",
    SANDBOX_MAX_ATTACHMENT_MB: "1",
  });
}, 120_000);

afterAll(async () => {
  await stopTestStart(start, redisUrl, prefix);
  await model?.close();
});

interface ApiReply {
  id?: string;
  vote?: string;
  error?: { code: string; message: string };
}

interface RunView {
  id: string;
  status: string;
  answer?: string;
  steps: Array<{ images: Array<{ kind: string; url: string }> }>;
  error?: { code: string; message: string };
}

const getRun = async (id: string) => (await (await fetch(`${start.url}/api/runs/${id}`)).json()) as RunView;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${start.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as ApiReply };
}

async function ask(question: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await post("/api/ask", { question, ...extra });
  expect(status, JSON.stringify(body)).toBe(202);
  expect(body.id).toMatch(/^q-/);
  return body.id as string;
}

const untilDone = (event: SseEvent) => event.type === "done";
const eventsUrl = (id: string) => `${start.url}/api/runs/${id}/events`;

describe("POST /api/ask → events → result", () => {
  it("streams the status, the cell as it runs, the steps and the answer, then ends with done", async () => {
    const id = await ask("What is 2^10?");
    const { events, ended } = await readEvents(eventsUrl(id), { until: untilDone });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("status");
    expect(types.at(-1)).toBe("done");
    expect(events.at(-1)!.data).toEqual({ type: "done", status: "ok" });
    expect(ended).toBe(false);
    // The cell before it ran and that it ran after, before any step; never what it printed
    // (the answer, here), which comes with the presented steps.
    const cell = events.findIndex((e) => e.type === "cell");
    const output = events.findIndex((e) => e.type === "output");
    expect(events[cell]?.data).toMatchObject({ index: 1, code: expect.stringContaining("print(2**10)") });
    expect(events[output]?.data).toEqual({ type: "output", index: 1, error: false });
    expect(cell).toBeLessThan(output);
    expect(output).toBeLessThan(types.indexOf("step"));
    const steps = events.filter((e) => e.type === "step").map((e) => e.data as { index: number; total: number });
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.map((s) => s.index)).toEqual([...steps.keys()]);
    const answer = events.find((e) => e.type === "answer")!.data as { answer: string };
    expect(answer.answer).toBe(String(2 ** 10));
    // Every event has an id a client can resume from, in stream order.
    expect(events.every((e) => e.id && /^\d+-\d+$/.test(e.id))).toBe(true);
  });

  it("keeps the answer out of the steps it streams; the answer event carries it, rendered, for Reveal", async () => {
    const id = await ask("What is 2^10, behind Reveal?");
    const { events } = await readEvents(eventsUrl(id), { until: untilDone });
    const steps = events.filter((e) => e.type === "step");
    expect(steps.length).toBeGreaterThan(0);
    expect(JSON.stringify(steps)).not.toContain(String(2 ** 10));
    const answer = events.find((e) => e.type === "answer")!.data as {
      answer: string;
      reveal: string;
      rendered: { markdown: string; images: { alt: string; url: string }[] };
    };
    expect(answer).toMatchObject({ answer: String(2 ** 10), reveal: "button" });
    expect(answer.rendered.markdown).toBe(`$$\\boxed{${2 ** 10}}$$`);
    expect(answer.rendered.images.map((i) => i.alt)).toEqual([String(2 ** 10)]);
    const image = await fetch(`${start.url}${answer.rendered.images[0]!.url}`);
    expect(image.status).toBe(200);
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    // The API keeps its contract: the whole result, the closing answer step last.
    const run = await getRun(id);
    expect(run.steps.at(-1)).toMatchObject({ isAnswer: true, markdown: `$$\\boxed{${2 ** 10}}$$` });
  });

  it("answers GET /api/runs/:id with the object `ask --json` prints once the run is done", async () => {
    const id = await ask("What is 2^10, once more?");
    await readEvents(eventsUrl(id), { until: untilDone });
    const response = await fetch(`${start.url}/api/runs/${id}`);
    expect(response.status).toBe(200);
    const run = (await response.json()) as RunView;
    expect(run).toMatchObject({ id, status: "ok", answer: String(2 ** 10), toolCalls: 2 });
    expect(run.steps.length).toBeGreaterThan(0);
    for (const key of ["usage", "timings", "transcript", "hints"]) expect(run).toHaveProperty(key);
    expect(JSON.stringify(run)).not.toContain('"blob"');
  });

  it("serves a plot as a PNG under /api/runs/:id/images/", async () => {
    const id = await ask("Please plot the squares");
    await readEvents(eventsUrl(id), { until: untilDone });
    const run = await getRun(id);
    const figures = run.steps.flatMap((s) => s.images.filter((i) => i.kind === "figure"));
    expect(figures.length).toBeGreaterThan(0);
    expect(figures[0]!.url).toMatch(new RegExp(`^/api/runs/${id}/images/`));
    const image = await fetch(`${start.url}${figures[0]!.url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  });

  it("answers a question sent as multipart with a CSV file, computed from the file's bytes", async () => {
    const scores = [3, 4, 8];
    const form = new FormData();
    form.set("question", "What is the average score?");
    form.set(
      "files",
      new Blob([`name,score\n${scores.map((s, i) => `p${i},${s}`).join("\n")}\n`], { type: "text/csv" }),
      "scores.csv",
    );
    const response = await fetch(`${start.url}/api/ask`, { method: "POST", body: form });
    const body = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(body)).toBe(202);
    const { events } = await readEvents(eventsUrl(body.id), { until: untilDone });
    const answer = events.find((e) => e.type === "answer")!.data as { answer: string };
    expect(Number(answer.answer)).toBeCloseTo(scores.reduce((a, b) => a + b) / scores.length);
  });
});

describe("hint and check modes give nothing away", () => {
  it("hint: no live cells, no transcript, and the next step only when asked for", async () => {
    const id = await ask("What is 2^10? Just a hint", { mode: "hint" });
    const { events } = await readEvents(eventsUrl(id), { until: untilDone });
    expect(events.some((e) => e.type === "cell" || e.type === "output")).toBe(false);
    expect(JSON.stringify(events)).not.toContain(String(2 ** 10));
    const run = await getRun(id);
    expect(run.status).toBe("ok");
    expect(run).not.toHaveProperty("transcript");
    expect(JSON.stringify(run)).not.toContain(String(2 ** 10));
    // Next step, pressed until there is none left, teaches the rest up to the step that computes the answer.
    let after = run.steps.length - 1;
    const handedOut: unknown[] = [];
    for (;;) {
      const next = await post(`/api/runs/${id}/next-step`, { after });
      if (next.status === 400) {
        expect(next.body).toMatchObject({ error: { code: "no_more_steps" } });
        break;
      }
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      expect(next.body).toMatchObject({ id, index: after + 1 });
      handedOut.push(next.body);
      after += 1;
      if ((next.body as { last: boolean }).last) break;
    }
    // Every later cell here prints the answer: none of them is handed out, not even masked.
    expect(JSON.stringify(handedOut)).not.toContain(String(2 ** 10));
    expect(JSON.stringify(handedOut)).not.toContain("print(2 * 2**9)");
  });

  it("check with a wrong answer: says so, without the solution", async () => {
    const id = await ask("What is 2^10?", { mode: "check", answer: String(2 ** 10 + 1) });
    const { events } = await readEvents(eventsUrl(id), { until: untilDone });
    expect(events.some((e) => e.type === "cell" || e.type === "output")).toBe(false);
    const answer = events.find((e) => e.type === "answer")?.data as { answer: string | null; correct?: boolean };
    expect(answer).toMatchObject({ answer: null, correct: false });
    const run = await getRun(id);
    expect(run).not.toHaveProperty("transcript");
    expect(JSON.stringify(run)).not.toContain(`"${2 ** 10}"`);
  });
});

describe("bad input", () => {
  it("refuses an empty question with the shared code and sentence, and enqueues nothing", async () => {
    const { status, body } = await post("/api/ask", { question: "   " });
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "empty_question", message: studentSentence("empty_question") } });
  });

  it("refuses check mode without the student's answer", async () => {
    const { status, body } = await post("/api/ask", { question: "What is 2^10?", mode: "check" });
    expect(status).toBe(400);
    expect(body.error?.code).toBe("missing_answer");
    expect(body.error?.message).toBe(studentSentence("missing_answer"));
  });

  it("refuses an unknown mode, a body that is not JSON and a question that is not a string", async () => {
    for (const body of [{ question: "x", mode: "shout" }, "{not json", { question: 42 }]) {
      const reply = await post("/api/ask", body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error?.code).toBe("invalid_request");
      expect(reply.body.error?.message).toMatch(/\w/);
    }
  });

  it("refuses one file more than every surface allows, and says the limit", async () => {
    const form = new FormData();
    form.set("question", "What is the average score?");
    for (let i = 0; i < 6; i++) form.append("files", new Blob([`a,b\n${i},1\n`], { type: "text/csv" }), `f${i}.csv`);
    const response = await fetch(`${start.url}/api/ask`, { method: "POST", body: form });
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status).toBe(400);
    expect(body.error.code).toBe("too_many_attachments");
    expect(body.error.message).toMatch(/at most 5 files/);
    const info = (await (await fetch(`${start.url}/api/info`)).json()) as { limits: { maxAttachments: number } };
    expect(info.limits.maxAttachments).toBe(5);
  });

  it("refuses a file over the attachment limit, naming it", async () => {
    const form = new FormData();
    form.set("question", "What is the average score?");
    form.set("files", new Blob([new Uint8Array(1024 * 1024 + 1)], { type: "text/csv" }), "big.csv");
    const response = await fetch(`${start.url}/api/ask`, { method: "POST", body: form });
    const body = (await response.json()) as ApiReply;
    expect(response.status).toBe(400);
    expect(body.error?.code).toBe("attachment_too_large");
    expect(body.error?.message).toContain("big.csv");
  });

  it("answers 404 unknown_run for a run that does not exist", async () => {
    for (const path of ["/api/runs/q-nope", "/api/runs/q-nope/events"]) {
      const response = await fetch(`${start.url}${path}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unknown_run");
    }
  });
});

describe("actions", () => {
  it("cancels a running question: the stream ends with done cancelled and the run says so", async () => {
    const id = await ask("Please sleep for a while");
    await readEvents(eventsUrl(id), { until: (e) => e.type === "cell" });
    const cancel = await post(`/api/runs/${id}/cancel`, {});
    expect(cancel.status).toBe(202);
    const { events } = await readEvents(eventsUrl(id), { until: untilDone });
    expect(events.at(-1)!.data).toEqual({ type: "done", status: "cancelled" });
    expect(events.some((e) => e.type === "step")).toBe(false);
    const run = await getRun(id);
    expect(run.status).toBe("error");
    expect(run.error?.code).toBe("cancelled");
  });

  it("stores a 👍 and refuses a vote that is neither up nor down", async () => {
    const id = await ask("What is 2^10 again?");
    await readEvents(eventsUrl(id), { until: untilDone });
    const up = await post(`/api/runs/${id}/feedback`, { vote: "up" });
    expect(up.status).toBe(200);
    expect(up.body.vote).toBe("up");
    const bad = await post(`/api/runs/${id}/feedback`, { vote: "meh" });
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/runs/:id/events with Last-Event-ID", () => {
  it("resumes after the last event seen: nothing lost, nothing repeated", async () => {
    const id = await ask("What is 2^10, step by step?");
    const first = await readEvents(eventsUrl(id), { until: (e) => e.type === "step" });
    const lastSeen = first.events.at(-1)!.id!;
    const rest = await readEvents(eventsUrl(id), { headers: { "last-event-id": lastSeen }, until: untilDone });
    const whole = await readEvents(eventsUrl(id), { until: untilDone });
    const ids = (events: SseEvent[]) => events.map((e) => e.id);
    expect([...ids(first.events), ...ids(rest.events)]).toEqual(ids(whole.events));
    expect(rest.events.at(-1)!.type).toBe("done");
  });
});
