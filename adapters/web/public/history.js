// The questions asked in this browser (localStorage), listed so a student can reopen one.
import { $ } from "./state.js";

const HISTORY_KEY = "start-tutor:history";
const HISTORY_MAX = 20;

function history() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export function remember(entry, onOpen) {
  const list = [entry, ...history().filter((e) => e.id !== entry.id)].slice(0, HISTORY_MAX);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
  renderHistory(onOpen);
}

export function renderHistory(onOpen) {
  const list = history();
  $("history-empty").hidden = list.length > 0;
  $("history").replaceChildren(
    ...list.map((entry) => {
      const item = document.createElement("li");
      const open = document.createElement("button");
      open.type = "button";
      open.className = "link";
      open.textContent = entry.question;
      const when = document.createElement("span");
      when.className = "help";
      // The mode as the form names it, in the page's language.
      const mode = document.querySelector(`#mode option[value="${entry.mode}"]`)?.textContent ?? entry.mode;
      when.textContent = ` ${mode} · ${new Date(entry.at).toLocaleString()}`;
      open.addEventListener("click", () => onOpen(entry));
      item.append(open, when);
      return item;
    }),
  );
}
