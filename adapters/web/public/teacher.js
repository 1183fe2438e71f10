// The teacher page's behaviour: log in (the server keeps the session in an HttpOnly cookie), read
// the class report (./class-report.js), create assignments, list them and read each one's
// attempts. Every sentence is the catalogs' (tr), and text from the server is set as text.
import { loadSpaces } from "./class-report.js";
import { $, call, cell, el, show } from "./teacher-common.js";
import { tr } from "./texts.js";

const reportPath = (a) => `/teacher/api/assignments/${encodeURIComponent(a.space)}/${encodeURIComponent(a.id)}/report`;

async function showReport(assignment) {
  const report = await call(reportPath(assignment));
  $("report-title").textContent = tr("teacher.attempts_title", { title: report.assignment.title });
  $("csv").href = `${reportPath(assignment)}.csv`;
  const body = $("report-table").tBodies[0];
  body.replaceChildren();
  for (const problem of report.problems) {
    const row = body.insertRow();
    row.dataset.problem = String(problem.number);
    cell(row, problem.number);
    cell(row, problem.statement);
    cell(row, problem.students);
    cell(row, problem.attempts);
    cell(row, problem.solvedBy);
    cell(row, problem.wrong.map((g) => `${g.example} ×${g.count}`).join(", ") || "—");
  }
  $("report").hidden = false;
}

async function loadAssignments() {
  const { assignments } = await call("/teacher/api/assignments");
  const body = $("assignments").tBodies[0];
  body.replaceChildren();
  for (const assignment of assignments) {
    const row = body.insertRow();
    row.dataset.id = assignment.id;
    cell(row, assignment.title);
    cell(row, `${assignment.space} / ${assignment.channel}`);
    cell(row, assignment.due.replace("T", " ").replace(/:00\.000Z$/, ""));
    cell(row, assignment.problems.length);
    // Stored before the choice existed: released, as the tutor treats it.
    cell(row, tr(assignment.releaseSolutions === false ? "teacher.released_never" : "teacher.released_after"));
    const button = el("button", tr("teacher.show_report"), { type: "button", class: "link" });
    button.addEventListener("click", () => showReport(assignment).catch((err) => alert(err.message)));
    cell(row, "").append(button);
  }
  $("no-assignments").hidden = assignments.length > 0;
}

async function enter() {
  // The desk shows once it has its contents: never an empty list that is still loading.
  await Promise.all([loadSpaces(), loadAssignments()]);
  $("login").hidden = true;
  $("desk").hidden = false;
  document.body.dataset.ready = "true";
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await call("/teacher/login", { method: "POST", body: JSON.stringify({ token: $("token").value }) });
    show($("login-error"), "");
    $("token").value = "";
    await enter();
  } catch (err) {
    show($("login-error"), err.message);
  }
});

$("logout").addEventListener("click", async () => {
  await call("/teacher/logout", { method: "POST" });
  location.reload();
});

$("create-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  show($("create-error"), "");
  show($("create-done"), "");
  try {
    const { assignment } = await call("/teacher/api/assignments", {
      method: "POST",
      body: JSON.stringify(Object.fromEntries(form.entries())),
    });
    show($("create-done"), tr("teacher.created", { title: assignment.title, count: assignment.problems.length }));
    await loadAssignments();
  } catch (err) {
    show($("create-error"), err.message);
  }
});

// Already logged in (the cookie is still there): go straight to the desk.
call("/teacher/api/spaces").then(
  () => enter(),
  () => {
    document.body.dataset.ready = "true";
  },
);
