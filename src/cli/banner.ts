/**
 * What `start` prints once everything is up: the page's URL first (the one thing a newcomer
 * needs), then what is and is not configured, each "off" line saying which variable turns it on.
 */

export interface BannerFacts {
  /** The web page's URL. */
  url: string;
  /** The model server, or null for the built-in demo model. */
  model: string | null;
  redis: { url: string; own: boolean; prefix?: string };
  /** Other platforms by name, with whether their credentials are set and what turns them on. */
  platforms: Array<{ name: string; on: boolean; howToTurnOn: string }>;
  /** True when the API needs a bearer token (bound beyond loopback, or WEB_TOKEN set). */
  tokenRequired: boolean;
  /** The worker's /healthz and /metrics port, or null when off. */
  opsPort: number | null;
}

export function formatBanner(facts: BannerFacts): string {
  const rows: Array<[string, string]> = [
    [
      "model",
      facts.model
        ? facts.model
        : "demo model (scripted answers only); for real answers: OPENAI_BASE_URL=http://gpu-host:8000/v1 npm start",
    ],
    [
      "redis",
      (facts.redis.own
        ? `own redis-server at ${facts.redis.url} (stopped with start)`
        : `${facts.redis.url} (already running)`) +
        (facts.redis.prefix ? `, queue prefix "${facts.redis.prefix}"` : ""),
    ],
    ...facts.platforms.map(({ name, on, howToTurnOn }): [string, string] => [name, on ? "on" : `off (${howToTurnOn})`]),
    ["web API", facts.tokenRequired ? "needs Authorization: Bearer $WEB_TOKEN" : "this machine only (127.0.0.1)"],
    ["metrics", facts.opsPort ? `/healthz and /metrics on :${facts.opsPort}` : "off (WORKER_HTTP_PORT=0)"],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    "",
    `start-tutor is running: open ${facts.url}/ in a browser`,
    "",
    ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    "",
    'Or ask from a terminal:  npx start-tutor ask --via-queue "What is the sum of the digits of 2^100?"',
    "Stop with Ctrl-C.",
    "",
    "",
  ].join("\n");
}
