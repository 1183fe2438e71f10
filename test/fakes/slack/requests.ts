/**
 * What Slack sends an app, built and signed the way Slack does it: slash commands and
 * interactivity as form posts, Events API callbacks as JSON, each with `X-Slack-Signature`
 * (`v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>`) and `X-Slack-Request-Timestamp`. The same
 * payloads travel over Socket Mode (see FakeSlack.sendEnvelope) without signatures.
 */
import { createHmac } from "node:crypto";
import { TEAM_ID } from "./workspace.js";

export interface SignOptions {
  /** Seconds since the epoch; default now. A stale one tests the 5-minute window. */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  /** Retries of an event: Slack adds these headers when it redelivers. */
  retryNum?: number;
  retryReason?: string;
}

export interface SignedBody {
  body: string;
  contentType: string;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POSTs a signed request to the app; resolves with the HTTP status and body text. */
export async function sendSigned(
  url: string,
  signingSecret: string,
  request: SignedBody,
  options: SignOptions = {},
): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": request.contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": sign(options.secret ?? signingSecret, timestamp, request.body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const response = await fetch(url, { method: "POST", headers, body: request.body });
  return { status: response.status, body: await response.text() };
}

export interface SlashCommand {
  command: string;
  text: string;
  user: string;
  channel: string;
  triggerId?: string;
  responseUrl: string;
  /** The channel's name as Slack sends it along (default `general`). */
  channelName?: string;
}

/** The fields Slack posts for a slash command (also the Socket Mode `slash_commands` payload). */
export function slashCommandFields(command: SlashCommand): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    team_domain: "fake",
    channel_id: command.channel,
    channel_name: command.channelName ?? "general",
    user_id: command.user,
    user_name: command.user.toLowerCase(),
    command: command.command,
    text: command.text,
    api_app_id: "A0000APP",
    is_enterprise_install: "false",
    response_url: command.responseUrl,
    trigger_id: command.triggerId ?? `${Date.now()}.${Math.floor(Math.random() * 1e9)}.abcdef`,
  };
}

export function slashCommandBody(command: SlashCommand): SignedBody {
  return {
    body: new URLSearchParams(slashCommandFields(command)).toString(),
    contentType: "application/x-www-form-urlencoded",
  };
}

/** An Events API `event_callback` wrapping one event (`app_mention`, `message`, …). */
export function eventCallback(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    api_app_id: "A0000APP",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: "UBOT0001", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function eventBody(callback: Record<string, unknown>): SignedBody {
  return { body: JSON.stringify(callback), contentType: "application/json" };
}

export interface ButtonClick {
  user: string;
  channel: string;
  /** The message carrying the button. */
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  responseUrl: string;
  /** The clicked message's blocks, as Slack sends them with a click on a message in the channel. */
  blocks?: unknown[];
  /** The click was on an ephemeral message (Slack then sends no `message`). */
  ephemeral?: boolean;
}

/** A `block_actions` payload: what Slack sends when a button is clicked. */
export function blockActions(click: ButtonClick): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: TEAM_ID, domain: "fake" },
    user: { id: click.user, username: click.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: "A0000APP",
    token: "legacy-verification-token",
    trigger_id: `${Date.now()}.1.trigger`,
    container: {
      type: "message",
      message_ts: click.messageTs,
      channel_id: click.channel,
      is_ephemeral: click.ephemeral === true,
      thread_ts: click.threadTs,
    },
    channel: { id: click.channel, name: "general" },
    ...(!click.ephemeral && {
      message: {
        type: "message",
        ts: click.messageTs,
        thread_ts: click.threadTs,
        text: "",
        ...(click.blocks && { blocks: click.blocks }),
      },
    }),
    response_url: click.responseUrl,
    actions: [
      {
        type: "button",
        action_id: click.actionId,
        block_id: "actions",
        value: click.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

export interface SettingsForm {
  reveal: string;
  hourlyLimit: string;
  hints: string;
  channels: string[];
  /** How a solution's steps are posted (`all`, `one`); absent = left unset. */
  steps?: string;
  /** The teachers picked in the form (none when absent). */
  teachers?: string[];
  /** The teacher user group's id typed in the form. */
  teacherGroup?: string;
}

/** A `view_submission` of the `/tutor-settings` modal by `user`, with these values. */
export function settingsSubmission(user: string, form: SettingsForm): SignedBody {
  return interactionBody({
    type: "view_submission",
    team: { id: TEAM_ID, domain: "fake" },
    user: { id: user, team_id: TEAM_ID },
    api_app_id: "A0000APP",
    token: "legacy-verification-token",
    trigger_id: "1.2.3",
    view: {
      id: "V1",
      type: "modal",
      callback_id: "tutor_settings",
      state: {
        values: {
          reveal: { value: { type: "static_select", selected_option: { value: form.reveal } } },
          hourly_limit: { value: { type: "number_input", value: form.hourlyLimit } },
          hints: { value: { type: "static_select", selected_option: { value: form.hints } } },
          channels: { value: { type: "multi_channels_select", selected_channels: form.channels } },
          ...(form.steps !== undefined && {
            steps: { value: { type: "static_select", selected_option: { value: form.steps } } },
          }),
          teachers: { value: { type: "multi_users_select", selected_users: form.teachers ?? [] } },
          "teacher-group": { value: { type: "plain_text_input", value: form.teacherGroup ?? null } },
        },
      },
    },
  });
}

/** Interactivity arrives as a form with one `payload` field holding JSON. */
export function interactionBody(payload: Record<string, unknown>): SignedBody {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
  };
}
