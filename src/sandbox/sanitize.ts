/**
 * Cell output made safe to show: what the sandbox prints reaches the model, a terminal and chat
 * platforms, so terminal escapes (colours, OSC titles and hyperlinks, cursor moves), other
 * control characters, bidi overrides (text that reads differently than it is) and broken UTF-16
 * are removed. One pass over the text, no regular expression: linear on any input.
 */

const ESC = 0x1b;
const BEL = 0x07;
/** Escapes whose payload runs until BEL or ESC \ (OSC, DCS, SOS, PM, APC). */
const STRING_INTRODUCERS = new Set([0x5d, 0x50, 0x58, 0x5e, 0x5f]);

function isBidiControl(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  );
}

/** Index just past a CSI sequence whose parameters start at `i` (stops early at anything foreign). */
function skipCsi(text: string, i: number): number {
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 0x40 && code <= 0x7e) return i + 1;
    if (code < 0x20 || code > 0x3f) return i;
    i++;
  }
  return i;
}

/** Index just past a string escape's terminator; a newline ends it too, so one cannot eat the rest. */
function skipString(text: string, i: number): number {
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === BEL || code === 0x9c) return i + 1;
    if (code === ESC) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
    if (code === 0x0a) return i;
    i++;
  }
  return i;
}

/** The text with escapes, control characters (but \n and \t) and bidi overrides removed. */
export function sanitizeOutput(text: string): string {
  const out: string[] = [];
  let clean = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let next = i + 1;
    let replacement = "";
    if (code === 0x0a || code === 0x09 || (code >= 0x20 && code < 0x7f)) {
      i++;
      continue;
    }
    if (code >= 0xa0 && code < 0xd800 && !isBidiControl(code)) {
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        i += 2;
        continue;
      }
      replacement = "\ufffd";
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      replacement = "\ufffd";
    } else if (code >= 0xe000 && !isBidiControl(code)) {
      i++;
      continue;
    } else if (code === 0x0d) {
      // A progress bar's carriage returns read best as lines; \r\n is one line end.
      if (text.charCodeAt(i + 1) !== 0x0a) replacement = "\n";
    } else if (code === ESC) {
      const kind = text.charCodeAt(i + 1);
      if (kind === 0x5b) next = skipCsi(text, i + 2);
      else if (STRING_INTRODUCERS.has(kind)) next = skipString(text, i + 2);
      else if (kind >= 0x20 && kind <= 0x7e) next = i + 2;
    } else if (code === 0x9b) {
      next = skipCsi(text, i + 1);
    } else if (code >= 0x80 && code <= 0x9f && STRING_INTRODUCERS.has(code - 0x40)) {
      next = skipString(text, i + 1);
    }
    // Everything else that reaches here (C0, DEL, C1, bidi controls) is dropped.
    out.push(text.slice(clean, i), replacement);
    i = next;
    clean = next;
  }
  if (clean === 0) return text;
  out.push(text.slice(clean));
  return out.join("");
}
