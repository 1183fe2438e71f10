/**
 * "What was posted", in one place for the Slack adapter: every message the tutor posts carries
 * its context key and job id as message metadata, and these lookups read them back — the run a
 * thread belongs to (a reply there is a follow-up), the status message a slash command's run
 * started its thread with, and whether one message of a run is already in its thread (after a
 * crash, so nothing is posted twice). Read-only calls: a repeat does no harm.
 */
import { callSlack, type SlackClient } from "./web-client.js";

/** Message metadata event type of every message the tutor posts. */
export const POST_EVENT_TYPE = "start_tutor_post";

type Metadata = { event_type?: string; event_payload?: Record<string, unknown> } | undefined;

/** The metadata a tutor message carries: its ledger key and its run. */
export function postMetadata(key: string, jobId: string) {
  return { event_type: POST_EVENT_TYPE, event_payload: { key, job_id: jobId } };
}

function payloadField(metadata: Metadata, field: "key" | "job_id"): string | undefined {
  if (metadata?.event_type !== POST_EVENT_TYPE) return undefined;
  const value = metadata.event_payload?.[field];
  return typeof value === "string" ? value : undefined;
}

/**
 * The run a bot thread belongs to: the newest message in it that the tutor posted. Undefined
 * when the thread is not the tutor's.
 */
export async function runOfThread(client: SlackClient, channel: string, threadTs: string): Promise<string | undefined> {
  const page = await callSlack(() =>
    client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 }),
  );
  for (const message of [...(page.messages ?? [])].reverse()) {
    const jobId = payloadField(message.metadata as Metadata, "job_id");
    if (jobId) return jobId;
  }
  return undefined;
}

/** The status message a slash command's run started its thread with, from the channel's recent history. */
export async function findRoot(client: SlackClient, channel: string, jobId: string): Promise<string | undefined> {
  const history = await callSlack(() =>
    client.conversations.history({ channel, limit: 200, include_all_metadata: true }),
  );
  return history.messages?.find((m) => payloadField(m.metadata as Metadata, "key") === `${jobId}:status`)?.ts;
}

/** The message of the thread posted under ledger key `key`, if it is there. */
export async function findInThread(
  client: SlackClient,
  channel: string,
  threadTs: string,
  key: string,
): Promise<string | undefined> {
  let cursor: string | undefined;
  do {
    const page = await callSlack(() =>
      client.conversations.replies({
        channel,
        ts: threadTs,
        include_all_metadata: true,
        limit: 200,
        ...(cursor && { cursor }),
      }),
    );
    const found = page.messages?.find((m) => payloadField(m.metadata as Metadata, "key") === key);
    if (found?.ts) return found.ts;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
