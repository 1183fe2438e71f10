// The class report on the teacher page: the spaces the token may read and a channel picker, then
// the report /report gives (the server's JSON of the same builder) as cards — the figures, a table
// per student, the grader's groups of wrong answers — and the link to the same CSV.
import { $, call, cell, el, show } from "./teacher-common.js";
import { tr } from "./texts.js";

const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
const EVERY = "*";

const spaceLabel = (space) => tr(`teacher.kinds.${space.kind}`, { id: space.name });
/** A channel as its people call it (`#homework`); by its id only where no platform said its name. */
const channelLabel = (channel, name) =>
  channel ? tr("teacher.channel_named", { channel: name || channel }) : tr("teacher.no_channel");
/** The names the records gave the space's channels (id → name). */
let channelNames = new Map();
const reportQuery = (space, channel) =>
  `space=${encodeURIComponent(space)}${channel === EVERY ? "" : `&channel=${encodeURIComponent(channel)}`}`;

/** A labelled figure of a section: the label, the value, and a finer line under it. */
function stat(list, name, label, value, detail) {
  const wrap = el("div", null, { class: "stat", "data-stat": name });
  wrap.append(el("dt", label), el("dd", value));
  if (detail) wrap.append(el("dd", detail, { class: "help" }));
  list.append(wrap);
}

function figures(totals, students) {
  const list = el("dl", null, { class: "stats" });
  stat(
    list,
    "questions",
    tr("teacher.questions"),
    tr("teacher.questions_value", {
      questions: totals.questions,
      students: tr("counts.students", { count: students }),
    }),
    totals.byMode ? tr("teacher.modes", totals.byMode) : "",
  );
  stat(
    list,
    "hints",
    tr("teacher.hints"),
    tr("teacher.hints_value", {
      steps: tr("counts.steps_shown", { count: totals.hintSteps }),
      deepest: totals.maxHintDepth,
    }),
  );
  stat(
    list,
    "checks",
    tr("teacher.checks"),
    tr("teacher.checks_value", {
      checks: tr("counts.attempts", { count: totals.checks }),
      right: totals.right,
      wrong: totals.wrong,
    }),
  );
  stat(list, "feedback", tr("teacher.feedback"), `👍 ${totals.up} · 👎 ${totals.down}`);
  stat(
    list,
    "cost",
    tr("teacher.cost"),
    tr("teacher.cost_value", { tokens: numbers.format(totals.tokens), seconds: totals.sandboxS.toFixed(1) }),
  );
  return list;
}

function studentsTable(section) {
  const table = el("table", null, { class: "teacher-table by-whom" });
  table.append(el("caption", tr("teacher.by_whom")));
  const head = table.createTHead().insertRow();
  for (const label of [
    tr("teacher.student"),
    tr("teacher.questions"),
    tr("teacher.hint_steps"),
    tr("teacher.checks"),
    tr("teacher.right_wrong"),
    "👍 / 👎",
    tr("teacher.tokens"),
  ]) {
    head.append(el("th", label, { scope: "col" }));
  }
  const body = table.createTBody();
  for (const line of section.perStudent) {
    const row = body.insertRow();
    row.dataset.student = line.student;
    row.append(el("th", line.student, { scope: "row" }));
    cell(row, line.questions);
    cell(row, line.hintSteps);
    cell(row, line.checks);
    cell(row, `${line.right} / ${line.wrong}`);
    cell(row, `${line.up} / ${line.down}`);
    cell(row, numbers.format(line.tokens));
  }
  const wrap = el("div", null, { class: "scroll" });
  wrap.append(table);
  return wrap;
}

