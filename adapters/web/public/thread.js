// The thread on screen: status, live Python cells (code only, outputs come with the steps), steps typeset with KaTeX, the answer held
// back until Reveal, failures, and following a run's event stream in order.
import { followEvents } from "./api.js";
import { renderMarkdown, typeset, whenKatex } from "./markdown.js";
import { $, state } from "./state.js";
import { tr } from "./texts.js";

export function setStatus(text) {
  $("status").textContent = text;
}

export function resetThread(question, mode) {
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
  $("worked-solution").hidden = true;
  $("show-code").hidden = mode === "check";
  setVote(null);
  setStatus(tr("web.sending"));
}

function cellBox(index) {
  let box = document.getElementById(`cell-${index}`);
  if (!box) {
    box = document.createElement("details");
    box.id = `cell-${index}`;
    box.className = "cell";
    box.open = true;
    const summary = document.createElement("summary");
    summary.textContent = tr("web.python_cell", { index });
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

// A live cell's output is not streamed: it may state the answer, which the final pass decides.
function showRan(index) {
  const box = cellBox(index);
  if (box.querySelector(".cell-ran")) return;
  const note = document.createElement("p");
  note.className = "cell-ran";
  note.textContent = tr("web.output_later");
  box.append(note);
}

export function showStep(index, step) {
  if (document.getElementById(`step-${index}`)) return;
  // Once steps arrive they carry the cells; the live cells were only there while waiting.
  $("cells").replaceChildren();
  const item = document.createElement("li");
  item.id = `step-${index}`;
  item.className = "step";
  const title = document.createElement("h3");
  // A ladder's rungs and a check's verdict carry their own label ("Hint 2", "Check"), not a number.
  title.textContent = step.label ? `${step.label} · ${step.title}` : `${index + 1}. ${step.title}`;
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
      // Plots are drawn at twice their size, for sharp pixels on high-density screens.
      img.width = Math.round(image.width / 2);
      img.height = Math.round(image.height / 2);
    }
    // The plot in the page's theme: the browser picks by prefers-color-scheme, also when it changes.
    const other = image.otherTheme;
    if (other?.url && (other.theme === "dark" || other.theme === "light")) {
      const picture = document.createElement("picture");
      const source = document.createElement("source");
      source.srcset = other.url;
      source.media = `(prefers-color-scheme: ${other.theme})`;
      picture.append(source, img);
      figure.append(picture);
    } else figure.append(img);
    if (image.caption) {
      const caption = document.createElement("figcaption");
      caption.textContent = image.caption;
      figure.append(caption);
    }
    item.append(figure);
  }
  // A step's cell, as it ran; an output that states the answer waits for Reveal, which shows it alone.
  if (step.code || step.output) {
    const details = document.createElement("details");
    details.className = "step-code";
    details.open = state.showCode;
    const summary = document.createElement("summary");
    summary.textContent = "Python";
    details.append(summary);
    if (step.code) details.append(codeBlock(step.code, "code"));
    if (step.output) details.append(codeBlock(step.output, "output"));
    if (step.outputHidden) {
      const note = document.createElement("p");
      note.className = "output-hidden";
      note.textContent = tr("steps.output_hidden");
      details.append(note);
    }
    item.append(details);
  }
  // Steps may arrive out of order after a reconnect: keep them sorted by index.
  const later = [...$("steps").children].find((li) => Number(li.id.slice(5)) > index);
  $("steps").insertBefore(item, later ?? null);
}

/** The "next" button, named for what it hands out (the server's label), or hidden when nothing is left. */
export function offerNext(label) {
  $("next-step").hidden = !label;
  if (label) $("next-step").textContent = label;
}

/** The run's answer message: the verdict of a check at once; the answer itself waits for Reveal. */
function showAnswer(answer, correct, reveal, rendered, withheld, nextLabel, release) {
  offerNext(nextLabel);
  // An assignment problem's worked solution: the server hands it out from the due date on.
  $("worked-solution").hidden = !release;
  // The live cells were there while the run worked; the one that computed the answer waits for Reveal.
  $("cells").replaceChildren();
  if (correct !== undefined && !document.querySelector(".verdict")) {
    const verdict = document.createElement("p");
    verdict.className = correct ? "verdict right" : "verdict wrong";
    verdict.textContent = correct ? tr("web.correct") : tr("web.not_correct");
    $("steps").after(verdict);
  }
  // A check says right or wrong, nothing more; a space that never shows answers: not even behind Reveal.
  if (correct !== undefined || reveal === "never" || answer === null || answer === undefined) return;
  state.answer = { answer, rendered, withheld: withheld ?? [] };
  $("answer").hidden = false;
}

/**
 * Reveal: the steps withheld because they state or compute the answer (numbered after those
 * shown), then the answer, typeset like the steps (the rendered answer step, or the bare answer).
 */
export function revealAnswer() {
  if (!state.answer) return;
  const { answer, rendered, withheld } = state.answer;
  const shown = $("steps").children.length;
  for (const [i, step] of withheld.entries()) showStep(shown + i, step);
  const label = document.createElement("span");
  label.textContent = `${tr("answer.label")} `;
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

/** A released worked solution: its steps after those shown, then the assignment's answer. */
export function showWorkedSolution(reply) {
  $("worked-solution").hidden = true;
  $("failure").hidden = true;
  state.answer = { answer: reply.answer, rendered: undefined, withheld: reply.steps.map((s) => s.step) };
  $("answer").hidden = false;
  revealAnswer();
}

export function showFailure(message) {
  $("failure").textContent = message;
  $("failure").hidden = false;
}

function finish(status) {
  $("thread").dataset.state = "done";
  $("cancel").hidden = true;
  if (status === "cancelled") setStatus(tr("status.cancelled"));
  else if (status === "ok") setStatus(tr("status.done"));
  else setStatus(tr("status.stopped"));
}

export function onEvent(type, data) {
  // For the benchmark (and anyone profiling): submitted → first event drawn.
  if (performance.getEntriesByName("tutor-first-event").length === 0) performance.mark("tutor-first-event");
  if (type === "status") {
    if ($("thread").dataset.state !== "done") setStatus(data.text);
    $("thread").dataset.state = $("thread").dataset.state === "done" ? "done" : "running";
  } else if (type === "cell") showCell(data.index, data.code);
  else if (type === "output") showRan(data.index);
  else if (type === "step") showStep(data.index, data.step);
  else if (type === "answer")
    showAnswer(data.answer, data.correct, data.reveal, data.rendered, data.withheld, data.nextLabel, data.release);
  else if (type === "failure") showFailure(data.message);
  else if (type === "done") finish(data.status);
}

export function follow(runId) {
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
    setStatus,
  );
}

export function setVote(vote) {
  state.vote = vote;
  $("vote-up").setAttribute("aria-pressed", String(vote === "up"));
  $("vote-down").setAttribute("aria-pressed", String(vote === "down"));
}
