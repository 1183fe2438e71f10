/**
 * `start-tutor <command> --help`: one page per command, kept in one place so the wording of every
 * command's usage reads the same. The README's command table says the same things more briefly.
 */

export const HELP: Record<string, string> = {
  ask: `usage: start-tutor ask "<question>" [options]

One question through the whole pipeline (model, Python sandbox, steps, rendered formulas).

options:
  --json                     print one JSON object on stdout
  --mode solve|hint|check|explain
  --answer "<answer>"        the student's answer (needed by --mode check)
  --attach FILE              attach a file (repeatable); the question may then be ""
  --hints off|end|wait       when to nudge the model to use Python (default: START_HINTS)
  --max-hints N              hints per question
  --max-tool-calls N         Python executions per question (0 = none, and no hints)
  --via-queue                go through Redis and a running worker (npm start / start-tutor worker)
  --id ID                    job id for --via-queue (a repeated id shows that run's result)
  --out DIR                  write the result's images (PNG) to DIR
exit: 0 answered, 1 not answered (the output says why), 2 bad usage, 69 Redis or model unreachable`,
  sandbox: `usage: start-tutor sandbox [--json] [--timeout-ms N] [--attach FILE]... [--cells FILE.json] < code.py

Runs Python from stdin (or a JSON array of cells, one session) in the sandbox.
exit: 0 when the code ran (even if it raised: the error is printed), 69 when the sandbox cannot run`,
  render: `usage: start-tutor render "<latex>" --out FILE.png [--theme dark|light] [--inline]

One formula to PNG. A formula may start with a minus sign: render '-5+x' --out f.png
exit: 0 written, 2 invalid LaTeX or bad usage, 73 the file cannot be written`,
  grade: `usage: start-tutor grade "<candidate>" "<reference>" [--json]

Prints "equal" (exit 0) or "not equal" (exit 1).`,
  eval: `usage: start-tutor eval --data FILE.jsonl|math500|amc23|aime24 [--limit N] [--concurrency C]
                        [--out results.jsonl] [--json] [--compare]

Runs a benchmark against the configured model (OPENAI_BASE_URL, or START_DEMO=1 for the demo model)
and grades it; resumable with --out.`,
  worker: `usage: start-tutor worker [--concurrency N]

Runs queued questions until SIGTERM/SIGINT. /healthz and /metrics on WORKER_HTTP_HOST:WORKER_HTTP_PORT.
exit: 0 stopped, 1 Redis lost for WORKER_REDIS_DEAD_MS, 69 Redis unreachable at start`,
  start: `usage: start-tutor start

Everything that is configured, in one process (what npm start runs): the worker, a local
redis-server when none answers, and the scripted demo model when OPENAI_BASE_URL is not set.`,
  "fake-model": `usage: start-tutor fake-model [--port N] [--script FILE]

The scripted OpenAI-compatible server used by tests and demos.`,
  discord: `usage: start-tutor discord

The Discord receiver alone (slash commands, buttons, follow-ups); workers post the steps.
Needs DISCORD_TOKEN and DISCORD_APP_ID (see the README's Discord section).`,
  "register-commands": `usage: start-tutor register-commands [--guild ID]

Registers the Discord slash commands and "Solve with START", globally or in one server (instant),
and prints what was added, changed or removed.`,
  slack: `usage: start-tutor slack [--manifest [--url URL] [--socket]]

The Slack receiver alone: Socket Mode with SLACK_APP_TOKEN, else HTTP POST /slack/events on PORT.
--manifest prints the app manifest to install (HTTP mode with --url, or Socket Mode with --socket).`,
  web: `usage: start-tutor web

The web page and the HTTP API alone on WEB_HOST:PORT (127.0.0.1:3000 by default); questions run on
worker processes. Bound beyond loopback, every /api call needs Authorization: Bearer $WEB_TOKEN.`,
};
