// The page's behaviour: asks through the HTTP API, follows a run's event stream (resuming with
// Last-Event-ID after a drop) and draws the thread: status, cells, steps with KaTeX, the answer.
// No framework and nothing from another origin; every string from the server becomes text nodes,
// except KaTeX's own output.
import { renderMarkdown, typeset, whenKatex } from "./markdown.js";

const $ = (id) => document.getElementById(id);
const HISTORY_KEY = "start-tutor:history";
const TOKEN_KEY = "start-tutor:token";
const HISTORY_MAX = 20;

const state = {
  /** The run shown in the thread. */
  runId: null,
  mode: "solve",
  /** Aborts the current event stream when another run is shown. */
  follow: null,
  showCode: false,
  vote: null,
  /** The answer message of the run, held here (not in the page) until Reveal is pressed. */
  answer: null,
};

// ---- API -------------------------------------------------------------------------------------

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...authHeaders(), ...(options.headers ?? {}) } });
  if (response.status === 401) {
    $("token-form").hidden = false;
    $("token").focus();
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? "internal",
      error.message ?? `The server answered ${response.status}.`,
    );
  }
  return body;
}

/**
 * Reads `text/event-stream` with fetch (EventSource cannot send the bearer token) and calls
 * `onEvent(type, data, id)` for each event. Reconnects with Last-Event-ID until `done` or abort.
 */
