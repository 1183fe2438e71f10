/** The banner a newcomer reads after `npm start`: the URL first, then what is on and how to turn on the rest. */
import { describe, expect, it } from "vitest";
import { formatBanner } from "./banner.js";

const facts = {
  url: "http://127.0.0.1:3000",
  model: null,
  redis: { url: "redis://127.0.0.1:6379", own: true },
  platforms: [
    { name: "discord", on: false, howToTurnOn: "set DISCORD_TOKEN and DISCORD_APP_ID" },
    { name: "slack", on: true, howToTurnOn: "set SLACK_BOT_TOKEN" },
  ],
  tokenRequired: false,
  opsPort: 9464,
};

describe("formatBanner", () => {
  it("puts the page's URL on the first line", () => {
    const first = formatBanner(facts).trimStart().split("\n")[0];
    expect(first).toContain("http://127.0.0.1:3000/");
  });

  it("says plainly when the demo model answers, and the one line that points it at a real server", () => {
    expect(formatBanner(facts)).toMatch(/demo model.*OPENAI_BASE_URL=/);
    expect(formatBanner({ ...facts, model: "http://gpu:8000/v1" })).not.toContain("demo model");
  });

  it("names each platform as on, or off with what turns it on, and whose Redis it is", () => {
    const text = formatBanner(facts);
    expect(text).toMatch(/discord\s+off \(set DISCORD_TOKEN and DISCORD_APP_ID\)/);
    expect(text).toMatch(/slack\s+on/);
    expect(text).toContain("own redis-server");
    expect(formatBanner({ ...facts, redis: { url: "redis://r:6379", own: false } })).toContain("(already running)");
  });
});
