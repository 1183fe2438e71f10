/**
 * Slack's Events API redelivers an event whose request did not get a 2xx (after about a minute,
 * then five): while Redis cannot take questions, answering 503 is how a mention or a thread reply
 * gets asked again later instead of being lost. Slash commands and buttons (form-encoded) pass
 * through: their listeners answer the student in words (`queue_unavailable`), since Slack shows a
 * failed command as an error and never retries it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function outageGate(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  available: () => boolean,
  retryAfterS: number,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const eventCallback = req.method === "POST" && (req.headers["content-type"] ?? "").startsWith("application/json");
    if (eventCallback && !available()) {
      req.resume();
      res
        .writeHead(503, { "retry-after": String(retryAfterS), "content-type": "text/plain" })
        .end("The queue is unavailable for a moment: please redeliver this event later.\n");
      return;
    }
    listener(req, res);
  };
}
