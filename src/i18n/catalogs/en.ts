/**
 * English: the reference catalog. Every other catalog has exactly these keys with the same
 * `{{placeholders}}` (plural forms as the language needs them: `_one`, `_many`, `_other`), which
 * `src/i18n/catalogs.test.ts` checks. The command table's texts (`commands.<name>.…`) are added
 * from `commands/table.ts`, their English source.
 */
import type { Catalog } from "./types.js";

export const en = {
  /** A run's status message, by the run's state. */
  status: {
    working: "Working on it…",
    retrying: "Something went wrong, retrying in a moment…",
    done: "Done.",
    stopped: "Stopped.",
    cancelled: "Cancelled.",
    failed: "Stopped.",
  },
  /** A running run's status line, by progress event, and its parts. */
  progress: {
    thinking: "Thinking…",
    thinking_long: "Thinking… ({{size}}k characters so far)",
    cell_running: "Running Python cell {{index}}…",
    cell_ran: "Ran Python cell {{index}}, thinking…",
    hint: "Double-checking with Python…",
    answer: "Found an answer, writing it up…",
    model_busy: "The model is busy, retrying (attempt {{attempt}})…",
    rendering: "Rendering formulas and figures…",
    cells_ran_one: "ran {{count}} Python cell",
    cells_ran_other: "ran {{count}} Python cells",
    elapsed: "{{seconds}} s",
  },
  /** Replies to actions on a run. */
  notices: {
    parent_done: "✅ Done — the solution is in {{name}}.",
    parent_private: "✅ Done — the result is shown only to the student who asked.",
    parent_stopped: "⏹️ Stopped without an answer — see {{name}}.",
    parent_cancelled: "⏹️ Stopped before an answer — Retry is in {{name}}.",
    the_thread: "the thread",
    /** Where a run went when no thread could be opened (Discord). */
    below: "the messages below",
    run_cancelled: "Cancelled.",
    retry_already_running: "Already on it.",
    feedback_saved: "Thanks for the feedback!",
  },
  /** The acknowledgement of a question, by mode. */
  modes: {
    solve: { ack: "Working on it — I'll post the solution step by step in this thread." },
    hint: { ack: "Let me think about a good first step…" },
    check: { ack: "Checking your answer…" },
    explain: { ack: "Working on an explanation…" },
  },
  /** Around a question's acknowledgement. */
  ask: {
    in_dms: "{{ack}} I'll answer in your DMs.",
    your_question: "Your question",
    attached_file: "(the attached file)",
    thread_about: "About {{file}}",
    thread_question: "Question",
  },
  buttons: {
    cancel: "Cancel",
    retry: "Retry",
    show_code: "Show code",
    hide_code: "Hide code",
    next_step: "Next step",
    next_hint: "Another hint",
    next_solution: "See a worked solution",
    reveal: "Reveal answer",
    helpful: "Helpful",
    not_helpful: "Not helpful",
    /** A step's greyed-out marker button when its code is shown inline. */
    step_of: "Step {{index}}/{{total}}",
    stale: "This button is no longer active.",
    /** Slack: shows a /check verdict only its student saw to everyone in the thread. */
  },
  /** How a posted step is headed. */
  steps: {
    of: "Step {{index}} of {{total}} · {{title}}",
    of_short: "Step {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (continued)",
    /** A write-up's reference to a cell it ran, in the step's text. */
    cell_ref: "(cell {{index}})",
    /** Above one cell's code when a step shows several. */
    cell_label: "Cell {{index}}:",
    code_of: "Step {{index}}",
    false_start: "*First try raised {{error}} — fixed in the cell below.*",
    /** Names a failed first try whose error has no name (in `false_start`). */
    an_error: "an error",
    output: "Output:",
    output_hidden: "Output hidden until you reveal the answer — it states the answer.",
    output_cut: "… ({{count}} more characters: Show code)",
    no_code: "This step ran no code.",
    no_code_run: "This solution did not run any code.",
    code_behind: "The code behind this solution",
    formula: "Formula {{index}}",
    /** Slack: where a formula drawn as an image under the step stands in its text. */
    formula_ref: "(formula {{index}} ↓)",
    figure: "Figure {{index}}",
    figure_reduced: "Figure {{index}} (reduced from {{width}}×{{height}} px to fit the upload limit)",
  },
  /** A cell's output as a student reads it, and why the sandbox stopped or skipped a cell. */
  cell_output: {
    none: "(no output)",
    figure: "(a figure, shown below)",
    not_run: "(not run: the code execution limit was reached)",
    error_line: "✗ Line {{line}}: {{source}}",
    memory: "The cell needed more memory than a question may use.",
    processes: "The cell started more processes than a question may.",
    timeout: "⏱ Stopped: the cell ran longer than {{seconds}} s.",
    timeout_unknown: "⏱ Stopped: the cell ran too long.",
    cancelled: "⏹ Stopped before it finished: the run was cancelled.",
    cancelled_before: "⏹ Not run: the run was cancelled.",
    cpu_spent: "⏱ Not run: this question's Python used its {{seconds}} CPU seconds, the most one question may use.",
    crashed: "✗ Python stopped while running this cell (it may have hit a limit).",
    closed: "⏹ Not run: the run had ended.",
    restarted: "Python was restarted, so values from earlier cells are gone.",
    restarted_before: "Python had stopped before this cell and was restarted, so values from earlier cells are gone.",
    truncated: "(output cut: the cell printed more than is kept)",
    figures_not_kept_one: "({{count}} figure not kept: a question keeps at most {{max}} figures.)",
    figures_not_kept_other: "({{count}} figures not kept: a question keeps at most {{max}} figures.)",
  },
  /** The deterministic presenter's own step titles (src/present/titles.ts maps its English ones here). */
  titles: {
    set_up: "Set up",
    work_it_out: "Work it out",
    finish: "Finish the calculation",
    check_result: "Check the result",
    conclude: "Conclude",
    where_it_ended: "Where it ended",
    in_short: "In short",
    how_to_start: "How to start",
    add_cases: "Add the cases",
    count_by_cases: "Count by cases",
    try_python: "Try it in Python",
    plot: "Plot it",
    read_data: "Read the data",
    calculate_python: "Calculate with Python",
    check_python: "Check with Python",
    correct: "Correct!",
    not_quite: "Not quite",
    could_not_check: "Could not check this answer",
    could_not_read: "Could not read your answer",
    answer: "Answer",
  },
  /** The run's last message, by mode and reveal policy. */
  answer: {
    label: "Answer:",
    /** Above the answer Reveal shows on Slack (only to the presser). */
    final_label: "Final answer:",
    hint_done: "💡 That's your hint — try the next step yourself. Stuck? Ask for the **Next step**.",
    hint_done_slack: "That's how to start. Try the next step yourself, or ask for it with *Next step* above.",
    right: "Your answer is right.",
    wrong: "Not quite — look at the steps above and try again (the answer stays hidden).",
    wrong_slack: "Your answer does not match. Recheck the step named above.",
    undecided: "I could not decide whether your answer is right.",
    explained: "That's the whole explanation — mention me with a follow-up question if anything is unclear.",
    explained_slack: "That's the explanation. Reply in this thread if a step is unclear.",
    none: "I could not reach a final answer for this one.",
    none_slack: "No final answer this time.",
    ready: "**The final answer is ready** — try it yourself first, then reveal it.",
    ready_slack: "That's the whole solution. Reveal the final answer when you're ready to compare.",
    every_step: "**You have every step** — work out the final answer yourself.",
    whole_solution: "That's the whole solution.",
    fallback: "Final answer",
    fallback_explained: "That's the explanation.",
    fallback_none: "No final answer.",
  },
  /** Slack's first message of a slash command's thread. */
  thread: {
    asked: "<@{{user}}> asked:",
    asked_with: "<@{{user}}> asked with {{command}}:",
    question: "Question",
  },
  /** The student's sentence of each error code (src/errors.ts picks the variant for the facts it has). */
  errors: {
    words: { the_file: "The file", this_file: "This file", your_file: "your file" },
    empty_question: "The question is empty: type a problem after the command, or attach a file.",
    question_too_long: {
      counted:
        "The question is {{length, number}} characters long; the limit is {{limit, number}}. Shorten it, or attach long data as a file.",
      plain: "The question is too long. Shorten it, or attach long data as a file.",
    },
    missing_answer: "To check your work, add your answer, e.g. `/check answer: 42`.",
    too_many_attachments: {
      counted_one: "Attach at most {{limit}} file per question (you sent {{sent}}).",
      counted_other: "Attach at most {{limit}} files per question (you sent {{sent}}).",
      limit_one: "Attach at most {{limit}} file per question.",
      limit_other: "Attach at most {{limit}} files per question.",
      plain: "Too many files: attach fewer files per question.",
    },
    attachment_too_large: {
      sized:
        "{{file}} is {{size}}; the limit is {{limit}} per file. Send a smaller extract (e.g. the first rows of the CSV).",
      limit:
        "{{file}} is too large; the limit is {{limit}} per file. Send a smaller extract (e.g. the first rows of the CSV).",
      plain: "{{file}} is too large. Send a smaller extract (e.g. the first rows of the CSV).",
    },
    unsupported_file: "{{file}} is not a kind of file I can read. Attach data or text (CSV, JSON, TXT, …) or an image.",
    file_unreadable: "I could not download {{file}}. Please attach it again.",
    rate_limited: {
      user: "You're asking faster than I can answer — {{wait}}.",
      space: "This server is sending a lot of questions right now — {{wait}}.",
      wait: "try again in {{seconds}} s",
      moment: "try again in a moment",
    },
    daily_limit: {
      plain_one: "You've used your {{limit}} question for today.",
      plain_other: "You've used your {{limit}} questions for today.",
      wait_one: "You've used your {{limit}} question for today — you can ask again in {{wait}}.",
      wait_other: "You've used your {{limit}} questions for today — you can ask again in {{wait}}.",
    },
    hourly_limit: {
      wait_one: "You've reached this server's limit of {{limit}} question per hour — try again in {{minutes}} min.",
      wait_other: "You've reached this server's limit of {{limit}} questions per hour — try again in {{minutes}} min.",
      unknown: "You've reached this server's hourly limit of questions.",
      plain_one: "You've reached this server's limit of {{limit}} question per hour.",
      plain_other: "You've reached this server's limit of {{limit}} questions per hour.",
    },
    not_allowed_here: "I don't answer in this channel. Ask in one of the channels your server set up for me.",
    permission_missing: "I can't post here: ask a server admin to give me permission to send messages and files.",
    dm_closed:
      "I can't send you a direct message. Allow direct messages from me in your privacy settings, or ask again without `private`.",
    admin_only: "Only server admins can change my settings.",
    admin_only_who: "Only {{who}} can change my settings.",
    teacher_only: {
      who: "Only teachers can do that here. {{who}}",
      plain: "Only teachers can do that here. Ask your teacher.",
    },
    mode_not_allowed: {
      named:
        "`{{name}}` is not allowed in this channel: your teacher set it to {{who}}. `/policy` shows what is allowed here.",
      plain:
        "That is not allowed in this channel: your teacher set it to {{who}}. `/policy` shows what is allowed here.",
      other_modes: "other modes",
    },
    invalid_policy: {
      named_why: "That policy ({{name}}) is not valid: {{why}}.",
      named: "That policy ({{name}}) is not valid.",
      plain: "That policy is not valid.",
    },
    not_released: {
      when: "The answers here are not released yet: {{when}}. Try the next step, or check your own answer.",
      plain: "The answers here are not released yet. Try the next step, or check your own answer.",
    },
    invalid_setting: {
      named: "That setting ({{name}}) is not valid. Use `/settings` to see the options.",
      plain: "That setting is not valid. Use `/settings` to see the options.",
    },
    unknown_command: {
      named:
        "I can't run that command as it was sent — it may come from a newer or older version of me. `{{name}}` lists what I can do here.",
      plain:
        "I can't run that command as it was sent — it may come from a newer or older version of me. Help lists what I can do here.",
    },
    unknown_run: "I no longer have that question. Please ask it again.",
    run_in_progress: "I'm still working on that question — try again when the steps are posted.",
    already_finished: "That question is already answered.",
    not_your_run: "Only the person who asked this question, or a teacher, can do that.",
    no_more_steps: "That was the last step.",
    reveal_disabled: "I don't reveal the answer here. Try the next step, or check your own answer.",
    solution_not_released: {
      after:
        "Worked solutions of “{{title}}” are released after {{due}}. Until then, ask for a hint or check your own answer.",
      never: "Your teacher does not release worked solutions of “{{title}}”. Ask for a hint, or check your own answer.",
    },
    no_answer: "I could not reach a final answer for this question. Try rephrasing it, or retry.",
    max_tokens: "This question needed more thinking than I'm allowed. Try splitting it into smaller parts.",
    deadline: "This question took too long and was stopped. Try a smaller part of it.",
    cancelled: "Cancelled.",
    attachment_missing: "Your file is no longer available (files are kept for a limited time). Please attach it again.",
    sandbox_unavailable: "I can't run Python right now. Please try again in a few minutes.",
    model_down: "The tutor's model is not answering right now. Please try again in a few minutes.",
    model_busy: "The tutor is very busy right now. Please try again in a minute.",
    model_error: "The tutor's model refused this question. Try rephrasing it.",
    queue_unavailable: "I can't take questions for a moment (my queue is restarting). Please try again in a minute.",
    run_failed: "Sorry, I could not finish this question. Please try again later.",
    internal: "Something went wrong on my side. Please try again later.",
  },
  /** The web page: its static words (`{{t:web.…}}` in index.html; `html` ones may hold markup) and its script's. */
  web: {
    tagline: "Math and data questions, solved step by step with Python.",
    what_can_i_ask: "What can I ask?",
    demo: "This is the <strong>demo model</strong>: it only knows a few scripted questions (try the sum of the digits of 2^100). For real answers, point it at a START server:",
    token_label: "This server needs its access token (<code>WEB_TOKEN</code>):",
    use_token: "Use token",
    your_question: "Your question",
    question_placeholder: "What is the sum of the digits of 2^100?",
    ask_help: "Ctrl+Enter (⌘+Enter) asks. Math in <code>$…$</code> is fine.",
    mode: "Mode",
    your_answer: "Your answer",
    answer_placeholder: "e.g. 115",
    drop: "Drop a CSV here (optional), or",
    choose_files: "Choose files…",
    ask: "Ask",
    cells_label: "Python cells as they run",
    history_title: "Your previous questions",
    history_empty: "Questions you ask in this browser appear here.",
    sending: "Sending…",
    cancelling: "Cancelling…",
    remove: "Remove",
    remove_file: "Remove {{name}}",
    python_cell: "Python cell {{index}}",
    output_later: "Ran. Its output is shown with the steps.",
    correct: "Your answer is correct.",
    not_correct: "Your answer is not correct yet.",
    server_answered: "The server answered {{status}}.",
    no_longer_stored: "This question is no longer stored.",
    reconnecting: "Connection lost, reconnecting… ({{error}})",
  },
  help: {
    intro: "**I'm a math and data tutor.** I solve problems step by step, running Python when it helps.",
    outro: {
      discord:
        "Mention me (or reply to me) in my thread to ask a follow-up about the same problem. Buttons under a run: " +
        "Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      slack:
        "Mention me in a channel to ask there, and reply in my thread to ask a follow-up about the same problem. " +
        "Buttons under a run: Next step · Show code · Reveal answer · Retry · Cancel; 👍/👎 tells us how I did.",
      web:
        "Drop a CSV (or another data file) on the form to work from data. Under a run: Next step · Show code · " +
        "Reveal answer · Cancel; 👍/👎 tells us how I did.",
    },
    /** How a message command is reached on Discord. */
    message_command: "*Apps → {{name}}* on any message",
  },
  /** The web's teacher page (adapters/web/public/teacher.html and .js) and its API's refusals. */
  teacher: {
    off: "The teacher page is off: the operator sets WEB_TEACHER_TOKEN to turn it on.",
    wrong_token: "That is not the teacher token.",
    log_in: "Log in with the teacher token first.",
    no_assignment: "There is no such assignment.",
    not_in_scope: "This teacher token may not read that server or workspace.",
    title: "start-tutor — teacher",
    tagline: "Your class: what students asked, where they got stuck, and the assignments you set.",
    log_in_title: "Log in",
    token: "Teacher token",
    log_in_button: "Log in",
    log_out: "Log out",
    report_title: "Class report",
    space: "Server or workspace",
    channel: "Channel",
    every_channel: "Every channel",
    scope_all:
      "This token reads every Discord server, Slack workspace and this site's page that has class records or assignments.",
    scope_some: "This token reads only: {{list}} (WEB_TEACHER_SPACES).",
    kinds: {
      discord: "Discord server {{id}}",
      slack: "Slack workspace {{id}}",
      web: "This site's page",
      cli: "The command line",
      other: "Space {{id}}",
    },
    channel_named: "#{{channel}}",
    no_channel: "No channel",
    pseudonyms:
      "Students appear as “student 7”, the same number everywhere in a server or workspace; the operator turns real names on with RECORDS_REAL_NAMES.",
    real_names: "Students appear by their platform id: RECORDS_REAL_NAMES is on.",
    empty: "{{where}}: no class records yet. They appear here as soon as students ask.",
    loading: "Loading…",
    download_csv: "Download CSV",
    csv_note: "The CSV has a row per question, the same file /report attaches.",
    in_all: "In all",
    assignment: "Assignment: {{assignment}}",
    questions: "Questions",
    questions_value: "{{questions}} by {{students}}",
    modes: "solve {{solve}} · hint {{hint}} · check {{check}} · explain {{explain}}",
    hints: "Hints",
    hints_value: "{{steps}}, the deepest {{deepest}}",
    checks: "/check",
    checks_value: "{{checks}} — {{right}} right, {{wrong}} wrong",
    feedback: "Feedback",
    cost: "Cost",
    cost_value: "{{tokens}} model tokens · {{seconds}} s in the sandbox",
    by_whom: "By whom",
    student: "Student",
    hint_steps: "Hint steps",
    right_wrong: "Right / wrong",
    tokens: "Tokens",
    wrong_title: "Common wrong answers",
    wrong_none: "No wrong answers to group yet.",
    wrong_count: "{{attempts}} by {{students}}",
    wrong_question: "Asked as: {{question}}",
    example: "Example: {{answer}} — “{{work}}”",
    example_bare: "Example: {{answer}} (no working given)",
    assignments_title: "Assignments",
    new_assignment: "New assignment",
    field_title: "Title",
    title_placeholder: "Week 3: fractions",
    where_help:
      "web and web for this site's page; otherwise the Discord server id and channel id, or the Slack team id and channel id.",
    due: "Due (ISO date-time; no zone = UTC)",
    problems: "Problems — one per line: problem :: answer, or problem :: answer :: solution",
    avoid: "Phrases hints must never say — one per line",
    create: "Create assignment",
    created: "Created “{{title}}” with {{count}} problem(s).",
    no_assignments: "No assignments yet.",
    col_title: "Title",
    col_where: "Where",
    col_due: "Due (UTC)",
    col_problems: "Problems",
    show_report: "Report",
    attempts_title: "Attempts: {{title}}",
    col_number: "#",
    col_problem: "Problem",
    col_students: "Students",
    col_attempts: "Attempts",
    col_solved: "Solved",
    col_wrong: "Common wrong answers",
    release_label: "Worked solutions for students",
    release_yes: "Released after the due date",
    release_no: "Never released",
    col_release: "Worked solutions",
    released_after: "after the due date",
    released_never: "never",
  },
  /** What a surface calls a server or workspace. */
  space: { discord: "server", slack: "workspace", web: "site" },
  /** The closing message when the steps that reach the answer are withheld (src/present/withhold.ts). */
  withhold: {
    code_withheld: "The code that works out the answer comes with Reveal.",
    reveal_rest:
      "**The steps that reach the answer, and the answer, are ready** — try it yourself first, then reveal them.",
    reveal_rest_slack:
      "The steps that reach the final answer, and the answer itself, are ready. Try it yourself first, then press Reveal to see them (only you will).",
    spoiler_rest: "The steps that work it out are behind the button below.",
    show_rest: "Show the rest of the solution",
    never_rest: "That's how far I go here: the remaining steps work out the final answer: try them yourself.",
  },
  /** An explanation's step titles, in order (the last one closes it). */
  explanation: {
    idea: "The idea",
    why: "Why it works",
    together: "Put together",
    short: "In short",
  },
  /** Worked solutions of an assignment, released after its due date (commands/release.ts). */
  release: {
    policy_after: "Worked solutions of “{{title}}” are released after {{due}}.",
    policy_since: "Worked solutions of “{{title}}” are released: it was due {{due}}.",
    policy_never: "Worked solutions of “{{title}}” are not released.",
    saved_yes: "Worked solutions are released to students after the due date.",
    saved_no: "Worked solutions are not released.",
  },
  /** The hint ladder: rung titles and labels, fallback rungs, hint mode's closing line. */
  ladder: {
    titles: {
      notice: "What to notice",
      method: "The method",
      first: "A first step",
    },
    hint: "Hint {{index}}",
    solution: "Worked solution",
    solution_step: "Worked solution · step {{index}} of {{total}}",
    /** A hint that quotes the solution's own first-person sentence: shown as its idea, not as the student's. */
    idea: "Idea from the solution: {{idea}}",
    /** An assignment hint when neither the model (it disagrees with the teacher) nor the teacher can give one. */
    general:
      "Write down what the problem gives you and what it asks for, then work towards it one step at a time. When you have an answer, check it with `/check`.",
    fallback: {
      notice:
        "Read the question once more and name exactly what it asks for, and which facts in it you will need to get there.",
      method:
        "Write what you are looking for in terms of what is given — an equation, a formula or a count — before working anything out.",
      first:
        "Try the same kind of question with smaller numbers first, where you can check every case by hand, then scale the idea up.",
    },
    closing: {
      hint: "💡 Try it yourself first. Stuck? Press **Another hint**.",
      solution: "💡 That was the last hint. Still stuck? You can **See a worked solution**.",
      none: "💡 That was the last hint — try it yourself now.",
    },
    /** Rung 2 and 3 for a run recognised by its method (src/present/tutor-texts.ts): the method, then the same idea on a smaller example in other numbers. */
    methods: {
      divisors: {
        method:
          "Count divisors from the prime factorization: a divisor of $p^a q^b$ picks an exponent from 0 to $a$ for $p$ and from 0 to $b$ for $q$, so there are $(a + 1)(b + 1)$ of them.",
        example: "For example, $12 = 2^2 \\cdot 3$ has $(2 + 1)(1 + 1) = 6$ divisors: 1, 2, 3, 4, 6 and 12.",
      },
      factorization: {
        method:
          "Break the number into prime powers, $p^a \\cdot q^b \\cdots$; the rest of the problem reads off those exponents.",
        example: "For example, $72 = 2^3 \\cdot 3^2$: the exponents are 3 and 2.",
      },
      factoring: {
        method:
          "Factor the polynomial into brackets like $(x - a)(x - b)$ and set each bracket to zero: the product is zero exactly when one factor is.",
        example: "For example, $x^2 - 9x + 20 = (x - 4)(x - 5)$, because $4 \\cdot 5 = 20$ and $4 + 5 = 9$.",
        example_2: "For example, $x^2 - 11x + 30 = (x - 5)(x - 6)$, because $5 \\cdot 6 = 30$ and $5 + 6 = 11$.",
      },
      binomial: {
        method:
          "Count the choices with binomial coefficients: $k$ things out of $n$ can be chosen in $\\binom{n}{k}$ ways.",
        example: "For example, 2 of 5 things can be chosen in $\\binom{5}{2} = 10$ ways.",
      },
      integral: {
        method: "Find an antiderivative and evaluate it at the two limits: $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
        example: "For example, $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$.",
      },
      derivative: {
        method:
          "Differentiate term by term with the power rule, $\\frac{d}{dx}x^n = n x^{n-1}$, and the chain rule where needed.",
        example: "For example, $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$.",
      },
      cases: {
        method:
          "List the cases systematically and count those that meet the condition, so none is missed or counted twice.",
        example: "For example, among 10 to 19 the numbers divisible by 3 are 12, 15 and 18: three of them.",
      },
      sum: {
        method:
          "Write the terms out and look for a pattern or a closed formula for their sum instead of adding one by one.",
        example: "For example, $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$.",
      },
      circle: {
        method: "Use the area formula: a circle of radius $r$ has area $A = \\pi r^2$.",
        example: "For example, a circle of radius 2 has area $4\\pi \\approx 12.57$.",
      },
      product: {
        method:
          "Split one factor into tens and units and multiply each part by the other factor, then add the two partial products: $a \\times (b + c) = a \\times b + a \\times c$.",
        example: "For example, $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$.",
      },
    },
  },
  /** /check's verdict, its advice on what to recheck, and its closing line. */
  check: {
    label: "Check",
    correct_title: "Correct",
    correct: "Your answer is right — it follows from this method:\n> {{why}}",
    correct_no_why: "Your answer is right: it agrees with the solution I worked out.",
    work_holds: "Every line of your working that I could check holds.",
    wrong_title: "Not quite",
    /** `{{answer}}`: the student's answer, as math. */
    wrong: "Your answer {{answer}} is not right yet.",
    recheck_line: "Recheck this line of your working:\n> {{line}}\n\n{{why}}",
    sides_differ: "Its two sides are not equal — work each side out again.",
    answer_appears: "This is where your answer first appears: check how it follows from the line before it.",
    recheck_idea: "Recheck your working against this idea:\n> {{idea}}",
    recheck_method: "Then check the method:\n> {{method}}",
    no_advice: "Go back over your working one line at a time and check each result.",
    unchecked_title: "Could not check this answer",
    unsolved: "I could not solve the problem myself, so I cannot say whether your answer is right.",
    uncompared: "I could not compare your answer `{{answer}}` with mine; try writing it as a number or a formula.",
    unreadable_title: "Could not read your answer",
    unreadable:
      "I could not read your answer `{{answer}}` as {{kind}}, so I cannot say whether it is right. Try writing just the answer, for example as LaTeX.",
    closing: {
      right: "✅ Your answer is right.",
      wrong: "❌ Not quite — recheck what is quoted above, then try /check again.",
    },
  },
  /** Over a verdict its student shared with the thread (Slack). */
  shared: {
    by: "{{user}} shared their check:",
  },
  /** A teacher's assignment read back (`/assign`), and the problem menu of a `/check` that names none. */
  assign: {
    saved: "Saved the assignment **{{title}}** for <#{{channel}}>, due {{due}}, with {{count}} problem(s):",
    problem: "{{number}}. {{statement}}",
    how: "In that channel a student's `/check` with the problem's number (e.g. `/check 1` with their answer) is graded against your answer; hints follow your solution and avoid your {{avoid}} phrase(s).",
    pick: "Which problem of **{{title}}** is this answer for?",
    pick_placeholder: "Choose the problem",
  },
  /** Counted things inside other sentences (a report line names several counts, each in its own plural form). */
  counts: {
    students_one: "{{count}} student",
    students_other: "{{count}} students",
    questions_one: "{{count}} question",
    questions_other: "{{count}} questions",
    attempts_one: "{{count}} attempt",
    attempts_other: "{{count}} attempts",
    steps_shown_one: "{{count}} step shown",
    steps_shown_other: "{{count}} steps shown",
  },
  /** `/report`, `/usage`, `/forget-me` and `/forget-channel` (commands/report.ts, usage.ts, forget.ts). */
  records: {
    report: {
      title: "**Class report — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "every channel",
      where_none: "no channel",
      assignment: "assignment {{assignment}}",
      empty: "No class records yet for {{where}}.",
      questions:
        "• Questions: {{questions}} by {{students}} — solve {{solve}} · hint {{hint}} · check {{check}} · explain {{explain}}",
      by_whom: "• By whom: {{list}}",
      hints: "• Hints: {{steps}}, the deepest {{deepest}}",
      checks: "• /check: {{checks}} — {{right}} right, {{wrong}} wrong",
      feedback: "• Feedback: 👍 {{up}} · 👎 {{down}}",
      cost: "• Cost: {{tokens}} model tokens · {{seconds}} s in the sandbox",
      wrong_title: "**Common wrong answers**",
      wrong: "{{group}}. {{answers}} — {{attempts}} by {{students}} ({{question}})",
      example: "   e.g. {{answer}}: “{{work}}”",
      more: "… and more in the CSV.",
      csv: "The CSV has a row per question.",
      total: "**In all:** {{questions}} by {{students}} · {{tokens}} model tokens · {{seconds}} s in the sandbox",
    },
    usage: {
      title: "**Your questions in this {{space}}**",
      hour: "This hour",
      day: "Today",
      window: "• {{window}}: {{used}} of {{limit}} — {{left}} left",
      window_full: "• {{window}}: {{used}} of {{limit}} — none left; the next frees up in {{wait}}",
      window_free: "• {{window}}: {{used}} (no limit)",
    },
    forgot_me:
      "Done: I deleted what I had recorded about you in this {{space}} — {{count}} in all (questions, checks, votes) — with your usage count and what your recent runs kept.",
    forgot_channel_one: "Done: I deleted the {{count}} class record of <#{{channel}}>.",
    forgot_channel_other: "Done: I deleted the {{count}} class records of <#{{channel}}>.",
    no_channel: "Run this in the channel whose records you want to delete.",
  },
  /** A student's /check verdict and hints in a shared channel: theirs alone until they share them. */
  private: {
    share: "Share with the thread",
    shared_by: "Shared by {{user}}:",
    shared: "Shared with the thread.",
    already_shared: "You already shared this with the thread.",
    locked: "🔒 {{user}}, your result is ready — only you can open it.",
    show_result: "Show my result",
  },
  /** The classroom's rules in words: `/policy`, `/reveal` and who may do a teacher-only thing (commands/policy-texts.ts). */
  policy: {
    who: {
      admin_slack: "workspace admins and owners",
      admin_discord: "server admins (members with Manage Server)",
      teacher_slack:
        "Teachers are the members (or the user group) a workspace admin chose in `/tutor-settings`, and workspace admins.",
      teacher_discord:
        "Teachers are members with the teacher role a server admin chose with `/settings teacher-role:`, and members with Manage Server.",
    },
    nothing: "nothing",
    place: {
      workspace: "the whole workspace",
      server: "the whole server",
      thread_named: "the thread “{{name}}”",
      thread: "this thread",
      channel: "this channel",
      category_named: "the category {{name}}",
      category: "this channel's category",
    },
    /** Each without its full stop: `sentence` or `set_for` ends it. */
    reveal: {
      now: "Final answers are shown with the solution",
      button: "Final answers are behind a “Reveal answer” button",
      never_settings: "Final answers are never shown (the steps are, without the answer)",
      never:
        "Final answers are never shown here, nor any program or output that computes them: hints and answer checks only",
      teacher_released: "Final answers are behind “Reveal answer”, released by a teacher",
      teacher_waiting: "Final answers stay hidden until a teacher runs `/reveal` here",
      date_unknown: "Final answers are released at a date",
      date: "Final answers stay hidden until {{when}}, then are behind “Reveal answer”",
    },
    sentence: "{{sentence}}.",
    set_for: "{{sentence}} (set for {{where}}).",
    heading: "**Policy in {{place}}**",
    allowed: "Allowed: {{modes}}.",
    code_shown: "Code and outputs are shown.",
    code_hidden: "Code and outputs are not shown.",
    hints: {
      up_to: "up to {{depth}}",
      one: "one at a time",
      line: "Hints: {{depth}}.",
      line_strict: "Hints: {{depth}}, never the worked solution.",
    },
    limit: {
      none: "No limit on questions per student.",
      each: "Each student may ask {{limits}}.",
      per_hour_one: "{{count}} question per hour",
      per_hour_other: "{{count}} questions per hour",
      per_day_one: "{{count}} question per day",
      per_day_other: "{{count}} questions per day",
    },
    saved: "Saved for {{place}}.",
    instead: "{{modes}} only",
    instead_none: "no questions at all",
    released: "Answers are released in {{place}}: students can press “Reveal answer” now.",
    not_needed_never: "Answers are never shown in this channel; change its policy with `/policy reveal:` first.",
    not_needed: "Answers here are not waiting for a teacher: `/policy` shows when they are shown.",
    when_date: "they are released at {{when}}",
    when_teacher: "your teacher releases them",
    problems: {
      modes: "list modes from solve, hint, check, explain, analyze, separated by commas",
      reveal: "use now, button, never, teacher, or a future ISO date-time such as 2027-01-15T17:00Z",
      code: "use true or false",
      hint_depth: "use a number from 1 to 5",
      per_hour: "use a number from 0 (no limit) to 1000",
      per_day: "use a number from 0 (no limit) to 10000",
      scope: "use channel, category or space",
    },
  },
} as const satisfies Catalog;
