/** Cleaning and checking what a user typed before any model time is spent on it. */

export type QuestionCheck =
  | { ok: true; text: string }
  | { ok: false; code: "empty_question" | "question_too_long"; message: string };

/** Removes control characters (keeping newlines and tabs), normalises line ends, trims. */
export function cleanQuestion(raw: string): string {
  return (
    raw
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, "")
      .trim()
  );
}

export function checkQuestion(raw: string, maxChars: number): QuestionCheck {
  const text = cleanQuestion(raw);
  if (text.length === 0) {
    return { ok: false, code: "empty_question", message: "The question is empty: type a problem after the command." };
  }
  if (text.length > maxChars) {
    return {
      ok: false,
      code: "question_too_long",
      message:
        `The question is ${text.length.toLocaleString("en-US")} characters long; the limit is ` +
        `${maxChars.toLocaleString("en-US")}. Shorten it, or attach long data as a file.`,
    };
  }
  return { ok: true, text };
}