async function followEvents(runId, onEvent, signal) {
  let lastId = null;
  let delay = 250;
  while (!signal.aborted) {
    try {
      const headers = { ...authHeaders(), accept: "text/event-stream" };
      if (lastId) headers["last-event-id"] = lastId;
      const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/events`, { headers, signal });
      if (response.status === 404)
        return onEvent("failure", { code: "unknown_run", message: "This question is no longer stored." });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!frame) continue;
          if (frame.id) lastId = frame.id;
          delay = 250;
          onEvent(frame.type, frame.data, frame.id);
          if (frame.type === "done") return;
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      setStatus(`Connection lost, reconnecting… (${err.message})`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5_000);
  }
}

function parseFrame(text) {
  let type = "message";
  let id = null;
  const data = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  return { type, id, data: JSON.parse(data.join("\n")) };
}

// ---- The thread ------------------------------------------------------------------------------

function setStatus(text) {
  $("status").textContent = text;
}

function resetThread(question, mode) {
  $("thread").hidden = false;
  $("thread").dataset.state = "waiting";
  $("thread-title").textContent = question;
  $("steps").replaceChildren();
  $("cells").replaceChildren();
  $("answer").hidden = true;
  $("answer-body").hidden = true;
  $("answer-body").replaceChildren();
  state.answer = null;
  $("reveal").hidden = false;
  $("failure").hidden = true;
  $("cancel").hidden = false;
  $("next-step").hidden = true;
  $("show-code").hidden = mode === "check";
  setVote(null);
  setStatus("Sending…");
}

function cellBox(index) {
  let box = document.getElementById(`cell-${index}`);
  if (!box) {
    box = document.createElement("details");
    box.id = `cell-${index}`;
    box.className = "cell";
    box.open = true;
    const summary = document.createElement("summary");
    summary.textContent = `Python cell ${index}`;
    box.append(summary);
    $("cells").append(box);
  }
  return box;
}

function codeBlock(code, className) {
  const pre = document.createElement("pre");
  pre.className = className;
  const inner = document.createElement("code");
  inner.textContent = code;
  pre.append(inner);
  return pre;
}

function showCell(index, code) {
  const box = cellBox(index);
  if (!box.querySelector("pre.code")) box.append(codeBlock(code, "code"));
}

function showOutput(index, text, error) {
  const box = cellBox(index);
  if (!box.querySelector("pre.output"))
    box.append(codeBlock(text || "(no output)", error ? "output failed" : "output"));
}

function showStep(index, step) {
  if (document.getElementById(`step-${index}`)) return;
  // Once steps arrive they carry the cells; the live cells were only there while waiting.
  $("cells").replaceChildren();
  const item = document.createElement("li");
  item.id = `step-${index}`;
  item.className = "step";
  const title = document.createElement("h3");
  title.textContent = `${index + 1}. ${step.title}`;
  item.append(title);
  item.append(renderMarkdown(step.markdown ?? ""));
  for (const image of step.images ?? []) {
    // Formulas are typeset in the page; only plots are pictures here.
    if (typeof image !== "object" || image.kind !== "figure" || !image.url) continue;
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = image.url;
    img.alt = image.alt ?? "plot";
    img.loading = "lazy";
    if (image.width && image.height) {
      img.width = image.width;
      img.height = image.height;
    }
    figure.append(img);
    if (image.caption) {
      const caption = document.createElement("figcaption");
      caption.textContent = image.caption;
      figure.append(caption);
    }
    item.append(figure);
  }
  if (step.code) {
    const details = document.createElement("details");
    details.className = "step-code";
    details.open = state.showCode;
    const summary = document.createElement("summary");
    summary.textContent = "Python";
    details.append(summary, codeBlock(step.code, "code"));
    if (step.output) details.append(codeBlock(step.output, "output"));
    item.append(details);
  }
  // Steps may arrive out of order after a reconnect: keep them sorted by index.
  const later = [...$("steps").children].find((li) => Number(li.id.slice(5)) > index);
  $("steps").insertBefore(item, later ?? null);
}

/** The run's answer message: the verdict of a check at once; the answer itself waits for Reveal. */
function showAnswer(answer, correct, reveal, rendered) {
  if (correct !== undefined && !document.querySelector(".verdict")) {
    const verdict = document.createElement("p");
    verdict.className = correct ? "verdict right" : "verdict wrong";
    verdict.textContent = correct ? "Your answer is correct." : "Your answer is not correct yet.";
    $("steps").after(verdict);
  }
  // A check says right or wrong, nothing more; a space that never shows answers: not even behind Reveal.
  if (correct !== undefined || reveal === "never" || answer === null || answer === undefined) return;
  state.answer = { answer, rendered };
  $("answer").hidden = false;
}

/** Reveal: the answer, typeset like the steps (the rendered answer step, or the bare answer). */
function revealAnswer() {
  if (!state.answer) return;
  const { answer, rendered } = state.answer;
  const label = document.createElement("span");
  label.textContent = "Answer: ";
  let math;
  if (rendered) math = renderMarkdown(rendered.markdown);
  else {
    math = document.createElement("span");
    typeset(math, answer, false);
  }
  $("answer-body").replaceChildren(label, math);
  $("answer-body").hidden = false;
  $("reveal").hidden = true;
  $("answer-body").focus();
}

function showFailure(message) {
  $("failure").textContent = message;
  $("failure").hidden = false;
}

function finish(status) {
  $("thread").dataset.state = "done";
  $("cancel").hidden = true;
  if (status === "cancelled") setStatus("Cancelled.");
  else if (status === "ok") setStatus("Done.");
  else setStatus("Stopped.");
  if (state.mode === "hint" && status === "ok") $("next-step").hidden = false;
}

function onEvent(type, data) {
  // For the benchmark (and anyone profiling): submitted → first event drawn.
  if (performance.getEntriesByName("tutor-first-event").length === 0) performance.mark("tutor-first-event");
  if (type === "status") {
    if ($("thread").dataset.state !== "done") setStatus(data.text);
    $("thread").dataset.state = $("thread").dataset.state === "done" ? "done" : "running";
  } else if (type === "cell") showCell(data.index, data.code);
  else if (type === "output") showOutput(data.index, data.text, data.error);
  else if (type === "step") showStep(data.index, data.step);
  else if (type === "answer") showAnswer(data.answer, data.correct, data.reveal, data.rendered);
  else if (type === "failure") showFailure(data.message);
  else if (type === "done") finish(data.status);
}

function follow(runId) {
  state.follow?.abort();
  const controller = new AbortController();
  state.follow = controller;
  state.runId = runId;
  // Events are drawn in order, and math only once KaTeX is there.
  let drawn = Promise.resolve();
  followEvents(
    runId,
    (type, data) => {
      const draw = () => {
        if (!controller.signal.aborted) onEvent(type, data);
      };
      drawn = type === "step" || type === "answer" ? drawn.then(whenKatex).then(draw) : drawn.then(draw);
    },
    controller.signal,
  );
}

// ---- Asking ----------------------------------------------------------------------------------

const chosenFiles = [];

function renderFileList() {
  const list = $("file-list");
  list.replaceChildren(
    ...chosenFiles.map((file, i) => {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB) `;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove ${file.name}`);
      remove.addEventListener("click", (event) => {
        event.stopPropagation();
        chosenFiles.splice(i, 1);
        renderFileList();
      });
      item.append(remove);
      return item;
    }),
  );
}

function addFiles(files) {
  for (const file of files) chosenFiles.push(file);
  renderFileList();
}

async function ask(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  const mode = $("mode").value;
  const answer = $("student-answer").value.trim();
  $("form-error").textContent = "";
  $("submit").disabled = true;
  performance.clearMarks("tutor-first-event");
  performance.mark("tutor-submitted");
  whenKatex();
  try {
    let body;
    let headers = {};
    if (chosenFiles.length > 0) {
      body = new FormData();
      body.set("question", question);
      body.set("mode", mode);
      if (mode === "check") body.set("answer", answer);
      for (const file of chosenFiles) body.append("files", file, file.name);
    } else {
      headers = { "content-type": "application/json" };
      body = JSON.stringify({ question, mode, ...(mode === "check" ? { answer } : {}) });
    }
    state.mode = mode;
    resetThread(question || chosenFiles.map((f) => f.name).join(", "), mode);
    const { id, message } = await api("/api/ask", { method: "POST", headers, body });
    // The run's first event, already in the answer: no need to wait for the stream to say it.
    if (message) onEvent("status", { text: message });
    remember({ id, question: question || chosenFiles.map((f) => f.name).join(", "), mode, at: Date.now() });
    chosenFiles.length = 0;
    renderFileList();
    follow(id);
  } catch (err) {
    $("thread").hidden = true;
    $("form-error").textContent = err.message;
  } finally {
    $("submit").disabled = false;
  }
}

// ---- Actions ---------------------------------------------------------------------------------

function setVote(vote) {
  state.vote = vote;
  $("vote-up").setAttribute("aria-pressed", String(vote === "up"));
  $("vote-down").setAttribute("aria-pressed", String(vote === "down"));
}

async function vote(value) {
  if (!state.runId) return;
  try {
    await api(`/api/runs/${encodeURIComponent(state.runId)}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ vote: value }),
    });
    setVote(value);
  } catch (err) {
    showFailure(err.message);
  }
}

