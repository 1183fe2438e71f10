// The teacher page's behaviour: log in (the server keeps the session in an HttpOnly cookie), create
// assignments, list them, show a report and link its CSV. Text from the server is set as text, never as HTML.

const $ = (id) => document.getElementById(id);

async function call(path, init = {}) {
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

function show(element, text) {
  element.textContent = text;
  element.hidden = text === "";
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = String(text);
  row.append(td);
  return td;
}

const reportPath = (a) => `/teacher/api/assignments/${encodeURIComponent(a.space)}/${encodeURIComponent(a.id)}/report`;

async function showReport(assignment) {
  const report = await call(reportPath(assignment));
  $("report-title").textContent = `Report: ${report.assignment.title}`;
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
    cell(row, assignment.releaseSolutions === false ? "never" : "after the due date");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = "Report";
    button.addEventListener("click", () => showReport(assignment).catch((err) => alert(err.message)));
    cell(row, "").append(button);
  }
  $("no-assignments").hidden = assignments.length > 0;
}

async function enter() {
  $("login").hidden = true;
  $("desk").hidden = false;
  await loadAssignments();
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
    show($("create-done"), `Created “${assignment.title}” with ${assignment.problems.length} problem(s).`);
    await loadAssignments();
  } catch (err) {
    show($("create-error"), err.message);
  }
});

// Already logged in (the cookie is still there): go straight to the desk.
call("/teacher/api/assignments").then(
  () => enter(),
  () => {
    document.body.dataset.ready = "true";
  },
);
