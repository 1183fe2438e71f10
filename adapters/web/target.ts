/**
 * The web platform's reply target. The page and API clients follow a run by its job id, so the
 * target needs nothing else; the parse still checks the platform, as every adapter's does.
 */
import type { ReplyTarget, TargetParse } from "../types.js";

export interface WebTarget extends ReplyTarget {
  platform: "web";
}

export function parseWebTarget(raw: ReplyTarget): TargetParse<WebTarget> {
  return raw.platform === "web"
    ? { ok: true, target: { platform: "web" } }
    : { ok: false, problem: "not a web target" };
}