async function cancel() {
  if (!state.runId) return;
  try {
    await api(`/api/runs/${encodeURIComponent(state.runId)}/cancel`, { method: "POST" });
    setStatus("Cancelling…");
  } catch (err) {
    showFailure(err.message);
  }
}

async function nextStep() {
  if (!state.runId) return;
  const after = $("steps").children.length - 1;
  try {
    const reply = await api(`/api/runs/${encodeURIComponent(state.runId)}/next-step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ after }),
    });
    showStep(reply.index, reply.step);
    if (reply.last) $("next-step").hidden = true;
  } catch (err) {
    if (err.code === "no_more_steps") $("next-step").hidden = true;
    showFailure(err.message);
  }
}

function toggleCode() {
  state.showCode = !state.showCode;
  $("show-code").setAttribute("aria-pressed", String(state.showCode));
  $("show-code").textContent = state.showCode ? "Hide code" : "Show code";
  for (const details of document.querySelectorAll(".step-code")) details.open = state.showCode;
}

// ---- History (this browser only) -------------------------------------------------------------

function history() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function remember(entry) {
  const list = [entry, ...history().filter((e) => e.id !== entry.id)].slice(0, HISTORY_MAX);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
  renderHistory();
}

function renderHistory() {
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
      when.textContent = ` ${entry.mode} · ${new Date(entry.at).toLocaleString()}`;
      open.addEventListener("click", () => {
        state.mode = entry.mode;
        resetThread(entry.question, entry.mode);
        follow(entry.id);
      });
      item.append(open, when);
      return item;
    }),
  );
}

// ---- Wiring ----------------------------------------------------------------------------------

function wire() {
  $("ask").addEventListener("submit", ask);
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("ask").requestSubmit();
  });
  $("mode").addEventListener("change", () => {
    $("answer-row").hidden = $("mode").value !== "check";
  });
  $("reveal").addEventListener("click", revealAnswer);
  $("answer-body").tabIndex = -1;
  $("show-code").addEventListener("click", toggleCode);
  $("cancel").addEventListener("click", cancel);
  $("next-step").addEventListener("click", nextStep);
  $("vote-up").addEventListener("click", () => vote("up"));
  $("vote-down").addEventListener("click", () => vote("down"));

  const drop = $("drop");
  $("choose-files").addEventListener("click", () => $("files").click());
  $("files").addEventListener("change", () => {
    addFiles($("files").files);
    $("files").value = "";
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    addFiles(event.dataTransfer.files);
  });

  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value);
    $("token-form").hidden = true;
    loadInfo();
  });
}

async function loadInfo() {
  try {
    const info = await api("/api/info");
    $("demo").hidden = !info.demo;
    if (info.setupLine) $("demo-line").textContent = info.setupLine;
  } catch {
    // The token form (401) or the next request says what is wrong.
  }
}

wire();
renderHistory();
loadInfo();
document.body.dataset.ready = "true";
performance.mark("tutor-ready");
