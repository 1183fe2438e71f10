/** Errors a caller can tell apart: bad LaTeX (the parser's message) and input over the size limits. */

/** The TeX parser rejected the formula; `message` is the parser's own words. */
export class LatexError extends Error {
  override name = "LatexError";
  constructor(
    message: string,
    /** MathJax's error id, e.g. `UndefinedControlSequence`. */
    readonly id = "TexError",
  ) {
    super(message);
  }
}

/** Refused before rendering: too long, too many rows, or a picture too large to be useful. */
export class FormulaTooLargeError extends Error {
  override name = "FormulaTooLargeError";
}

/** Rendering did not finish in time (the worker running it was replaced). */
export class RenderTimeoutError extends Error {
  override name = "RenderTimeoutError";
}

/** Rebuilds a typed error from its name and message (errors cross worker boundaries as plain data). */
export function errorFromData(data: { name: string; message: string; id?: string }): Error {
  if (data.name === "LatexError") return new LatexError(data.message, data.id);
  if (data.name === "FormulaTooLargeError") return new FormulaTooLargeError(data.message);
  if (data.name === "RenderTimeoutError") return new RenderTimeoutError(data.message);
  const err = new Error(data.message);
  err.name = data.name;
  return err;
}

export function errorToData(err: unknown): { name: string; message: string; id?: string } {
  if (err instanceof LatexError) return { name: err.name, message: err.message, id: err.id };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: "Error", message: String(err) };
}
