/**
 * A platform for worker unit tests: a Poster that keeps what was posted (by context key) and
 * every status edit, can be told to refuse a send once or to forget what it holds (a platform
 * that cannot say whether a message went out), and finds posts by key like the real adapters.
 */
import type { FindPosted, OutgoingMessage, PostContext, Poster, StatusLine } from "../../src/worker/poster.js";

export interface RecordedPost {
  id: string;
  key: string;
  message: OutgoingMessage;
}

export class RecordingPoster implements Poster {
  readonly posts: RecordedPost[] = [];
  readonly edits: { messageId: string; status: StatusLine }[] = [];
  /** Keys whose next send fails (then succeeds): a network error before the platform got it. */
  readonly failNext = new Set<string>();
  /** Set when `findPosted` cannot tell (the platform's history is unreadable). */
  lookupFails = false;
  /** Set to make every status edit fail. */
  editsFail = false;

  async post(_target: unknown, message: OutgoingMessage, context: PostContext): Promise<{ messageId: string }> {
    if (this.failNext.delete(context.key)) throw new Error(`network error sending ${context.key}`);
    const id = `m${this.posts.length + 1}`;
    this.posts.push({ id, key: context.key, message });
    return { messageId: id };
  }

  async edit(_target: unknown, messageId: string, status: StatusLine): Promise<void> {
    if (this.editsFail) throw new Error("edit refused");
    this.edits.push({ messageId, status });
  }

  async findPosted(_target: unknown, context: PostContext): Promise<FindPosted> {
    if (this.lookupFails) return { outcome: "unknown" };
    const found = this.posts.find((post) => post.key === context.key);
    return found ? { outcome: "posted", messageId: found.id } : { outcome: "not_posted" };
  }

  /** How many times each key was sent. */
  sends(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const post of this.posts) counts[post.key] = (counts[post.key] ?? 0) + 1;
    return counts;
  }
}
