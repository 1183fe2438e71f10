/**
 * The look renderers draw what was posted, and only that: an uploaded image is an <img> of its
 * own bytes with its alt text, a spoiler is hidden, a disabled button is drawn disabled, an
 * ephemeral message is marked as only the viewer's, Markdown and mrkdwn come out as the clients
 * draw them. Checked on the HTML (no screenshots compared).
 */
import { describe, expect, it } from "vitest";
import type { FakeMessage, FakeUser } from "../fakes/discord/model.js";
import type { FakeFile } from "../fakes/slack/workspace.js";
import { discordMarkdown } from "./discord/markdown.js";
import { renderDiscord } from "./discord/render.js";
import { slackMrkdwn } from "./slack/mrkdwn.js";
import { renderSlack, type SlackViewMessage } from "./slack/render.js";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

const bot: FakeUser = {
  id: "10",
  username: "start-tutor",
  global_name: null,
  discriminator: "0",
  avatar: null,
  bot: true,
};
const ada: FakeUser = { id: "11", username: "ada", global_name: "Ada", discriminator: "0", avatar: null };

function discordMessage(init: Partial<FakeMessage> & { id: string }): FakeMessage {
  return {
    channel_id: "1",
    author: bot,
    content: "",
    timestamp: "2026-01-05T14:03:00.000Z",
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    flags: 0,
    type: 0,
    pinned: false,
    files: new Map(),
    history: [],
    ...init,
  };
}

function discordPage(messages: { message: FakeMessage; ephemeral?: boolean }[], theme: "dark" | "light" = "dark") {
  return renderDiscord({
    theme,
    panes: [{ kind: "thread", name: "a thread", messages: messages.map((m) => ({ ephemeral: false, ...m })) }],
  });
}

