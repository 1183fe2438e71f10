/**
 * Does a cell's program itself state the answer? Code is a program, not a statement: the `2` in
 * `2 * np.pi` or the `2π` in a plot's title is a constant, not the count. A program states the
 * answer when a comment or a string says it (`# there are 2 crossings`, `plt.title('2 crossings')`)
 * or when it sets or prints the answer as a literal (`answer = 24`, `print(24)`). Such a cell
 * cannot be shown before Reveal even with its output hidden.
 */
/** Comments and string literals (single or double quoted, one line). */
const WORDS = /#(.*)$|'([^'\n]*)'|"([^"\n]*)"/gm;
/** A literal standing alone as a value: assigned, printed or returned whole. */
const LITERAL = /(?:(?<![=!<>])=(?!=)|\bprint\(|\breturn\s)\s*(-?\d+(?:\.\d+)?(?:\s*\/\s*\d+)?)\s*(?=$|[)#;])/gm;
/** A number written against a letter or π is a coefficient (`2π`, `3x`), not a value on its own. */
const COEFFICIENT = /\d+(?:\.\d+)?(?=π|\\pi|[A-Za-z])/g;

/** True when the program states the answer, as `states` reads text that would state it. */
export function codeStatesAnswer(code: string, states: (text: string) => boolean): boolean {
  for (const m of code.matchAll(WORDS)) {
    const words = (m[1] ?? m[2] ?? m[3] ?? "").replace(COEFFICIENT, "k");
    if (states(words)) return true;
  }
  return [...code.matchAll(LITERAL)].some((m) => states(m[1]!));
}
