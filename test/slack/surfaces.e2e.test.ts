/**
 * The Slack surfaces slack.e2e.test.ts leaves out, end to end through the real Bolt app (signed
 * HTTP) → commands → Redis → worker (sandbox, renderer, fake model) → poster → the loopback Slack:
 * the AI-app Assistant thread, the `/tutor-settings` modal and its effect, the buttons on a finished
 * run, `/check` and `/explain`, refused input (told privately, nothing enqueued, nothing
 * downloaded) and how inline math reads. The final answer is looked for only in the run's last
 * message or behind Reveal, never in the step messages.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScript } from "../../src/fake-model/script.js";
import { runKeys } from "../../src/queue/keys.js";
import { RunRecords } from "../../src/queue/records.js";
import { eventBody, eventCallback, sendSigned, settingsSubmission, slashCommandBody } from "../fakes/slack/requests.js";
import { BOT_USER_ID, type FakeMessage } from "../fakes/slack/workspace.js";
import { waitFor } from "../queue/processes.js";
import {
  buttonsOn,
  clickButton,
  ephemeralFor,
  finalAnswerFor,
  finishedThread,
  jobOf,
  lastMessage,
  metadataKey,
  pressButton,
  pressNextStepUntilDone,
  pressReveal,
  responsesTo,
  rootQuoting,
  SIGNING_SECRET,
  type SlackBot,
  startSlackBot,
} from "./harness.js";
import { slackScript } from "./scripts.js";

const POWER = String(2 ** 20);

const surfacesScript = parseScript({
  scenarios: [
    {
      name: "circle",
      match: "circle",
      turns: [
        "The area of a circle of radius $r$ is $\\pi r^2$, so for $r = \\sqrt{2}$ it is $2\\pi$. " +
          "The same number is $\\int_0^{\\sqrt{2}} 2\\pi t\\,dt$; Python evaluates it.\n" +
          "```python\nimport math\nprint(round(math.pi * math.sqrt(2) ** 2, 6))\n```\n```output",
        "The area is {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ 2\\pi } \\]",
      ],
    },
    {
      name: "doubling",
      match: "doubling",
      turns: [
        "Each doubling multiplies by two, so twenty doublings multiply by $2^{20}$. Python counts it out.\n" +
          "```python\nx = 1\nfor _ in range(20):\n    x *= 2\nprint(x)\n```\n```output",
        "After twenty doublings one grain has become {{output}} grains. Adding a fixed amount grows a pile in a " +
          "straight line, while doubling multiplies it: after $n$ doublings there are $2^n$ grains, and that " +
          "exponential growth outruns any straight line.",
      ],
    },
    {
      name: "steps",
      match: "three parts",
      turns: [
        "First, $a = 2 + 3$.\n```python\nprint(2 + 3)\n```\n```output",
        "So $a = {{output}}$. Second, $b = a \\cdot 4$.\n```python\nprint(5 * 4)\n```\n```output",
        "So $b = {{output}}$. Third, $c = b - 1$.\n```python\nprint(20 - 1)\n```\n```output",
        "So $c = {{output}}$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    ...slackScript.scenarios,
  ],
});

const text = (messages: { text?: string; blocks?: unknown }[]) =>
  messages.map((m) => `${m.text ?? ""}\n${JSON.stringify(m.blocks)}`).join("\n");
const stepsOf = (thread: FakeMessage[]) => thread.filter((m) => /:step:\d+$/.test(metadataKey(m) ?? ""));

let bot: SlackBot;
let redis: Redis;

beforeAll(async () => {
  bot = await startSlackBot("http", { SANDBOX_MAX_ATTACHMENT_MB: "1" }, surfacesScript);
  redis = new Redis(bot.redisUrl);
});

afterAll(async () => {
  redis?.disconnect();
  await bot?.close();
});

async function jobs(): Promise<number> {
  return bot.jobCount();
}

const slash = (command: string, question: string, over: { user?: string; channel?: string } = {}) => {
  const response = bot.slack.responseUrl();
  const body = slashCommandBody({
    command,
    text: question,
    user: over.user ?? "U1",
    channel: over.channel ?? "C1",
    responseUrl: response.url,
  });
  return { body, responseId: response.id };
};

/** Sends a slash command and waits for its finished thread. */
async function askAndFinish(command: string, question: string, quoted = question, channel = "C1") {
  const { body } = slash(command, question, { channel });
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  const root = await rootQuoting(bot.slack, channel, quoted);
  const thread = await finishedThread(bot.slack, channel, root.ts, 25_000);
  return { root, thread };
}

