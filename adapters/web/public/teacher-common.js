// The teacher page's plumbing: its fetch (errors as the server's sentence) and DOM helpers that
// set text, never HTML.

export const $ = (id) => document.getElementById(id);

export async function call(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: init.body ? { "content-type": "application/json" } : {},
    credentials: "same-origin",
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.error?.message ?? `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

export function show(element, text) {
  element.textContent = text;
  element.hidden = text === "";
}

/** An element with text (never HTML) and attributes. */
export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function cell(row, text) {
  const td = el("td", text);
  row.append(td);
  return td;
}
