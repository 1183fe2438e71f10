/**
 * The Slack poster against the loopback Slack (real @slack/web-api): what the thread shows for a
 * run's messages, that every message can be found again by its metadata (also by a fresh poster
 * after a restart), that 429s are waited out without double posts, and the assistant status line.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../src/blobs/index.js";
import { silentLogger } from "../../src/logger.js";
import type { ResultStep } from "../../src/seam.js";
import { type FakeSlack, startFakeSlack } from "../../test/fakes/slack/server.js";
import { channelPacer } from "./pacer.js";
import { ASSISTANT_STATUS_ID, SlackPoster } from "./poster.js";
import type { SlackTarget } from "./target.js";
import { createSlackClient } from "./web-client.js";

let slack: FakeSlack;
let blobs: MemoryBlobStore;

beforeEach(async () => {
  slack = await startFakeSlack();
  blobs = new MemoryBlobStore({ maxBytes: 1 << 20, ttlS: 60 });
});

afterEach(async () => {
  await slack.close();
});

function poster(): SlackPoster {
  return new SlackPoster({
    client: createSlackClient({ token: slack.botToken, apiUrl: slack.apiUrl }, silentLogger),
    pacer: channelPacer(0),
    blobs,
    logger: silentLogger,
  });
}

function mentionTarget(over: Partial<SlackTarget> = {}): SlackTarget {
  const root = slack.workspace.userPost("C1", "U1", "<@UBOT0001> what is 2^10?");
  return {
    platform: "slack",
    team: "T1",
    channel: "C1",
    threadTs: root.ts,
    user: "U1",
    assistant: false,
    mode: "solve",
    ...over,
  };
}

async function step(text: string, images: { kind: "formula" | "figure"; alt: string }[] = []): Promise<ResultStep> {
  return {
    title: "Compute the power",
    markdown: text,
    text,
    code: "print(2**10)",
    output: "1024",
    images: await Promise.all(
      images.map(async (image, i) => ({
        ...image,
        filename: `${image.kind}-${i + 1}.png`,
        width: 10,
        height: 10,
        blob: await blobs.put(Buffer.from(`png ${i}`), { contentType: "image/png" }),
      })),
    ),
    parts: [{ kind: "text", text }, ...images.map((_, index) => ({ kind: "image" as const, index }))],
  };
}

describe("SlackPoster", () => {
  it("posts a step in the thread as Block Kit, with its images uploaded under it with alt text", async () => {
    const target = mentionTarget();
    const s = await step("We need **2^10**, see [formula 1] & check < 2000.", [
      { kind: "formula", alt: "2^{10} = 1024" },
      { kind: "figure", alt: "Powers of two" },
    ]);
    const context = { jobId: "job-1", key: "job-1:step:0" };
    const { messageId } = await poster().post(target, { kind: "step", index: 0, total: 3, step: s }, context);
    const thread = slack.workspace.thread("C1", target.threadTs!);
    expect(thread).toHaveLength(2);
    const [message, upload] = thread;
    expect(message!.ts).toBe(messageId);
    expect(message!.blocks[0]).toMatchObject({ type: "header", text: { text: "Step 1/3 · Compute the power" } });
    expect(message!.blocks[1]).toMatchObject({
      type: "section",
      text: { type: "mrkdwn", text: "We need *2^10*, see (formula 1 ↓) &amp; check &lt; 2000." },
    });
    expect(message!.metadata?.event_payload).toMatchObject({ key: "job-1:step:0", job_id: "job-1" });
    expect(upload!.files.map((f) => [f.name, f.altText, f.bytes.toString()])).toEqual([
      ["formula-1.png", "2^{10} = 1024", "png 0"],
      ["figure-2.png", "Powers of two", "png 1"],
    ]);
  });

  it("splits a long step into sections Slack accepts", async () => {
    const target = mentionTarget();
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${"the quick brown fox ".repeat(12)}`).join(
      "\n\n",
    );
    await poster().post(
      target,
      { kind: "step", index: 0, total: 1, step: await step(long) },
      { jobId: "j", key: "j:step:0" },
    );
    const [message] = slack.workspace.thread("C1", target.threadTs!);
    const texts = message!.blocks.filter((b) => (b as { type: string }).type === "section");
    expect(texts.length).toBeGreaterThan(1);
  });

  it("a step too long for one message (50 blocks) continues in the next ones, in order", async () => {
    const target = mentionTarget();
    const paragraphs = Array.from({ length: 70 }, (_, i) => `Paragraph ${i}: ${"x".repeat(2900)}`);
    await poster().post(
      target,
      { kind: "step", index: 0, total: 1, step: await step(paragraphs.join("\n\n")) },
      { jobId: "j", key: "j:step:0" },
    );
    const messages = slack.workspace.thread("C1", target.threadTs!);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(50);
    const shown = messages.flatMap((m) => m.blocks).map((b) => (b as { text?: { text?: string } }).text?.text ?? "");
    const order = paragraphs.map((p) => shown.findIndex((t) => t.startsWith(p.slice(0, 14))));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(messages.map((m) => m.metadata?.event_payload.key)).toEqual(["j:step:0", "j:step:0#1"]);
  });

  it("finds a posted message by its metadata, also from a fresh poster, and says when it is not there", async () => {
    const target = mentionTarget();
    const context = { jobId: "job-2", key: "job-2:answer" };
    const { messageId } = await poster().post(
      target,
      { kind: "answer", answer: "1024", status: "ok", reveal: "button" },
      context,
    );
    expect(await poster().findPosted(target, context)).toEqual({ outcome: "posted", messageId });
    expect(await poster().findPosted(target, { jobId: "job-2", key: "job-2:step:9" })).toEqual({
      outcome: "not_posted",
    });
  });

  it("a slash command's status message starts the thread, and later messages go under it, even after a restart", async () => {
    const target: SlackTarget = {
      platform: "slack",
      team: "T1",
      channel: "C2",
      user: "U1",
      assistant: false,
      mode: "hint",
      prompt: "Solve x^2 - 5x + 6 = 0",
      command: "/hint",
    };
    const status = await poster().post(
      target,
      { kind: "status", state: "running", text: "Working on it…" },
      { jobId: "job-3", key: "job-3:status" },
    );
    const root = slack.workspace.find("C2", status.messageId)!;
    expect(root.threadTs).toBeUndefined();
    expect(JSON.stringify(root.blocks)).toContain("<@U1> asked with /hint:");
    expect(JSON.stringify(root.blocks)).toContain("tutor_cancel");
    const s = await step("First, factor.");
    await poster().post(target, { kind: "step", index: 0, total: 1, step: s }, { jobId: "job-3", key: "job-3:step:0" });
    const [first] = slack.workspace.thread("C2", status.messageId);
    expect(first!.blocks[0]).toMatchObject({ type: "header", text: { text: "Compute the power" } });
    // Hint mode: the run's closing message offers the next rung; a rung handed out goes only to the
    // student who pressed, with the button for the one after it.
    expect(JSON.stringify(first!.blocks)).not.toContain("tutor_next_step");
    const where = { channel: "C2", user: "U1", threadTs: status.messageId };
    await poster().postNextStep(target, where, {
      jobId: "job-3",
      index: 1,
      total: 3,
      step: { ...s, label: "Hint 2" },
      last: false,
      next: "hint",
    });
    expect(slack.workspace.thread("C2", status.messageId)).toHaveLength(1);
    const middle = slack.workspace.ephemerals.at(-1)!;
    expect(middle).toMatchObject({ user: "U1", threadTs: status.messageId });
    expect(middle.blocks[0]).toMatchObject({ type: "header", text: { text: "Hint 2 · Compute the power" } });
    expect(JSON.stringify(middle.blocks)).toContain('"text":"Another hint"');
    await poster().postNextStep(target, where, { jobId: "job-3", index: 2, total: 3, step: s, last: true });
    const last = slack.workspace.ephemerals.at(-1)!;
    expect(last.blocks[0]).toMatchObject({ type: "header", text: { text: "Step 3/3 · Compute the power" } });
    expect(JSON.stringify(last.blocks)).not.toContain("tutor_next_step");
  });

  it("the Cancel button goes away when the run is over, also when a restarted worker edits", async () => {
    const target = mentionTarget();
    const context = { jobId: "job-4", key: "job-4:status" };
    const { messageId } = await poster().post(
      target,
      { kind: "status", state: "running", text: "Working on it…" },
      context,
    );
    // A new poster (a restarted worker) still keeps the Cancel button on a running run.
    const p = poster();
    await p.edit(target, messageId, { state: "running", text: "Running Python cell 1…" }, context);
    expect(JSON.stringify(slack.workspace.find("C1", messageId)!.blocks)).toContain("tutor_cancel");
    // The run's state decides, not its words: a retry keeps Cancel, a translated "Fertig." drops it.
    await p.edit(target, messageId, { state: "queued", text: "Done." }, context);
    expect(JSON.stringify(slack.workspace.find("C1", messageId)!.blocks)).toContain("tutor_cancel");
    await p.edit(target, messageId, { state: "done", text: "Fertig." }, context);
    const status = slack.workspace.find("C1", messageId)!;
    expect(status.edits).toBe(3);
    expect(JSON.stringify(status.blocks)).not.toContain("tutor_cancel");
    expect(JSON.stringify(status.blocks)).toContain("Fertig.");
  });

  it("shows the final answer as the space's reveal policy says", async () => {
    const target = mentionTarget();
    const p = poster();
    const answer = (reveal: "spoiler" | "button" | "never", n: number) =>
      p.post(
        target,
        { kind: "answer", answer: "x^{2}", status: "ok", reveal },
        { jobId: `r${n}`, key: `r${n}:answer` },
      );
    const shown = await Promise.all([answer("button", 1), answer("spoiler", 2), answer("never", 3)]);
    const [button, spoiler, never] = shown.map((s) => JSON.stringify(slack.workspace.find("C1", s.messageId)!.blocks));
    expect(button).toContain("tutor_reveal");
    expect(button).not.toContain("x²");
    // Slack has no spoiler markup: a spoiler waits behind Reveal too.
    expect(spoiler).toContain("tutor_reveal");
    expect(spoiler).not.toContain("x²");
    expect(never).not.toContain("tutor_reveal");
    expect(never).not.toContain("x²");
    expect(slack.workspace.calls.some((c) => c.method.startsWith("files."))).toBe(false);
  });

  it("reveals the answer to the clicker only: the text and the rendered formula, uploaded to no channel", async () => {
    const target = mentionTarget();
    const rendered = { ...(await step("$$\\boxed{x^{2}}$$", [{ kind: "formula", alt: "x^{2}" }])), finalAnswer: true };
    await poster().revealAnswer({ channel: "C1", user: "U7", threadTs: target.threadTs! }, "x^{2}", rendered);
    const [shown] = slack.workspace.ephemerals;
    expect(shown).toMatchObject({ channel: "C1", user: "U7", threadTs: target.threadTs });
    expect(JSON.stringify(shown!.blocks)).toContain("x²");
    const image = shown!.blocks.find((b) => (b as { type: string }).type === "image") as {
      slack_file: { id: string };
      alt_text: string;
    };
    expect(image.alt_text).toBe("x^{2}");
    const file = slack.workspace.fileById(image.slack_file.id)!;
    expect(file.bytes.toString()).toBe("png 0");
    // Nobody else sees it: the image is in no channel and the thread has no new message.
    expect(slack.workspace.messages.some((m) => m.files.includes(file))).toBe(false);
    expect(slack.workspace.thread("C1", target.threadTs!)).toHaveLength(0);
  });

  it("still reveals the answer, as text, when Slack will not show its image", async () => {
    const target = mentionTarget();
    const formula = await step("$$\\boxed{7}$$", [{ kind: "formula", alt: "7" }]);
    // A file Slack does not take as an image (the fake answers invalid_blocks, as Slack does for a fresh upload).
    const rendered = { ...formula, images: formula.images.map((i) => ({ ...i, filename: "formula-1.bin" })) };
    await poster().revealAnswer({ channel: "C1", user: "U8", threadTs: target.threadTs! }, "7", rendered);
    const refused = slack.workspace.calls.filter(
      (c) => c.method === "chat.postEphemeral" && c.args.blocks?.includes("image"),
    );
    expect(refused.length).toBeGreaterThan(1);
    expect(slack.workspace.ephemerals).toHaveLength(1);
    expect(slack.workspace.ephemerals[0]).toMatchObject({ user: "U8", text: "Final answer: 7" });
    expect(JSON.stringify(slack.workspace.ephemerals[0]!.blocks)).not.toContain('"image"');
  });

  it("waits out a 429 (Retry-After) and posts once", async () => {
    const target = mentionTarget();
    slack.rateLimit("chat.postMessage", 1);
    await poster().post(
      target,
      { kind: "answer", answer: "1024", status: "ok", reveal: "button" },
      { jobId: "job-5", key: "job-5:answer" },
    );
    const calls = slack.workspace.calls.filter((c) => c.method === "chat.postMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(slack.workspace.thread("C1", target.threadTs!)).toHaveLength(1);
  });

  it("in an assistant thread, progress is the assistant status line, cleared at the end", async () => {
    const target = mentionTarget({ assistant: true });
    const p = poster();
    const context = { jobId: "job-6", key: "job-6:status" };
    const status = await p.post(target, { kind: "status", state: "running", text: "Working on it…" }, context);
    expect(status.messageId).toBe(ASSISTANT_STATUS_ID);
    await p.edit(target, status.messageId, { state: "running", text: "Running Python cell 1…" }, context);
    await p.edit(target, status.messageId, { state: "cancelled", text: "Cancelled." }, context);
    expect(slack.workspace.callsTo("assistant.threads.setStatus").map((c) => c.args.status)).toEqual([
      "Working on it…",
      "Running Python cell 1…",
      "",
    ]);
    expect(slack.workspace.thread("C1", target.threadTs!)).toHaveLength(0);
  });
});