describe("the Assistant surface (AI app thread)", () => {
  it("greets with suggested prompts; a question is titled, shows its status while thinking, is answered in the thread, and the status clears", async () => {
    const workspace = bot.slack.workspace;
    // Slack opens an assistant thread with a root message in the user's DM with the app.
    const root = workspace.userPost("D1", "U7", "");
    const started = {
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U7", context: {}, channel_id: "D1", thread_ts: root.ts },
      event_ts: root.ts,
    };
    expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(started, "EvAsst1")))).status).toBe(
      200,
    );
    const prompts = await waitFor("suggested prompts", async () =>
      workspace.callsTo("assistant.threads.setSuggestedPrompts").find((c) => c.args.thread_ts === root.ts),
    );
    expect(JSON.parse(prompts.args.prompts!).length).toBeGreaterThan(0);
    const greeting = await waitFor("the greeting", async () => workspace.thread("D1", root.ts)[0]);
    expect(greeting.text).toMatch(/ask me/i);

    const question = workspace.userPost("D1", "U7", "What is 2^20 in the assistant?", { threadTs: root.ts });
    const message = {
      type: "message",
      channel_type: "im",
      channel: "D1",
      user: "U7",
      text: question.text,
      ts: question.ts,
      thread_ts: root.ts,
    };
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(message, "EvAsst2")));
    const answered = await waitFor(
      "the assistant thread's answer",
      async () => {
        const thread = workspace.thread("D1", root.ts);
        return thread.some((m) => metadataKey(m)?.endsWith(":answer")) ? thread : undefined;
      },
      25_000,
    );
    const title = workspace.callsTo("assistant.threads.setTitle").find((c) => c.args.thread_ts === root.ts);
    expect(title?.args.title).toBe("What is 2^20 in the assistant?");

    // Steps and answer are messages in that thread; no status message is posted (the status line is).
    expect(stepsOf(answered).length).toBeGreaterThan(0);
    expect(answered.filter((m) => metadataKey(m)?.endsWith(":status"))).toHaveLength(0);
    // Its buttons work there too: Reveal shows Python's number to the student, in that thread.
    const seen = workspace.ephemerals.length;
    await clickButton(bot, lastMessage(answered), "tutor_reveal", "U7");
    expect((await finalAnswerFor(bot, "U7", root.ts, seen)).text).toBe(`Final answer: ${POWER}`);

    // The status line: thinking at once, the worker's progress while it runs, then cleared.
    const cleared = await waitFor("the status to clear", async () => {
      const calls = workspace.callsTo("assistant.threads.setStatus").filter((c) => c.args.thread_ts === root.ts);
      return calls.at(-1)?.args.status === "" ? calls : undefined;
    });
    const statuses = cleared.map((c) => c.args.status);
    expect(statuses[0]).toBe("is thinking…");
    expect(statuses.slice(1, -1).length).toBeGreaterThan(0);
    for (const status of statuses.slice(0, -1)) expect(status).not.toBe("");
    const clearedAt = cleared.at(-1)!.at;
    const answerPost = workspace
      .callsTo("chat.postMessage")
      .find((c) => c.args.thread_ts === root.ts && c.args.metadata?.includes(":answer"));
    expect(answerPost!.at).toBeLessThanOrEqual(clearedAt);
  });
});

