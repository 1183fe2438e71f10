/** The help text every platform shows for `/help` (or a bare mention), with its own command prefix. */

export function helpText(prefix = "/"): string {
  const c = (name: string) => `\`${prefix}${name}\``;
  return [
    "**I'm a math and data tutor.** I solve problems step by step, running Python when it helps.",
    "",
    `• ${c("ask")} *question* — the full solution, one step per message (attach a CSV or other data file if you like; a file alone is fine)`,
    `• ${c("hint")} *question* — only how to start; ask for the next step when you're ready`,
    `• ${c("check")} *question* answer: *your answer* — tells you whether your answer is right, without giving the solution away`,
    `• ${c("explain")} *topic* — a step-by-step explanation of a concept`,
    `• ${c("settings")} — how this server shows answers, hourly limits and where I answer (admins can change them)`,
    "",
    "Reply in my thread to ask a follow-up about the same problem. Buttons under a run: Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
  ].join("\n");
}
