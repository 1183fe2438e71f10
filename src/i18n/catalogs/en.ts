/**
 * English: the reference catalog. Every other catalog has exactly these keys with the same
 * `{{placeholders}}` (plural forms as the language needs them: `_one`, `_many`, `_other`), which
 * `src/i18n/catalogs.test.ts` checks. The command table's texts (`commands.<name>.…`) are added
 * from `commands/table.ts`, their English source.
 */
import type { Catalog } from "./types.js";

export const en = {
  /** A run's status message, by the run's state. */
  status: {
    working: "Working on it…",
    retrying: "Something went wrong, retrying in a moment…",
    done: "Done.",
    stopped: "Stopped.",
    cancelled: "Cancelled.",
    failed: "Stopped.",
  },
  /** A running run's status line, by progress event, and its parts. */
  progress: {
    thinking: "Thinking…",
    thinking_long: "Thinking… ({{size}}k characters so far)",
    cell_running: "Running Python cell {{index}}…",
    cell_ran: "Ran Python cell {{index}}, thinking…",
    hint: "Double-checking with Python…",
    answer: "Found an answer, writing it up…",
    model_busy: "The model is busy, retrying (attempt {{attempt}})…",
    rendering: "Rendering formulas and figures…",
    cells_ran_one: "ran {{count}} Python cell",
    cells_ran_other: "ran {{count}} Python cells",
    elapsed: "{{seconds}} s",
  },
  /** Replies to actions on a run. */
  notices: {
    run_cancelled: "Cancelled.",
    retry_already_running: "Already on it.",
    feedback_saved: "Thanks for the feedback!",
  },
  /** The acknowledgement of a question, by mode. */
  modes: {
    solve: { ack: "Working on it — I'll post the solution step by step in this thread." },
    hint: { ack: "Let me think about a good first step…" },
    check: { ack: "Checking your answer…" },
    explain: { ack: "Working on an explanation…" },
  },
  buttons: {
    cancel: "Cancel",
    retry: "Retry",
    show_code: "Show code",
    hide_code: "Hide code",
    next_step: "Next step",
    reveal: "Reveal answer",
    helpful: "Helpful",
    not_helpful: "Not helpful",
    /** A step's greyed-out marker button when its code is shown inline. */
    step_of: "Step {{index}}/{{total}}",
    stale: "This button is no longer active.",
  },
  /** How a posted step is headed. */
  steps: {
    of: "Step {{index}} of {{total}} · {{title}}",
    of_short: "Step {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (continued)",
    code_of: "Step {{index}}",
    output: "Output:",
    no_code: "This step ran no code.",
    formula: "Formula {{index}}",
    figure: "Figure {{index}}",
  },
  /** The run's last message, by mode and reveal policy. */
  answer: {
    label: "Answer:",
    hint_done: "💡 That's your hint — try the next step yourself. Stuck? Ask for the **Next step**.",
    hint_done_slack: "That's how to start. Try the next step yourself, or ask for it with *Next step* above.",
    right: "Your answer is right.",
    wrong: "Not quite — look at the steps above and try again (the answer stays hidden).",
    wrong_slack: "Your answer does not match. Recheck the step named above.",
    undecided: "I could not decide whether your answer is right.",
    explained: "That's the whole explanation — mention me with a follow-up question if anything is unclear.",
    explained_slack: "That's the explanation. Reply in this thread if a step is unclear.",
    none: "I could not reach a final answer for this one.",
    none_slack: "No final answer this time.",
    ready: "**The final answer is ready** — try it yourself first, then reveal it.",
    ready_slack: "That's the whole solution. Reveal the final answer when you're ready to compare.",
    every_step: "**You have every step** — work out the final answer yourself.",
    whole_solution: "That's the whole solution.",
    fallback: "Final answer",
    fallback_explained: "That's the explanation.",
    fallback_none: "No final answer.",
  },
  /** Slack's first message of a slash command's thread. */
  thread: {
    asked: "<@{{user}}> asked:",
    asked_with: "<@{{user}}> asked with {{command}}:",
    question: "Question",
  },
  help: {
    intro: "**I'm a math and data tutor.** I solve problems step by step, running Python when it helps.",
    outro: {
      discord:
        "Mention me (or reply to me) in my thread to ask a follow-up about the same problem. Buttons under a run: " +
        "Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      slack:
        "Mention me in a channel to ask there, and reply in my thread to ask a follow-up about the same problem. " +
        "Buttons under a run: Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      web:
        "Drop a CSV (or another data file) on the form to work from data. Under a run: Next step · Show code · " +
        "Reveal answer · Cancel; 👍/👎 tells us how I did.",
    },
    /** How a message command is reached on Discord. */
    message_command: "*Apps → {{name}}* on any message",
  },
  /** What a surface calls a server or workspace. */
  space: { discord: "server", slack: "workspace", web: "site" },
} as const satisfies Catalog;