describe("buttons on a finished run", () => {
  let root: FakeMessage;
  let last: FakeMessage;
  let job: string;

  beforeAll(async () => {
    const run = await askAndFinish("/ask", "What is 2^20 with buttons?");
    root = run.root;
    last = lastMessage(run.thread);
    job = jobOf(last)!;
  });

  it("offers Reveal, Show code, Retry and 👍/👎 on the last message, which does not state the answer", () => {
    expect(buttonsOn(last)).toEqual(
      expect.arrayContaining([
        "tutor_reveal",
        "tutor_show_code",
        "tutor_retry",
        "tutor_feedback_up",
        "tutor_feedback_down",
      ]),
    );
    expect(text([last])).not.toContain(POWER);
  });

  it("Reveal shows the final answer to the clicker only", async () => {
    const seen = bot.slack.workspace.ephemerals.length;
    expect(await clickButton(bot, last, "tutor_reveal", "U2")).toBe(200);
    // The withheld steps come first, each its own message, then the answer.
    const shown = await waitFor("the answer", async () =>
      bot.slack.workspace.ephemerals
        .slice(seen)
        .find((e) => e.user === "U2" && e.threadTs === root.ts && e.text.startsWith("Final answer")),
    );
    expect(shown.text).toBe(`Final answer: ${POWER}`);
  });

  it("Show code shows the Python to the clicker only; the cell that computes the answer as it ran, its output only with Reveal, never masked", async () => {
    const seen = bot.slack.workspace.ephemerals.length;
    const messages = bot.slack.workspace.messages.length;
    await clickButton(bot, last, "tutor_show_code", "U2");
    const shown = await ephemeralFor(bot, "U2", root.ts, seen);
    const body = JSON.stringify(shown.blocks);
    // The program does not state the answer, so it is shown; what it printed waits for Reveal.
    expect(body).toContain("print(2**20)");
    expect(body).not.toMatch(/```\\n\?\\n```/);
    expect(body).not.toContain(POWER);
    expect(bot.slack.workspace.messages.length).toBe(messages);
  });

  it("👍 and 👎 are stored with the run, one vote per user, a new vote replacing the old", async () => {
    const records = new RunRecords(redis, runKeys(bot.prefix), 600);
    let seen = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, last, "tutor_feedback_up", "U1");
    expect((await ephemeralFor(bot, "U1", root.ts, seen)).text).toBe("Thanks for the feedback!");
    seen = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, last, "tutor_feedback_up", "U2");
    await ephemeralFor(bot, "U2", root.ts, seen);
    seen = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, last, "tutor_feedback_down", "U1");
    await ephemeralFor(bot, "U1", root.ts, seen);
    const votes = await records.feedback(job);
    expect(Object.fromEntries(Object.entries(votes).map(([user, vote]) => [user, vote.value]))).toEqual({
      U1: "down",
      U2: "up",
    });
  });

  it("Retry runs the question again as a new run in the same thread", async () => {
    const before = await jobs();
    const seen = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, last, "tutor_retry", "U1");
    expect((await ephemeralFor(bot, "U1", root.ts, seen)).text).toMatch(/working on it/i);
    const again = await waitFor(
      "the retried run's answer",
      async () => {
        const answers = bot.slack.workspace.thread("C1", root.ts).filter((m) => metadataKey(m)?.endsWith(":answer"));
        return answers.length === 2 ? answers[1] : undefined;
      },
      25_000,
    );
    expect(jobOf(again)).not.toBe(job);
    expect(await jobs()).toBe(before + 1);
    const retried = bot.slack.workspace.thread("C1", root.ts).filter((m) => jobOf(m) === jobOf(again));
    expect(stepsOf(retried).length).toBeGreaterThan(0);
    const revealed = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, again, "tutor_reveal", "U1");
    expect((await finalAnswerFor(bot, "U1", root.ts, revealed)).text).toBe(`Final answer: ${POWER}`);
  });
});

/**
 * Sends /check in the shared channel C1 and resolves once its verdict has reached its student:
 * the ephemeral messages in the run's thread that only U1 sees, and the public thread.
 */
async function checkPrivately(line: string, quoted: string) {
  const seen = bot.slack.workspace.ephemerals.length;
  const { body } = slash("/check", line);
  expect((await sendSigned(bot.eventsUrl, SIGNING_SECRET, body)).status).toBe(200);
  const root = await rootQuoting(bot.slack, "C1", quoted);
  const verdict = await waitFor("the private verdict", async () => {
    const mine = bot.slack.workspace.ephemerals.slice(seen).filter((e) => e.user === "U1" && e.threadTs === root.ts);
    return mine.some((e) => JSON.stringify(e.blocks).includes("tutor_feedback_up")) ? mine : undefined;
  });
  return { root, verdict, thread: bot.slack.workspace.thread("C1", root.ts) };
}