function wrongAnswers(section) {
  const wrap = el("div", null, { class: "wrong" });
  wrap.append(el("h4", tr("teacher.wrong_title")));
  if (section.wrongAnswers.length === 0) {
    wrap.append(el("p", tr("teacher.wrong_none"), { class: "help" }));
    return wrap;
  }
  const list = el("ol");
  for (const group of section.wrongAnswers) {
    const item = el("li", null, { "data-group": String(group.group) });
    const answers = el("p", null, { class: "answers" });
    group.answers.forEach((answer, i) => {
      if (i > 0) answers.append(" · ");
      answers.append(el("code", answer));
    });
    item.append(
      answers,
      el(
        "p",
        tr("teacher.wrong_count", {
          attempts: tr("counts.attempts", { count: group.count }),
          students: tr("counts.students", { count: group.students }),
        }),
        { class: "count" },
      ),
      el("p", tr("teacher.wrong_question", { question: group.question }), { class: "help" }),
      el(
        "p",
        group.example.work
          ? tr("teacher.example", { answer: group.example.answer, work: group.example.work })
          : tr("teacher.example_bare", { answer: group.example.answer }),
        { class: "example" },
      ),
    );
    list.append(item);
  }
  wrap.append(list);
  return wrap;
}

function sectionCard(section) {
  const card = el("article", null, { class: "card", "data-channel": section.channel });
  if (section.assignment) card.dataset.assignment = section.assignment;
  const heading = [channelLabel(section.channel, section.channelName)];
  if (section.assignment) heading.push(tr("teacher.assignment", { assignment: section.assignment }));
  card.append(el("h3", heading.join(" · ")), figures(section.totals, section.students));
  card.append(studentsTable(section), wrongAnswers(section));
  return card;
}

let spaces = [];

async function showClassReport() {
  const space = $("space-pick").value;
  const channel = $("channel-pick").value;
  const query = reportQuery(space, channel);
  const { report } = await call(`/teacher/api/report?${query}`);
  const target = $("class-report");
  target.replaceChildren();
  $("class-csv").href = `/teacher/api/report.csv?${query}`;
  const chosen = spaces.find((s) => s.id === space);
  const where =
    channel === EVERY
      ? spaceLabel(chosen ?? { name: space, kind: "other" })
      : channelLabel(channel, channelNames.get(channel));
  show($("class-empty"), report.sections.length === 0 ? tr("teacher.empty", { where }) : "");
  $("class-csv").hidden = report.sections.length === 0;
  if (report.sections.length > 0 && channel === EVERY) {
    const all = el("article", null, { class: "card totals", "data-totals": "" });
    all.append(el("h3", tr("teacher.in_all")), figures(report.totals, report.totals.students));
    target.append(all);
  }
  for (const section of report.sections) target.append(sectionCard(section));
  // What the page shows now (a test waits for it after picking).
  $("class").dataset.shown = `${space}|${channel}`;
}

/** The channel picker of the chosen space: every channel, then each channel with records. */
async function pickSpace() {
  const space = $("space-pick").value;
  const { report } = await call(`/teacher/api/report?${reportQuery(space, EVERY)}`);
  const picker = $("channel-pick");
  picker.replaceChildren(el("option", tr("teacher.every_channel"), { value: EVERY }));
  channelNames = new Map();
  for (const s of report.sections) channelNames.set(s.channel, s.channelName || channelNames.get(s.channel));
  for (const [channel, name] of channelNames) {
    picker.append(el("option", channelLabel(channel, name), { value: channel }));
  }
  await showClassReport();
}

export async function loadSpaces() {
  const listed = await call("/teacher/api/spaces");
  spaces = listed.spaces;
  const picker = $("space-pick");
  picker.replaceChildren(...spaces.map((space) => el("option", spaceLabel(space), { value: space.id })));
  $("scope").textContent = listed.restricted
    ? tr("teacher.scope_some", { list: spaces.map(spaceLabel).join(", ") })
    : tr("teacher.scope_all");
  $("names").textContent = listed.realNames ? tr("teacher.real_names") : tr("teacher.pseudonyms");
  // The first space is shown at once; the picker switches.
  if (spaces.length > 0) await pickSpace();
}

$("space-pick").addEventListener("change", () => pickSpace().catch((err) => alert(err.message)));
$("channel-pick").addEventListener("change", () => showClassReport().catch((err) => alert(err.message)));
