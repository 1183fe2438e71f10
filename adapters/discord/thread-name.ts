/**
 * A thread is named after the question it answers (Discord allows 1–100 characters): the first
 * line, with Markdown and mentions stripped, cut at a word boundary with an ellipsis.
 */
export const THREAD_NAME_CHARS = 100;

export function threadName(question: string, fallback = "Question"): string {
  const line =
    question
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  const plain = line
    .replace(/<@[!&]?\d+>|<#\d+>/g, "")
    .replace(/[*_`~|>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!plain) return fallback;
  if (plain.length <= THREAD_NAME_CHARS) return plain;
  const cut = plain.slice(0, THREAD_NAME_CHARS - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > THREAD_NAME_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}
