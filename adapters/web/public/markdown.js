// The steps' Markdown with LaTeX, drawn as DOM nodes: paragraphs, headings, lists, fenced code,
// emphasis and inline code, with every `$…$`, `$$…$$`, `\(…\)` and `\[…\]` typeset by KaTeX
// (served by this server). Math is cut out before emphasis is looked for, so `a_1 * b_2` stays math.
// Text is only ever set as text; KaTeX's output is the one HTML that is inserted.

let katexLoading = null;

/**
 * Loads KaTeX (preloaded by the page) and then its copy-tex extension, so that copying typeset
 * math copies its LaTeX. Resolves once KaTeX is there, or failed to load (formulas then show as
 * LaTeX text). Called when a question is asked, so the page is interactive before KaTeX runs.
 */
export function whenKatex() {
  katexLoading ??= new Promise((resolve) => {
    const script = (src, onload) => {
      const element = document.createElement("script");
      element.src = src;
      element.addEventListener("load", onload, { once: true });
      element.addEventListener("error", () => resolve(), { once: true });
      document.head.append(element);
    };
    script("/vendor/katex/katex.min.js", () => {
      script("/vendor/katex/contrib/copy-tex.min.js", () => {});
      resolve();
    });
  });
  return katexLoading;
}

/** Typesets `latex` into `element`; without KaTeX (or on a parse error) the LaTeX shows as text. */
export function typeset(element, latex, display) {
  element.classList.add("math");
  element.dataset.latex = latex;
  const katex = globalThis.katex;
  if (!katex) {
    element.textContent = display ? `\\[${latex}\\]` : `\\(${latex}\\)`;
    return;
  }
  try {
    katex.render(latex, element, {
      displayMode: display,
      throwOnError: true,
      output: "htmlAndMathml",
      strict: "ignore",
    });
  } catch {
    element.classList.add("math-error");
    element.textContent = latex;
    element.title = "This formula could not be typeset";
  }
}

/** Block structure: fenced code, display math on its own lines, headings, lists, paragraphs. */
export function renderMarkdown(markdown) {
  const fragment = document.createDocumentFragment();
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let paragraph = [];
  let list = null;

  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const p = document.createElement("p");
    appendInline(p, paragraph.join("\n"));
    fragment.append(p);
    paragraph = [];
  };
  const flushList = () => {
    if (list) fragment.append(list);
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      flushParagraph();
      flushList();
      const body = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) body.push(lines[i]);
      const pre = document.createElement("pre");
      pre.className = "code";
      const code = document.createElement("code");
      code.textContent = body.join("\n");
      pre.append(code);
      fragment.append(pre);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    const item = line.match(/^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/);
    if (line.trim() === "") {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      const h = document.createElement(`h${Math.min(6, heading[1].length + 3)}`);
      appendInline(h, heading[2]);
      fragment.append(h);
    } else if (item && !isDisplayStart(line)) {
      flushParagraph();
      const ordered = item[1] !== undefined;
      if (!list || (list.tagName === "OL") !== ordered) {
        flushList();
        list = document.createElement(ordered ? "ol" : "ul");
        if (ordered && item[1] !== "1") list.start = Number(item[1]);
      }
      const li = document.createElement("li");
      appendInline(li, item[2]);
      list.append(li);
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.lastElementChild?.append(" ");
      appendInline(list.lastElementChild, line.trim());
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return fragment;
}

function isDisplayStart(line) {
  return /^\s*(\$\$|\\\[)/.test(line);
}

// Longest delimiters first, so `$$` is not read as two empty `$…$`.
const MATH = [
  { open: "$$", close: "$$", display: true },
  { open: "\\[", close: "\\]", display: true },
  { open: "\\(", close: "\\)", display: false },
  { open: "$", close: "$", display: false },
];

/** Inline content: math and code spans first, then emphasis in what is left. */
export function appendInline(parent, text) {
  let plain = "";
  const flush = () => {
    if (plain) appendEmphasis(parent, plain);
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\\" && text[i + 1] === "$") {
      plain += "$";
      i += 2;
      continue;
    }
    if (text[i] === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i) {
        flush();
        const code = document.createElement("code");
        code.textContent = text.slice(i + 1, end);
        parent.append(code);
        i = end + 1;
        continue;
      }
    }
    const math = MATH.find((m) => text.startsWith(m.open, i));
    if (math) {
      const end = closingIndex(text, i + math.open.length, math);
      if (end > 0) {
        flush();
        const span = document.createElement("span");
        typeset(span, text.slice(i + math.open.length, end).trim(), math.display);
        parent.append(span);
        i = end + math.close.length;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  flush();
}

function closingIndex(text, from, math) {
  if (math.open !== "$") return text.indexOf(math.close, from);
  // Inline `$…$` as Pandoc reads it: no space inside either end, the closing `$` not followed by
  // a digit (so `$5 and $6` stay prices), and never across a blank line or into a code span.
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if ((text[j] === "\n" && text[j + 1] === "\n") || text[j] === "`") return -1;
    if (text[j] === "$")
      return j > from && text[j - 1] !== " " && text[from] !== " " && !/\d/.test(text[j + 1] ?? "") ? j : -1;
  }
  return -1;
}

function appendEmphasis(parent, text) {
  const pattern = /\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<![\w])_(?!\s)(.+?)_(?![\w])/gs;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parent.append(text.slice(last, match.index));
    const strong = match[1] ?? match[2];
    const element = document.createElement(strong !== undefined ? "strong" : "em");
    element.textContent = strong ?? match[3] ?? match[4];
    parent.append(element);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}