type Ephemeral = SlackBot["slack"]["workspace"]["ephemerals"][number];
const ephemeralText = (messages: Ephemeral[]) =>
  messages.map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`).join("\n");
const asMessage = (e: Ephemeral) => e as unknown as FakeMessage;
const withButton = (messages: Ephemeral[], action: string) =>
  asMessage(messages.find((m) => JSON.stringify(m.blocks).includes(action))!);

describe("/check and /explain", () => {
  it("/check says a right answer is right, only to its student, and keeps the worked solution behind See a worked solution", async () => {
    const { root, verdict, thread } = await checkPrivately(
      "What is 2^20, checked? answer: 1048576",
      "What is 2^20, checked?",
    );
    const seen = ephemeralText(verdict);
    expect(seen).toContain("Your answer is right");
    expect(seen).toContain('"text":"See a worked solution"');
    expect(seen).toContain('"text":"Share with the thread"');
    // The thread others read has the question and its status, not the verdict; no solution, masked or not.
    expect(text(thread)).not.toMatch(/Your answer is right|Check · Correct|Worked solution/);
    const before = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, withButton(verdict, "tutor_next_step"), "tutor_next_step", "U1");
    const solution = await ephemeralFor(bot, "U1", root.ts, before);
    expect(JSON.stringify(solution.blocks)).toContain("Worked solution");
  });

  it("a used See a worked solution is spent: its student's private message is redrawn without it", async () => {
    const { root, verdict } = await checkPrivately(
      "What is 2^20, spent once? answer: 1048576",
      "What is 2^20, spent once?",
    );
    const closing = verdict.find((e) => JSON.stringify(e.blocks).includes("tutor_next_step"))!;
    const button = (closing.blocks as { elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "tutor_next_step")!;
    const before = bot.slack.workspace.ephemerals.length;
    // Slack sends a click on an ephemeral message without its blocks: the bot redraws it from the run.
    const responseId = await pressButton(
      bot,
      { channel: "C1", rootTs: root.ts, user: "U1" },
      { message: { ...closing, ephemeral: true }, button: button as never },
    );
    await ephemeralFor(bot, "U1", root.ts, before);
    const [redrawn] = (await responsesTo(bot, responseId)) as { replace_original?: boolean; blocks?: unknown[] }[];
    expect(redrawn?.replace_original).toBe(true);
    const blocks = JSON.stringify(redrawn?.blocks);
    expect(blocks).toContain("Your answer is right");
    expect(blocks).toContain("tutor_share");
    expect(blocks).not.toContain("tutor_next_step");
  });

  it("/check with `work:` quotes the first line of the working that does not hold, never a step number", async () => {
    const { root, verdict, thread } = await checkPrivately(
      "What is 2^20, worked? answer: 1000000 work: 2^{20} = 2^{10} \\cdot 2^{10}; 2^{10} \\cdot 2^{10} = 1000 \\cdot 1000",
      "What is 2^20, worked?",
    );
    const seen = ephemeralText(verdict);
    expect(seen).toContain("Recheck this line of your working:");
    expect(seen).toContain("2^{10} \\\\cdot 2^{10} = 1000 \\\\cdot 1000");
    expect(seen).not.toContain("2^{20} = 2^{10}");
    expect(seen).not.toMatch(/\bstep \d/i);
    expect(`${seen}\n${text([root, ...thread])}`).not.toContain(POWER);
    expect(text(thread)).not.toContain("Recheck");
  });

  it("/check says a wrong answer is wrong without giving the right one anywhere, and shares it only when its student asks", async () => {
    const { root, verdict, thread } = await checkPrivately(
      "What is 2^20, checked again? answer: 1000000",
      "What is 2^20, checked again?",
    );
    const seen = ephemeralText(verdict);
    expect(seen).toContain("Not quite");
    expect(`${seen}\n${text([root, ...thread])}`).not.toContain(POWER);
    expect(seen).not.toContain("tutor_reveal");
    expect(text(thread)).not.toContain("Not quite");
    // Not behind a button either.
    const answer = withButton(verdict, "tutor_show_code");
    let before = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, answer, "tutor_show_code", "U1");
    expect(JSON.stringify((await ephemeralFor(bot, "U1", root.ts, before)).blocks ?? [])).not.toContain(POWER);
    // Someone else cannot share it; its student can, and then the thread sees it.
    before = bot.slack.workspace.ephemerals.length;
    await clickButton(bot, withButton(verdict, "tutor_share"), "tutor_share", "U2");
    await ephemeralFor(bot, "U2", root.ts, before);
    expect(text(bot.slack.workspace.thread("C1", root.ts))).not.toContain("Not quite");
    await clickButton(bot, withButton(verdict, "tutor_share"), "tutor_share", "U1");
    const shared = await waitFor("the shared verdict", async () =>
      bot.slack.workspace.thread("C1", root.ts).find((m) => text([m]).includes("shared their check")),
    );
    expect(text([shared])).toContain("Not quite");
    expect(text([shared])).toContain("<@U1>");
  });

  it("/explain asks the model to explain and walks through it in the thread, with no final answer needed", async () => {
    const seen = bot.model.requests.length;
    const { root, thread } = await askAndFinish("/explain", "Why does doubling grow so fast?");
    expect(JSON.stringify(root.blocks)).toContain("/explain");
    expect(bot.model.requests.slice(seen).some((r) => JSON.stringify(r.body).includes("Explain step by step"))).toBe(
      true,
    );
    expect(thread.some((m) => metadataKey(m)?.endsWith(":error"))).toBe(false);
    // The explanation reaches the student: Python's count and the closing reasoning, math readable.
    const steps = text(stepsOf(thread));
    expect(steps).toContain(POWER);
    expect(steps).toContain("there are 2ⁿ grains");
    expect(steps).toContain("exponential growth outruns any straight line");
    // An explanation has no answer to miss: it closes by summing up, not as a failure.
    expect(text(stepsOf(thread))).not.toContain("Where it ended");
    expect(text([lastMessage(thread)])).toContain("That's the explanation");
    expect(text([lastMessage(thread)])).not.toMatch(/no final answer/i);
  });
});

describe("refused input: told privately, nothing enqueued", () => {
  it("an empty /ask and a 50 kB /ask get the shared sentence on the command's response_url", async () => {
    const before = await jobs();
    const messages = bot.slack.workspace.botMessages().length;
    const empty = slash("/ask", "   ");
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, empty.body);
    const [emptyReply] = await responsesTo(bot, empty.responseId);
    expect(emptyReply).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/question is empty/) });

    const long = slash("/ask", `What is ${"2^20 + ".repeat(7_200)}1?`);
    expect(long.body.body.length).toBeGreaterThan(50_000);
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, long.body);
    const [longReply] = await responsesTo(bot, long.responseId);
    expect(longReply).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/characters long; the limit is 20,000/),
    });
    expect(await jobs()).toBe(before);
    expect(bot.slack.workspace.botMessages().length).toBe(messages);
  });

  it("an empty mention is answered with chat.postEphemeral to the asker", async () => {
    const before = await jobs();
    const mention = bot.slack.workspace.userPost("C1", "U4", `<@${BOT_USER_ID}>`);
    const event = { type: "app_mention", user: "U4", text: mention.text, channel: "C1", ts: mention.ts };
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(event, "EvEmptyMention")));
    const told = await ephemeralFor(bot, "U4", mention.ts, 0);
    expect(told.text).toMatch(/question is empty/);
    expect(await jobs()).toBe(before);
  });

  it("/analyze with a file over the limit, or of a kind Python cannot read, is refused before downloading", async () => {
    const before = await jobs();
    const workspace = bot.slack.workspace;
    workspace.shareFile("C4", "U5", "huge.csv", Buffer.alloc(1.5 * 1024 * 1024, "1\n"));
    const big = slash("/analyze", "What is the trend here?", { user: "U5", channel: "C4" });
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, big.body);
    const [bigReply] = await responsesTo(bot, big.responseId);
    expect(bigReply).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/^huge\.csv is 1\.5 MB/),
    });

    workspace.shareFile("C4", "U5", "lecture.mp4", Buffer.from("not really a film"), "video/mp4");
    const video = slash("/analyze", "Summarise this", { user: "U5", channel: "C4" });
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, video.body);
    const [videoReply] = await responsesTo(bot, video.responseId);
    expect(videoReply).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/^lecture\.mp4 is not a kind of file I can read/),
    });
    expect(workspace.downloads).toEqual([]);
    expect(await jobs()).toBe(before);
  });

  it("a mention with an unsupported file gets chat.postEphemeral, and the file is never downloaded", async () => {
    const before = await jobs();
    const workspace = bot.slack.workspace;
    const file = {
      id: workspace.nextId("F"),
      name: "setup.exe",
      title: "setup.exe",
      bytes: Buffer.from("MZ"),
      mimetype: "application/x-msdownload",
      user: "U6",
    };
    const mention = workspace.userPost("C1", "U6", `<@${BOT_USER_ID}> what does this do?`, { files: [file] });
    const event = {
      type: "app_mention",
      user: "U6",
      text: mention.text,
      channel: "C1",
      ts: mention.ts,
      files: [bot.slack.fileAsSent(file)],
    };
    await sendSigned(bot.eventsUrl, SIGNING_SECRET, eventBody(eventCallback(event, "EvExeMention")));
    const told = await ephemeralFor(bot, "U6", mention.ts, 0);
    expect(told.text).toMatch(/^setup\.exe is not a kind of file I can read/);
    expect(workspace.callsTo("chat.postEphemeral").some((c) => c.args.user === "U6")).toBe(true);
    expect(workspace.downloads).not.toContain(file.id);
    expect(await jobs()).toBe(before);
  });
});

describe("math in the steps", () => {
  it("simple inline math reads as Unicode; the rest is an uploaded image with its LaTeX as alt text", async () => {
    const { root, thread } = await askAndFinish("/ask", "What is the area of a circle of radius sqrt 2?");
    // The step states the answer (2π): it comes with Reveal, whole, to the student who pressed it.
    const revealed = await pressReveal(bot, { channel: "C1", rootTs: root.ts, user: "U1" });
    const sections = (blocks: unknown[]) =>
      (blocks as { type: string; text?: { text: string } }[]).flatMap((b) =>
        b.type === "section" && b.text ? [b.text.text] : [],
      );
    const steps = [
      text(stepsOf(thread)),
      ...revealed.messages.flatMap((m) => (m.text.startsWith("Final answer") ? [] : sections(m.blocks))),
    ].join("\n");
    expect(steps).toContain("πr²");
    expect(steps).toContain("√2");
    expect(steps).not.toMatch(/\\pi|\\sqrt|\$/);
    const images = revealed.messages
      .flatMap((m) => m.blocks as { type: string; alt_text?: string; slack_file?: { id: string } }[])
      .filter((b) => b.type === "image");
    const integral = images.find((b) => b.alt_text?.includes("\\int_0^{\\sqrt{2}}"));
    expect(integral).toBeDefined();
    expect(bot.slack.workspace.fileById(integral!.slack_file!.id)?.bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("/tutor-settings", () => {
  let admin: SlackBot;
  beforeAll(async () => {
    admin = await startSlackBot("http", {}, surfacesScript);
    admin.slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
    admin.slack.workspace.users.set("U1", { id: "U1", name: "student", isAdmin: false });
  });
  afterAll(async () => {
    await admin?.close();
  });

  const submit = (user: string, reveal: string, hourly: string, channels: string[]) =>
    sendSigned(
      admin.eventsUrl,
      SIGNING_SECRET,
      settingsSubmission(user, { reveal, hourlyLimit: hourly, hints: "off", channels }),
    );

  const ask = (question: string, channel: string) => {
    const response = admin.slack.responseUrl();
    const body = slashCommandBody({ command: "/ask", text: question, user: "U1", channel, responseUrl: response.url });
    return { send: () => sendSigned(admin.eventsUrl, SIGNING_SECRET, body), responseId: response.id };
  };

  it("an admin's saved modal changes the reveal policy, the hourly limit and the allowed channels", async () => {
    const open = () =>
      sendSigned(
        admin.eventsUrl,
        SIGNING_SECRET,
        slashCommandBody({
          command: "/tutor-settings",
          text: "",
          user: "UADMIN",
          channel: "C5",
          responseUrl: admin.slack.responseUrl().url,
        }),
      );
    await open();
    const first = await waitFor("the modal", async () => admin.slack.workspace.views[0]);
    expect(first.view).toMatchObject({ type: "modal", callback_id: "tutor_settings" });

    // A student's submission is refused on the form and changes nothing.
    const refused = await submit("U1", "spoiler", "0", []);
    expect(JSON.parse(refused.body)).toMatchObject({ response_action: "errors" });
    expect(await submit("UADMIN", "never", "1", ["C5"])).toEqual({ status: 200, body: "" });

    // The modal opens with what was saved.
    await open();
    const reopened = await waitFor("the modal again", async () => admin.slack.workspace.views[1]);
    const initial = Object.fromEntries(
      (reopened.view.blocks as { block_id: string; element: Record<string, unknown> }[]).map((b) => [
        b.block_id,
        b.element.initial_option ?? b.element.initial_value ?? b.element.initial_channels,
      ]),
    );
    expect(initial).toMatchObject({ reveal: { value: "never" }, hourly_limit: "1", channels: ["C5"] });

    // Elsewhere than C5: refused privately, nothing enqueued.
    const before = await admin.jobCount();
    const outside = ask("What is 2^20 outside?", "C6");
    await outside.send();
    const [outsideReply] = await responsesTo(admin, outside.responseId);
    expect(outsideReply!.text).toMatch(/channel/i);
    expect(await admin.jobCount()).toBe(before);

    // In C5: answered, with no Reveal button and no answer in the last message.
    const inside = ask("What is 2^20 inside?", "C5");
    await inside.send();
    const root = await rootQuoting(admin.slack, "C5", "What is 2^20 inside?");
    const last = lastMessage(await finishedThread(admin.slack, "C5", root.ts, 25_000));
    expect(buttonsOn(last)).not.toContain("tutor_reveal");
    expect(text([last])).not.toContain(POWER);

    // The hourly limit of one is spent: the next question waits.
    const again = ask("What is 2^20 once more?", "C5");
    await again.send();
    const [limitReply] = await responsesTo(admin, again.responseId);
    expect(limitReply!.text).toMatch(/limit of 1 question per hour/);
    expect(await admin.jobCount()).toBe(before + 1);
  });

  it("steps one at a time: the thread shows the first, Next step hands the asker the rest, then Reveal", async () => {
    const saved = await sendSigned(
      admin.eventsUrl,
      SIGNING_SECRET,
      settingsSubmission("UADMIN", { reveal: "button", hourlyLimit: "0", hints: "off", channels: [], steps: "one" }),
    );
    expect(saved).toEqual({ status: 200, body: "" });
    const paced = ask("Work out three parts: a, b and c", "C7");
    await paced.send();
    const root = await rootQuoting(admin.slack, "C7", "Work out three parts");
    const thread = await waitFor("the first step", async () => {
      const status = admin.slack.workspace.find("C7", root.ts);
      return status && /Done/.test(JSON.stringify(status.blocks))
        ? admin.slack.workspace.thread("C7", root.ts)
        : undefined;
    });
    // One step in the thread, with Next step; no answer message yet.
    expect(thread.filter((m) => /:step:\d+$/.test(metadataKey(m) ?? ""))).toHaveLength(1);
    expect(buttonsOn(thread[0]!)).toContain("tutor_next_step");
    expect(thread.some((m) => /:answer$/.test(metadataKey(m) ?? ""))).toBe(false);
    const handed = await pressNextStepUntilDone(admin, { channel: "C7", rootTs: root.ts, user: "U1" });
    const titles = handed.flatMap((m) =>
      m.blocks.flatMap((b) =>
        (b as { type: string }).type === "header" ? [(b as { text: { text: string } }).text.text] : [],
      ),
    );
    expect(titles.map((t) => /^Step (\d+)\//.exec(t)?.[1])).toEqual(titles.map((_, i) => String(i + 2)));
    expect(titles.length).toBeGreaterThan(0);
    // Only the asker saw them; the last one ends with the answer message, behind Reveal.
    expect(handed.every((m) => m.ephemeral)).toBe(true);
    expect(JSON.stringify(handed.at(-1)!.blocks)).toContain("tutor_reveal");
    expect(JSON.stringify(handed)).not.toContain('"19');
    expect(admin.slack.workspace.thread("C7", root.ts)).toHaveLength(thread.length);
    expect(buttonsOn(admin.slack.workspace.thread("C7", root.ts)[0]!)).not.toContain("tutor_next_step");
  });
});
