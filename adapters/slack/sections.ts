/**
 * Cuts mrkdwn into pieces that fit one section block (3000 characters). Cuts fall between
 * paragraphs, then between lines, and never inside a code block: a code block too long for one
 * section is closed and reopened at a line break, so every piece still renders as code.
 */

/** Slack's limit on a section block's text. */
export const MAX_SECTION_CHARS = 3000;

export function splitSections(mrkdwn: string, max = MAX_SECTION_CHARS): string[] {
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim()) pieces.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const unit of units(mrkdwn, max)) {
    const joined = current ? `${current}\n\n${unit}` : unit;
    if (joined.length <= max) current = joined;
    else {
      flush();
      current = unit;
    }
  }
  flush();
  return pieces;
}

/** Paragraphs and whole code blocks, each already at most `max` characters. */
function units(mrkdwn: string, max: number): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  let code: string[] | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) out.push(...fitLines(paragraph, max));
    paragraph = [];
  };
  for (const line of mrkdwn.split("\n")) {
    if (code) {
      if (line.trim() === "```") {
        out.push(...fitCode(code, max));
        code = null;
      } else code.push(line);
    } else if (line.trim().startsWith("```")) {
      endParagraph();
      code = [];
      const rest = line.trim().slice(3);
      if (rest.endsWith("```") && rest.length >= 3) {
        out.push(...fitCode([rest.slice(0, -3)], max));
        code = null;
      } else if (rest) code.push(rest);
    } else if (line.trim() === "") endParagraph();
    else paragraph.push(line);
  }
  if (code) out.push(...fitCode(code, max));
  endParagraph();
  return out;
}

/** Lines of one paragraph, packed into pieces of at most `max`; an overlong line is cut at spaces. */
function fitLines(lines: string[], max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const line of lines.flatMap((l) => cutLine(l, max))) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) current = joined;
    else {
      pieces.push(current);
      current = line;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function fitCode(lines: string[], max: number): string[] {
  const inner = max - "```\n\n```".length;
  return fitLines(lines, inner).map((body) => `\`\`\`\n${body}\n\`\`\``);
}

function cutLine(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(" ", max);
    let at = space > max / 2 ? space : max;
    // Never between the `&` and `;` of an escaped character.
    const amp = rest.lastIndexOf("&", at - 1);
    if (amp >= 0 && amp > at - 5 && !rest.slice(amp, at).includes(";")) at = amp;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, "");
  }
  out.push(rest);
  return out;
}
