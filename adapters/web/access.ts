/**
 * Who may call the HTTP API. On loopback (the default) the machine's own users are trusted, like
 * any local dev server; bound anywhere else, every `/api` call needs `Authorization: Bearer
 * $WEB_TOKEN`, and the server refuses to start without a token rather than serve the world.
 */
import { timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { ConfigError } from "../../src/config.js";

/**
 * The addresses that mean "this machine only" (the default is the first). Any other value of
 * WEB_HOST, even another 127.x address, is treated as serving others: the token rule is simple to
 * state and cannot be sidestepped by a forwarding rule on some loopback alias.
 */
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** The token the API demands, or null on loopback; throws when bound elsewhere without one. */
export function requiredToken(host: string, token: string | undefined): string | null {
  if (isLoopback(host)) return token ?? null;
  if (!token) {
    throw new ConfigError(
      `WEB_HOST=${host} serves the API beyond this machine: set WEB_TOKEN (16+ characters) so that ` +
        "every /api call needs `Authorization: Bearer $WEB_TOKEN`, or leave WEB_HOST unset for 127.0.0.1 only",
    );
  }
  return token;
}

/** Answers 401 (with the error shape every API error has) unless the bearer token matches. */
export function bearerAuth(token: string): RequestHandler {
  const expected = Buffer.from(token);
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7).trim() : "");
    // Constant-time comparison so the token cannot be guessed a character at a time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res
      .status(401)
      .set("www-authenticate", 'Bearer realm="start-tutor"')
      .json({ error: { code: "unauthorized", message: "This API needs `Authorization: Bearer <WEB_TOKEN>`." } });
  };
}
