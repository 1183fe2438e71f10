// The page's behaviour: asks through the HTTP API, follows a run's event stream (resuming with
// Last-Event-ID after a drop) and draws the thread: status, cells, steps with KaTeX, the answer.
// No framework and nothing from another origin; every string from the server becomes text nodes,
// except KaTeX's own output.
import { api, TOKEN_KEY } from "./api.js";
import { remember, renderHistory } from "./history.js";
import { whenKatex } from "./markdown.js";
import { $, state } from "./state.js";
import { tr } from "./texts.js";
import {
  follow,
  offerNext,
  onEvent,
  resetThread,
  revealAnswer,
  setStatus,
  setVote,
  showFailure,
  showStep,
  showWorkedSolution,
} from "./thread.js";

/** Shows a question from this browser's history again. */
function reopen(entry) {
  state.mode = entry.mode;
  resetThread(entry.question, entry.mode);
  follow(entry.id);
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
      remove.textContent = tr("web.remove");
      remove.setAttribute("aria-label", tr("web.remove_file", { name: file.name }));
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
  const work = $("student-work").value.trim();
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
      if (mode === "check" && work) body.set("work", work);
      for (const file of chosenFiles) body.append("files", file, file.name);
    } else {
      headers = { "content-type": "application/json" };
      body = JSON.stringify({ question, mode, ...(mode === "check" ? { answer, ...(work ? { work } : {}) } : {}) });
    }
    state.mode = mode;
    resetThread(question || chosenFiles.map((f) => f.name).join(", "), mode);
    const { id, message } = await api("/api/ask", { method: "POST", headers, body });
    // The run's first event, already in the answer: no need to wait for the stream to say it.
    if (message) onEvent("status", { text: message });
    remember({ id, question: question || chosenFiles.map((f) => f.name).join(", "), mode, at: Date.now() }, reopen);
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
    setStatus(tr("web.cancelling"));
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
    offerNext(reply.nextLabel);
  } catch (err) {
    if (err.code === "no_more_steps") $("next-step").hidden = true;
    showFailure(err.message);
  }
}

/** "See a worked solution": shown after the due date; before it, the server's sentence says when. */
async function workedSolution() {
  if (!state.runId) return;
  try {
    const reply = await api(`/api/runs/${encodeURIComponent(state.runId)}/reveal`, { method: "POST" });
    await whenKatex();
    showWorkedSolution(reply);
  } catch (err) {
    showFailure(err.message);
  }
}

function toggleCode() {
  state.showCode = !state.showCode;
  $("show-code").setAttribute("aria-pressed", String(state.showCode));
  $("show-code").textContent = state.showCode ? tr("buttons.hide_code") : tr("buttons.show_code");
  for (const details of document.querySelectorAll(".step-code")) details.open = state.showCode;
}

// ---- Wiring ----------------------------------------------------------------------------------

function wire() {
  $("ask").addEventListener("submit", ask);
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("ask").requestSubmit();
  });
  $("mode").addEventListener("change", () => {
    $("answer-row").hidden = $("mode").value !== "check";
    $("work-row").hidden = $("mode").value !== "check";
  });
  $("reveal").addEventListener("click", revealAnswer);
  $("answer-body").tabIndex = -1;
  $("show-code").addEventListener("click", toggleCode);
  $("cancel").addEventListener("click", cancel);
  $("next-step").addEventListener("click", nextStep);
  $("worked-solution").addEventListener("click", workedSolution);
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
renderHistory(reopen);
loadInfo();
document.body.dataset.ready = "true";
performance.mark("tutor-ready");
