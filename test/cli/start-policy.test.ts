/**
 * Channel policies and the teachers outlive `start-tutor start`: a teacher sets #homework's policy
 * over Slack (signed HTTP to the one process that runs receiver and worker), the process is killed
 * in the middle of a run and started again, and the policy, the teacher list and the refusal of a
 * mode the channel does not allow are all still there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeModelServer, startFakeModel } from "../../src/fake-model/server.js";
import { sendSigned, settingsSubmission, slashCommandBody } from "../fakes/slack/requests.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { responsesTo, rootQuoting, SIGNING_SECRET } from "../slack/harness.js";
import { slackScript } from "../slack/scripts.js";
import { freePort } from "../support/ports.js";
import { testRedis, uniquePrefix } from "../support/redis.js";
import { type StartProcess, spawnTestStart, stopTestStart } from "../support/start-process.js";

const prefix = uniquePrefix("start-policy");
let redisUrl = "";
let slack: FakeSlack;
let model: FakeModelServer;
let start: StartProcess;
let port = 0;

const startTutor = () =>
  spawnTestStart(redisUrl, prefix, {
    OPENAI_BASE_URL: model.url,
    PORT: String(port),
    QUEUE_USER_BURST: "0",
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_APP_TOKEN: "",
    DISCORD_TOKEN: "",
  });

beforeAll(async () => {
  redisUrl = (await testRedis()).url;
  slack = await startFakeSlack();
  model = await startFakeModel(slackScript);
  port = await freePort();
  slack.workspace.users.set("UADMIN", { id: "UADMIN", name: "admin", isAdmin: true });
  slack.workspace.users.set("UTEACH", { id: "UTEACH", name: "ms-ray", isAdmin: false });
  slack.workspace.users.set("USTU", { id: "USTU", name: "sam", isAdmin: false });
  start = await startTutor();
}, 60_000);

afterAll(async () => {
  await stopTestStart(start, redisUrl, prefix);
  await model?.close();
  await slack?.close();
});

const eventsUrl = () => `http://127.0.0.1:${port}/slack/events`;

async function command(name: string, text: string, user: string): Promise<string> {
  const response = slack.responseUrl();
  const body = slashCommandBody({
    command: name,
    text,
    user,
    channel: "CHOMEWORK",
    channelName: "homework",
    responseUrl: response.url,
  });
  expect((await sendSigned(eventsUrl(), SIGNING_SECRET, body)).status).toBe(200);
  const [reply] = await responsesTo({ slack }, response.id);
  return reply!.text ?? "";
}

describe("start: policies across a restart", () => {
  it("keeps #homework's policy and its teachers when start is killed mid-run and started again", async () => {
    const named = await sendSigned(
      eventsUrl(),
      SIGNING_SECRET,
      settingsSubmission("UADMIN", {
        reveal: "button",
        hourlyLimit: "0",
        hints: "default",
        channels: [],
        teachers: ["UTEACH"],
      }),
    );
    expect(named.status).toBe(200);
    expect(await command("/tutor-policy", "modes: hint, check, explain", "UTEACH")).toContain("Saved for #homework.");

    // A run in flight (the scripted model takes a minute) when the process is killed.
    const hint = slashCommandBody({
      command: "/hint",
      text: "Please take your time with 2 + 2",
      user: "USTU",
      channel: "CHOMEWORK",
      responseUrl: slack.responseUrl().url,
    });
    expect((await sendSigned(eventsUrl(), SIGNING_SECRET, hint)).status).toBe(200);
    await rootQuoting(slack, "CHOMEWORK", "take your time");
    await start.stop("SIGKILL");
    start = await startTutor();

    expect(await command("/tutor-policy", "", "USTU")).toContain("Allowed: `hint`, `check` and `explain`.");
    expect(await command("/ask", "What is 2^20?", "USTU")).toContain("is not allowed in this channel");
    expect(await command("/tutor-policy", "per_day: 5", "UTEACH")).toContain("5 questions per day");
  });
});