describe("the Discord renderer", () => {
  it("shows an uploaded image from its bytes with its alt text, and blurs a SPOILER_ one", () => {
    const message = discordMessage({
      id: "100",
      attachments: [
        {
          id: "a1",
          filename: "formula-1.png",
          description: "A = \\pi r^2",
          content_type: "image/png",
          size: PNG.length,
          url: "",
          proxy_url: "",
        },
        {
          id: "a2",
          filename: "SPOILER_answer.png",
          description: "28.2743",
          content_type: "image/png",
          size: PNG.length,
          url: "",
          proxy_url: "",
        },
      ],
      files: new Map([
        ["a1", { field: "files[0]", filename: "formula-1.png", contentType: "image/png", bytes: PNG }],
        ["a2", { field: "files[1]", filename: "SPOILER_answer.png", contentType: "image/png", bytes: PNG }],
      ]),
    });
    const html = discordPage([{ message }]);
    const src = `data:image/png;base64,${PNG.toString("base64")}`;
    expect(html).toContain(`<img src="${src}" alt="A = \\pi r^2" data-filename="formula-1.png">`);
    expect(html).toMatch(
      /<div class="attachment-image spoiler-image"><img src="data:image\/png;base64,[^"]+" alt="28\.2743" data-filename="SPOILER_answer\.png"><span class="spoiler-tag">SPOILER<\/span>/,
    );
    expect(html).not.toMatch(/<div class="attachment-image spoiler-image"><img[^>]+formula-1/);
  });

  it("shows other files as chips with their name and size", () => {
    const bytes = Buffer.from("klass,score\nA,80\n");
    const message = discordMessage({
      id: "101",
      attachments: [
        { id: "c1", filename: "scores.csv", content_type: "text/csv", size: bytes.length, url: "", proxy_url: "" },
      ],
      files: new Map([["c1", { field: "files[0]", filename: "scores.csv", contentType: "text/csv", bytes }]]),
    });
    const html = discordPage([{ message }]);
    expect(html).toContain('<span class="file-name">scores.csv</span><span class="file-size">17 bytes</span>');
    expect(html).not.toContain("<img");
  });

  it("hides ||spoilers|| and draws Markdown as Discord does, math left as typed", () => {
    const html = discordMarkdown(
      [
        "# Step 1",
        "**Answer:** ||42|| and *why* with `x = 2`, __under__ ~~gone~~",
        "> quoted **bold**",
        "- one",
        "  - nested",
        "1. first",
        "```python",
        "print(2 ** 10)  # **not bold**",
        "```",
        "Area \\[ A = \\pi r^2 \\] and $x^2$ [docs](https://example.org/a_b)",
      ].join("\n"),
    );
    expect(html).toContain('<h1 class="md-h1">Step 1</h1>');
    expect(html).toContain('<strong>Answer:</strong> <span class="md-spoiler" title="spoiler">42</span>');
    expect(html).toContain("<em>why</em>");
    expect(html).toContain('<code class="md-inline">x = 2</code>');
    expect(html).toContain("<u>under</u>");
    expect(html).toContain("<s>gone</s>");
    expect(html).toContain(
      '<blockquote class="md-quote"><div class="md-lines">quoted <strong>bold</strong></div></blockquote>',
    );
    expect(html).toContain('<ul class="md-list"><li>one<ul class="md-list"><li>nested</li></ul></li></ul>');
    expect(html).toContain('<ol class="md-list" start="1"><li>first</li></ol>');
    expect(html).toContain(
      '<pre class="md-code" data-language="python"><code>print(2 ** 10)  # **not bold**</code></pre>',
    );
    // Discord typesets no math, and a backslash before punctuation is an escape.
    expect(html).toContain("Area [ A = \\pi r^2 ] and $x^2$");
    expect(html).toContain('<a class="md-link" href="https://example.org/a_b">docs</a>');
  });

  it("draws buttons with their style, emoji and disabled state, and select menus", () => {
    const message = discordMessage({
      id: "102",
      content: "Done.",
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: "Reveal answer", custom_id: "st|reveal|j1|" },
            { type: 2, style: 2, emoji: { name: "👍" }, custom_id: "st|fb|j1|up" },
            { type: 2, style: 4, label: "Cancel", custom_id: "st|cancel|j1|", disabled: true },
          ],
        },
        { type: 1, components: [{ type: 3, custom_id: "lang", placeholder: "Pick a language", options: [] }] },
      ],
    });
    const html = discordPage([{ message }]);
    expect(html).toContain(
      '<button class="button button-primary" data-custom-id="st|reveal|j1|"><span class="button-label">Reveal answer</span></button>',
    );
    expect(html).toContain(
      '<button class="button button-secondary" data-custom-id="st|fb|j1|up"><span class="button-emoji">👍</span></button>',
    );
    expect(html).toContain(
      '<button class="button button-danger" disabled data-custom-id="st|cancel|j1|"><span class="button-label">Cancel</span></button>',
    );
    expect(html).toContain('<div class="select placeholder" data-custom-id="lang"><span>Pick a language</span>');
  });

  it("marks an ephemeral message as only the viewer's, an edited one as edited, a deferred one as thinking", () => {
    const html = discordPage([
      { message: discordMessage({ id: "103", content: "The final answer is 7", flags: 64 }), ephemeral: true },
      {
        message: discordMessage({
          id: "104",
          content: "Done.",
          edited_timestamp: "2026-01-05T14:04:00.000Z",
          history: ["Working on it…"],
        }),
      },
      { message: discordMessage({ id: "105", content: "", flags: 128 }) },
    ]);
    const ephemeral = html.slice(html.indexOf('data-id="103"'), html.indexOf('data-id="104"'));
    expect(ephemeral).toContain("Only you can see this");
    expect(html.match(/Only you can see this/g)).toHaveLength(1);
    expect(html).toMatch(/<article class="msg ephemeral" data-id="103">/);
    expect(html).toContain('Done.<span class="edited">(edited)</span></div>');
    expect(html).toContain("start-tutor is thinking");
  });

  it("draws the dark and the light theme", () => {
    const message = discordMessage({ id: "106", content: "hi", author: ada });
    expect(discordPage([{ message }], "dark")).toContain('<body class="discord theme-dark">');
    expect(discordPage([{ message }], "light")).toContain('<body class="discord theme-light">');
  });
});

function slackMessage(init: Partial<SlackViewMessage> & { ts: string }): SlackViewMessage {
  return {
    author: { name: "start-tutor", bot: true },
    text: "",
    blocks: [],
    files: [],
    edited: false,
    ephemeral: false,
    ...init,
  };
}

describe("the Slack renderer", () => {
  it("draws mrkdwn as Slack does: *bold*, _italic_, ~strike~, code, links, quotes, emoji, entities", () => {
    const html = slackMrkdwn(
      "*Step 1* _why_ ~old~ `x &lt; 3` <https://example.org|docs> <@U1> :white_check_mark:\n&gt; quoted\n```a &amp; b\nc```\n# heading $x^2$",
      { userName: (id) => (id === "U1" ? "ada" : undefined) },
    );
    expect(html).toContain('<b>Step 1</b> <i>why</i> <s>old</s> <code class="code">x &lt; 3</code>');
    expect(html).toContain('<a class="link" href="https://example.org">docs</a>');
    expect(html).toContain('<span class="mention">@ada</span>');
    expect(html).toContain("✅");
    expect(html).toContain('<blockquote class="quote">quoted</blockquote>');
    expect(html).toContain('<pre class="pre">a &amp; b\nc</pre>');
    // Slack has no headings and no math: they show as typed.
    expect(html).toContain("# heading $x^2$");
  });

  it("draws Block Kit: header, sections, context, divider, buttons with style, an image block from an uploaded file", () => {
    const file: FakeFile = {
      id: "F1",
      name: "answer.png",
      title: "answer.png",
      altText: "7",
      bytes: PNG,
      mimetype: "image/png",
      user: "UBOT",
    };
    const html = renderSlack({
      theme: "light",
      channelName: "general",
      channel: [],
      thread: {
        root: slackMessage({
          ts: "1.000001",
          blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: ":hourglass_flowing_sand: Done." }] }],
        }),
        replies: [
          slackMessage({
            ts: "2.000002",
            blocks: [
              { type: "header", text: { type: "plain_text", text: "Step 1/2 · Plot it" } },
              { type: "section", text: { type: "mrkdwn", text: "Look at *both* curves" } },
              { type: "divider" },
              {
                type: "actions",
                elements: [
                  {
                    type: "button",
                    action_id: "tutor_reveal",
                    text: { type: "plain_text", text: "Reveal answer" },
                    style: "primary",
                  },
                  {
                    type: "button",
                    action_id: "tutor_cancel",
                    text: { type: "plain_text", text: "Cancel" },
                    style: "danger",
                  },
                  { type: "button", action_id: "tutor_retry", text: { type: "plain_text", text: "Retry" } },
                ],
              },
            ],
          }),
          slackMessage({
            ts: "3.000003",
            ephemeral: true,
            text: "Final answer: 7",
            blocks: [{ type: "image", slack_file: { id: "F1" }, alt_text: "7" }],
          }),
        ],
      },
      fileById: (id) => (id === "F1" ? file : undefined),
    });
    expect(html).toContain('<div class="block header">Step 1/2 · Plot it</div>');
    expect(html).toContain("Look at <b>both</b> curves");
    expect(html).toContain('<hr class="block divider">');
    expect(html).toContain("⏳</span> Done.");
    expect(html).toContain(
      '<button class="button button-primary" data-action-id="tutor_reveal">Reveal answer</button>',
    );
    expect(html).toContain('<button class="button button-danger" data-action-id="tutor_cancel">Cancel</button>');
    expect(html).toContain('<button class="button" data-action-id="tutor_retry">Retry</button>');
    expect(html).toContain(`<img src="data:image/png;base64,${PNG.toString("base64")}" alt="7">`);
    // The ephemeral message is no reply: Slack counts what everyone sees.
    expect(html).toContain('<div class="replies-rule"><span>1 reply</span></div>');
  });

  it("marks an ephemeral message as only the viewer's and shows files under their message", () => {
    const csv = Buffer.from("a,b\n1,2\n");
    const html = renderSlack({
      theme: "dark",
      channelName: "general",
      channel: [],
      thread: {
        root: slackMessage({ ts: "1.000001", text: "root", author: { name: "ada", bot: false } }),
        replies: [
          slackMessage({
            ts: "2.000002",
            files: [
              {
                id: "F2",
                name: "figure-1.png",
                title: "Figure 1",
                altText: "sin and cos",
                bytes: PNG,
                mimetype: "image/png",
                user: "UBOT",
              },
              { id: "F3", name: "data.csv", title: "data.csv", bytes: csv, mimetype: "text/csv", user: "UBOT" },
            ],
          }),
          slackMessage({ ts: "3.000003", text: "Your answer is right", ephemeral: true }),
        ],
      },
      status: "is running Python…",
    });
    expect(html).toContain('<body class="slack theme-dark">');
    expect(html).toMatch(
      /<figcaption>Figure 1 <span class="caret">▾<\/span><\/figcaption><img src="data:image\/png;base64,[^"]+" alt="sin and cos" data-filename="figure-1\.png">/,
    );
    expect(html).toContain('<span class="file-name">data.csv</span><span class="file-kind">CSV · 8 bytes</span>');
    const ephemeral = html.slice(html.indexOf('data-ts="3.000003"'));
    expect(ephemeral).toContain("Only visible to you");
    expect(html.match(/Only visible to you/g)).toHaveLength(1);
    expect(html).toContain("<b>start-tutor</b> is running Python…");
  });
});
