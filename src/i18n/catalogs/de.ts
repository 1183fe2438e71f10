/** German (du, as a tutor speaks to a student). Same keys and placeholders as `./en.ts`. */
import type { Catalog } from "./types.js";

export const de = {
  status: {
    working: "Ich arbeite daran…",
    retrying: "Etwas ist schiefgelaufen, gleich ein neuer Versuch…",
    done: "Fertig.",
    stopped: "Angehalten.",
    cancelled: "Abgebrochen.",
    failed: "Angehalten.",
  },
  progress: {
    thinking: "Ich denke nach…",
    thinking_long: "Ich denke nach… (bisher {{size}}k Zeichen)",
    cell_running: "Python-Zelle {{index}} läuft…",
    cell_ran: "Python-Zelle {{index}} ausgeführt, ich denke nach…",
    hint: "Ich prüfe mit Python nach…",
    answer: "Antwort gefunden, ich schreibe sie auf…",
    model_busy: "Das Modell ist ausgelastet, neuer Versuch (Versuch {{attempt}})…",
    rendering: "Formeln und Abbildungen werden gezeichnet…",
    cells_ran_one: "{{count}} Python-Zelle ausgeführt",
    cells_ran_other: "{{count}} Python-Zellen ausgeführt",
    elapsed: "{{seconds}} s",
  },
  notices: {
    parent_done: "✅ Fertig – die Lösung steht in {{name}}.",
    parent_private: "✅ Fertig – das Ergebnis sieht nur, wer gefragt hat.",
    parent_stopped: "⏹️ Ohne Antwort gestoppt – siehe {{name}}.",
    parent_cancelled: "⏹️ Vor der Antwort gestoppt – „Erneut versuchen“ steht in {{name}}.",
    the_thread: "dem Thread",
    below: "den Nachrichten unten",
    run_cancelled: "Abgebrochen.",
    retry_already_running: "Bin schon dabei.",
    feedback_saved: "Danke für dein Feedback!",
  },
  modes: {
    solve: { ack: "Ich arbeite daran – die Lösung kommt Schritt für Schritt in diesen Thread." },
    hint: { ack: "Ich überlege mir einen guten ersten Schritt…" },
    check: { ack: "Ich prüfe deine Antwort…" },
    explain: { ack: "Ich bereite eine Erklärung vor…" },
  },
  ask: {
    in_dms: "{{ack}} Ich antworte dir per Direktnachricht.",
    your_question: "Deine Frage",
    attached_file: "(die angehängte Datei)",
    thread_about: "Zu {{file}}",
    thread_question: "Frage",
  },
  buttons: {
    cancel: "Abbrechen",
    retry: "Erneut versuchen",
    show_code: "Code anzeigen",
    hide_code: "Code ausblenden",
    next_step: "Nächster Schritt",
    next_hint: "Noch ein Tipp",
    next_solution: "Musterlösung ansehen",
    reveal: "Antwort aufdecken",
    helpful: "Hilfreich",
    not_helpful: "Nicht hilfreich",
    step_of: "Schritt {{index}}/{{total}}",
    stale: "Diese Schaltfläche ist nicht mehr aktiv.",
  },
  steps: {
    of: "Schritt {{index}} von {{total}} · {{title}}",
    of_short: "Schritt {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (Fortsetzung)",
    cell_ref: "(Zelle {{index}})",
    cell_label: "Zelle {{index}}:",
    code_of: "Schritt {{index}}",
    false_start: "*Der erste Versuch löste {{error}} aus – in der Zelle unten behoben.*",
    an_error: "einen Fehler",
    output: "Ausgabe:",
    output_hidden: "Ausgabe verborgen, bis du die Antwort aufdeckst – sie nennt die Antwort.",
    output_cut: "… ({{count}} weitere Zeichen: Code anzeigen)",
    no_code: "Dieser Schritt hat keinen Code ausgeführt.",
    no_code_run: "Diese Lösung hat keinen Code ausgeführt.",
    code_behind: "Der Code hinter dieser Lösung",
    formula: "Formel {{index}}",
    formula_ref: "(Formel {{index}} ↓)",
    figure: "Abbildung {{index}}",
    figure_reduced: "Abbildung {{index}} (von {{width}}×{{height}} px verkleinert, um ins Upload-Limit zu passen)",
  },
  cell_output: {
    none: "(keine Ausgabe)",
    figure: "(eine Abbildung, unten)",
    not_run: "(nicht ausgeführt: die Grenze für Code-Ausführungen ist erreicht)",
    error_line: "✗ Zeile {{line}}: {{source}}",
    memory: "Die Zelle brauchte mehr Speicher, als eine Frage nutzen darf.",
    processes: "Die Zelle startete mehr Prozesse, als eine Frage darf.",
    timeout: "⏱ Angehalten: die Zelle lief länger als {{seconds}} s.",
    timeout_unknown: "⏱ Angehalten: die Zelle lief zu lange.",
    cancelled: "⏹ Vor dem Ende angehalten: der Lauf wurde abgebrochen.",
    cancelled_before: "⏹ Nicht ausgeführt: der Lauf wurde abgebrochen.",
    cpu_spent:
      "⏱ Nicht ausgeführt: das Python dieser Frage hat seine {{seconds}} CPU-Sekunden verbraucht, das Maximum für eine Frage.",
    crashed: "✗ Python hat während dieser Zelle aufgehört (vielleicht wurde eine Grenze erreicht).",
    closed: "⏹ Nicht ausgeführt: der Lauf war schon beendet.",
    restarted: "Python wurde neu gestartet, die Werte früherer Zellen sind weg.",
    restarted_before:
      "Python hatte vor dieser Zelle aufgehört und wurde neu gestartet, die Werte früherer Zellen sind weg.",
    truncated: "(Ausgabe gekürzt: die Zelle gab mehr aus, als behalten wird)",
    figures_not_kept_one: "({{count}} Abbildung nicht behalten: eine Frage behält höchstens {{max}} Abbildungen.)",
    figures_not_kept_other: "({{count}} Abbildungen nicht behalten: eine Frage behält höchstens {{max}} Abbildungen.)",
  },
  titles: {
    set_up: "Ansatz",
    work_it_out: "Ausrechnen",
    finish: "Rechnung abschließen",
    check_result: "Ergebnis prüfen",
    conclude: "Schluss",
    where_it_ended: "Wo es endete",
    in_short: "Kurz gesagt",
    how_to_start: "Wie du anfängst",
    add_cases: "Fälle addieren",
    count_by_cases: "Nach Fällen zählen",
    try_python: "In Python ausprobieren",
    plot: "Zeichnen",
    read_data: "Daten einlesen",
    calculate_python: "Mit Python berechnen",
    check_python: "Mit Python prüfen",
    correct: "Richtig!",
    not_quite: "Noch nicht ganz",
    could_not_check: "Diese Antwort konnte ich nicht prüfen",
    could_not_read: "Deine Antwort konnte ich nicht lesen",
    answer: "Antwort",
  },
  answer: {
    label: "Antwort:",
    final_label: "Endgültige Antwort:",
    hint_done:
      "💡 Das ist dein Hinweis – versuch den nächsten Schritt selbst. Kommst du nicht weiter? Frag nach dem **Nächsten Schritt**.",
    hint_done_slack:
      "So fängst du an. Versuch den nächsten Schritt selbst oder hol ihn dir oben mit *Nächster Schritt*.",
    right: "Deine Antwort ist richtig.",
    wrong: "Noch nicht ganz – sieh dir die Schritte oben an und versuch es noch einmal (die Antwort bleibt verborgen).",
    wrong_slack: "Deine Antwort stimmt nicht. Prüf den oben genannten Schritt noch einmal.",
    undecided: "Ich konnte nicht entscheiden, ob deine Antwort richtig ist.",
    explained: "Das ist die ganze Erklärung – erwähne mich mit einer Folgefrage, wenn etwas unklar ist.",
    explained_slack: "Das ist die Erklärung. Antworte in diesem Thread, wenn ein Schritt unklar ist.",
    none: "Ich konnte für diese Frage keine endgültige Antwort finden.",
    none_slack: "Diesmal keine endgültige Antwort.",
    ready: "**Die endgültige Antwort ist bereit** – versuch es zuerst selbst, dann deck sie auf.",
    ready_slack: "Das ist die ganze Lösung. Deck die endgültige Antwort auf, wenn du vergleichen möchtest.",
    every_step: "**Du hast alle Schritte** – finde die endgültige Antwort selbst.",
    whole_solution: "Das ist die ganze Lösung.",
    fallback: "Endgültige Antwort",
    fallback_explained: "Das ist die Erklärung.",
    fallback_none: "Keine endgültige Antwort.",
  },
  thread: {
    asked: "<@{{user}}> hat gefragt:",
    asked_with: "<@{{user}}> hat mit {{command}} gefragt:",
    question: "Frage",
  },
  errors: {
    words: { the_file: "Die Datei", this_file: "Diese Datei", your_file: "deine Datei" },
    empty_question: "Die Frage ist leer: Schreib nach dem Befehl eine Aufgabe oder häng eine Datei an.",
    question_too_long: {
      counted:
        "Die Frage ist {{length, number}} Zeichen lang; die Grenze liegt bei {{limit, number}}. Kürze sie oder häng lange Daten als Datei an.",
      plain: "Die Frage ist zu lang. Kürze sie oder häng lange Daten als Datei an.",
    },
    missing_answer: "Um deine Lösung zu prüfen, gib deine Antwort an, z. B. `/check answer: 42`.",
    too_many_attachments: {
      counted_one: "Häng höchstens {{limit}} Datei pro Frage an (du hast {{sent}} geschickt).",
      counted_other: "Häng höchstens {{limit}} Dateien pro Frage an (du hast {{sent}} geschickt).",
      limit_one: "Häng höchstens {{limit}} Datei pro Frage an.",
      limit_other: "Häng höchstens {{limit}} Dateien pro Frage an.",
      plain: "Zu viele Dateien: Häng weniger Dateien pro Frage an.",
    },
    attachment_too_large: {
      sized:
        "{{file}} ist {{size}} groß; die Grenze liegt bei {{limit}} pro Datei. Schick einen kleineren Auszug (z. B. die ersten Zeilen der CSV).",
      limit:
        "{{file}} ist zu groß; die Grenze liegt bei {{limit}} pro Datei. Schick einen kleineren Auszug (z. B. die ersten Zeilen der CSV).",
      plain: "{{file}} ist zu groß. Schick einen kleineren Auszug (z. B. die ersten Zeilen der CSV).",
    },
    unsupported_file:
      "{{file}} ist keine Dateiart, die ich lesen kann. Häng Daten oder Text (CSV, JSON, TXT, …) oder ein Bild an.",
    file_unreadable: "Ich konnte {{file}} nicht herunterladen. Bitte häng sie noch einmal an.",
    rate_limited: {
      user: "Du fragst schneller, als ich antworten kann – {{wait}}.",
      space: "Dieser Server schickt gerade sehr viele Fragen – {{wait}}.",
      wait: "versuch es in {{seconds}} s noch einmal",
      moment: "versuch es gleich noch einmal",
    },
    daily_limit: {
      plain_one: "Du hast deine {{limit}} Frage für heute aufgebraucht.",
      plain_other: "Du hast deine {{limit}} Fragen für heute aufgebraucht.",
      wait_one: "Du hast deine {{limit}} Frage für heute aufgebraucht – du kannst in {{wait}} wieder fragen.",
      wait_other: "Du hast deine {{limit}} Fragen für heute aufgebraucht – du kannst in {{wait}} wieder fragen.",
    },
    hourly_limit: {
      wait_one:
        "Du hast das Limit dieses Servers von {{limit}} Frage pro Stunde erreicht – versuch es in {{minutes}} min noch einmal.",
      wait_other:
        "Du hast das Limit dieses Servers von {{limit}} Fragen pro Stunde erreicht – versuch es in {{minutes}} min noch einmal.",
      unknown: "Du hast das stündliche Fragenlimit dieses Servers erreicht.",
      plain_one: "Du hast das Limit dieses Servers von {{limit}} Frage pro Stunde erreicht.",
      plain_other: "Du hast das Limit dieses Servers von {{limit}} Fragen pro Stunde erreicht.",
    },
    not_allowed_here:
      "In diesem Kanal antworte ich nicht. Frag in einem der Kanäle, die dein Server für mich eingerichtet hat.",
    permission_missing:
      "Ich kann hier nicht posten: Bitte einen Server-Admin, mir das Senden von Nachrichten und Dateien zu erlauben.",
    dm_closed:
      "Ich kann dir keine Direktnachricht schicken. Erlaube Direktnachrichten von mir in deinen Privatsphäre-Einstellungen oder frag noch einmal ohne `private`.",
    admin_only: "Nur Server-Admins können meine Einstellungen ändern.",
    admin_only_who: "Nur {{who}} können meine Einstellungen ändern.",
    teacher_only: {
      who: "Nur Lehrkräfte können das hier tun. {{who}}",
      plain: "Nur Lehrkräfte können das hier tun. Frag deine Lehrkraft.",
    },
    mode_not_allowed: {
      named:
        "`{{name}}` ist in diesem Kanal nicht erlaubt; deine Lehrkraft erlaubt hier {{who}}. `/policy` zeigt, was hier erlaubt ist.",
      plain:
        "Das ist in diesem Kanal nicht erlaubt; deine Lehrkraft erlaubt hier {{who}}. `/policy` zeigt, was hier erlaubt ist.",
      other_modes: "andere Modi",
    },
    invalid_policy: {
      named_why: "Diese Regel ({{name}}) ist ungültig: {{why}}.",
      named: "Diese Regel ({{name}}) ist ungültig.",
      plain: "Diese Regel ist ungültig.",
    },
    not_released: {
      when: "Die Antworten hier sind noch nicht freigegeben: {{when}}. Versuch den nächsten Schritt oder prüf deine eigene Antwort.",
      plain:
        "Die Antworten hier sind noch nicht freigegeben. Versuch den nächsten Schritt oder prüf deine eigene Antwort.",
    },
    invalid_setting: {
      named: "Diese Einstellung ({{name}}) ist ungültig. Mit `/settings` siehst du die Möglichkeiten.",
      plain: "Diese Einstellung ist ungültig. Mit `/settings` siehst du die Möglichkeiten.",
    },
    unknown_command: {
      named:
        "Diesen Befehl kann ich so nicht ausführen – er stammt vielleicht von einer neueren oder älteren Version von mir. `{{name}}` zeigt, was ich hier kann.",
      plain:
        "Diesen Befehl kann ich so nicht ausführen – er stammt vielleicht von einer neueren oder älteren Version von mir. Die Hilfe zeigt, was ich hier kann.",
    },
    unknown_run: "Diese Frage habe ich nicht mehr. Bitte stell sie noch einmal.",
    run_in_progress: "Ich arbeite noch an dieser Frage – versuch es noch einmal, wenn die Schritte gepostet sind.",
    already_finished: "Diese Frage ist schon beantwortet.",
    not_your_run: "Nur wer diese Frage gestellt hat, oder eine Lehrkraft, kann das tun.",
    no_more_steps: "Das war der letzte Schritt.",
    reveal_disabled:
      "Hier decke ich die Antwort nicht auf. Versuch den nächsten Schritt oder prüf deine eigene Antwort.",
    solution_not_released: {
      after:
        "Die Musterlösungen zu „{{title}}“ werden nach {{due}} freigegeben. Bis dahin: frag nach einem Hinweis oder prüf deine eigene Antwort.",
      never:
        "Deine Lehrkraft gibt die Musterlösungen zu „{{title}}“ nicht frei. Frag nach einem Hinweis oder prüf deine eigene Antwort.",
    },
    no_answer: "Ich konnte für diese Frage keine endgültige Antwort finden. Formulier sie um oder versuch es erneut.",
    max_tokens: "Diese Frage hätte mehr Nachdenken gebraucht, als ich darf. Teil sie in kleinere Teile auf.",
    deadline: "Diese Frage hat zu lange gedauert und wurde angehalten. Versuch es mit einem kleineren Teil.",
    cancelled: "Abgebrochen.",
    attachment_missing:
      "Deine Datei ist nicht mehr verfügbar (Dateien werden nur begrenzte Zeit aufbewahrt). Bitte häng sie noch einmal an.",
    sandbox_unavailable: "Ich kann gerade kein Python ausführen. Versuch es in ein paar Minuten noch einmal.",
    model_down: "Das Modell des Tutors antwortet gerade nicht. Versuch es in ein paar Minuten noch einmal.",
    model_busy: "Der Tutor ist gerade sehr ausgelastet. Versuch es in einer Minute noch einmal.",
    model_error: "Das Modell des Tutors hat diese Frage abgelehnt. Versuch, sie umzuformulieren.",
    queue_unavailable:
      "Ich kann gerade keine Fragen annehmen (meine Warteschlange startet neu). Versuch es in einer Minute noch einmal.",
    run_failed: "Leider konnte ich diese Frage nicht fertig bearbeiten. Versuch es später noch einmal.",
    internal: "Bei mir ist etwas schiefgelaufen. Versuch es später noch einmal.",
  },
  web: {
    tagline: "Fragen zu Mathe und Daten, Schritt für Schritt mit Python gelöst.",
    what_can_i_ask: "Was kann ich fragen?",
    demo: "Das ist das <strong>Demo-Modell</strong>: Es kennt nur ein paar vorbereitete Fragen (probier die Quersumme von 2^100). Für echte Antworten verbinde es mit einem START-Server:",
    token_label: "Dieser Server braucht sein Zugriffstoken (<code>WEB_TOKEN</code>):",
    use_token: "Token verwenden",
    your_question: "Deine Frage",
    question_placeholder: "Was ist die Quersumme von 2^100?",
    ask_help: "Strg+Enter (⌘+Enter) schickt die Frage ab. Mathe in <code>$…$</code> ist in Ordnung.",
    mode: "Modus",
    your_answer: "Deine Antwort",
    answer_placeholder: "z. B. 115",
    drop: "Zieh eine CSV-Datei hierher (optional), oder",
    choose_files: "Dateien auswählen…",
    ask: "Fragen",
    cells_label: "Python-Zellen, während sie laufen",
    history_title: "Deine bisherigen Fragen",
    history_empty: "Fragen, die du in diesem Browser stellst, erscheinen hier.",
    sending: "Wird gesendet…",
    cancelling: "Wird abgebrochen…",
    remove: "Entfernen",
    remove_file: "{{name}} entfernen",
    python_cell: "Python-Zelle {{index}}",
    output_later: "Ausgeführt. Die Ausgabe erscheint mit den Schritten.",
    correct: "Deine Antwort ist richtig.",
    not_correct: "Deine Antwort ist noch nicht richtig.",
    server_answered: "Der Server hat mit {{status}} geantwortet.",
    no_longer_stored: "Diese Frage ist nicht mehr gespeichert.",
    reconnecting: "Verbindung verloren, verbinde neu… ({{error}})",
  },
  help: {
    intro:
      "**Ich bin ein Tutor für Mathe und Daten.** Ich löse Aufgaben Schritt für Schritt und nutze Python, wenn es hilft.",
    outro: {
      discord:
        "Erwähne mich (oder antworte mir) in meinem Thread, um eine Folgefrage zur selben Aufgabe zu stellen. " +
        "Schaltflächen unter einer Antwort: Nächster Schritt · Code anzeigen · Antwort aufdecken · Erneut versuchen · " +
        "Abbrechen; 👍/👎 sagt uns, wie gut ich war.",
      slack:
        "Erwähne mich in einem Kanal, um dort zu fragen, und antworte in meinem Thread, um eine Folgefrage zur selben " +
        "Aufgabe zu stellen. Schaltflächen unter einer Antwort: Nächster Schritt · Code anzeigen · Antwort aufdecken · " +
        "Erneut versuchen · Abbrechen; 👍/👎 sagt uns, wie gut ich war.",
      web:
        "Zieh eine CSV-Datei (oder eine andere Datendatei) auf das Formular, um mit Daten zu arbeiten. Unter einer " +
        "Antwort: Nächster Schritt · Code anzeigen · Antwort aufdecken · Abbrechen; 👍/👎 sagt uns, wie gut ich war.",
    },
    message_command: "*Apps → {{name}}* bei jeder Nachricht",
  },
  /** The command table's texts /help and the web page show (English: commands/table.ts). */
  commands: {
    ask: {
      help: "die ganze Lösung, ein Schritt pro Nachricht (häng gern eine CSV- oder andere Datendatei an; eine Datei allein genügt)",
      label: "Lösen – alle Schritte",
      slack: {
        help: "die ganze Lösung, ein Schritt pro Nachricht in einem Thread (um mit einer Datei zu arbeiten, nimm `/analyze`)",
      },
    },
    hint: {
      help: "nur, wie du anfängst; frag nach dem nächsten Schritt, wenn du so weit bist",
      label: "Hinweis – nur der Anfang",
    },
    check: {
      help: "sagt dir, ob deine Antwort stimmt, ohne die Lösung zu verraten",
      label: "Meine Antwort prüfen",
    },
    explain: {
      help: "eine Schritt-für-Schritt-Erklärung eines Begriffs",
      label: "Einen Begriff erklären",
    },
    analyze: {
      help: "arbeitet eine Datendatei (CSV, XLSX, JSON) mit pandas durch: Zahlen und Diagramme",
      slack: {
        help: "arbeitet die neueste Datei, die du in diesem Kanal geteilt hast (CSV, JSON, Text), mit pandas durch: Zahlen und Diagramme",
      },
    },
    settings: {
      help: "wie dieser {{space}} Antworten zeigt, Stundenlimits, wo ich antworte und wer die Lehrkräfte sind (Admins des {{space}} können das ändern)",
    },
    help: {
      help: "diese Liste",
    },
    "solve-with-start": {
      help: "löst die Frage in dieser Nachricht, Schritt für Schritt in einem Thread",
    },
    policy: {
      help: "was in diesem Kanal erlaubt ist und wann Antworten gezeigt werden (Lehrkräfte ändern das)",
    },
    reveal: {
      help: "gibt die Antworten in einem Kanal frei, dessen Regel auf eine Lehrkraft wartet (nur Lehrkräfte)",
    },
    assign: {
      help: "legt eine Aufgabe für einen Kanal an: `/check` wird dort mit deinen Lösungen bewertet (nur Lehrkräfte)",
    },
    report: {
      help: "was hier gefragt wurde, Hinweise, Prüfungen und häufige falsche Antworten sowie die Kosten, mit CSV (Lehrkräfte)",
    },
    usage: {
      help: "wie viele Fragen du in dieser Stunde und heute noch hast",
    },
    "forget-me": {
      help: "löscht sofort alles, was ich in diesem {{space}} über dich gespeichert habe",
    },
    "forget-channel": {
      help: "löscht die Klassendaten dieses Kanals (Lehrkräfte)",
    },
  },
  teacher: {
    off: "Die Lehrkraft-Seite ist aus: Der Betreiber schaltet sie mit WEB_TEACHER_TOKEN ein.",
    wrong_token: "Das ist nicht das Lehrkraft-Token.",
    log_in: "Melde dich zuerst mit dem Lehrkraft-Token an.",
    no_assignment: "Diese Aufgabe gibt es nicht.",
    not_in_scope: "Dieses Lehrkraft-Token darf diesen Server oder Workspace nicht lesen.",
    title: "start-tutor — Lehrkraft",
    tagline: "Deine Klasse: was die Lernenden gefragt haben, wo sie hängen geblieben sind, und deine Aufgaben.",
    log_in_title: "Anmelden",
    token: "Lehrkraft-Token",
    log_in_button: "Anmelden",
    log_out: "Abmelden",
    report_title: "Klassenbericht",
    space: "Server oder Workspace",
    channel: "Kanal",
    every_channel: "Alle Kanäle",
    scope_all:
      "Dieses Token liest jeden Discord-Server, jeden Slack-Workspace und die Seite dieser Website, die Klassendaten oder Aufgaben haben.",
    scope_some: "Dieses Token liest nur: {{list}} (WEB_TEACHER_SPACES).",
    kinds: {
      discord: "Discord-Server {{id}}",
      slack: "Slack-Workspace {{id}}",
      web: "Die Seite dieser Website",
      cli: "Die Kommandozeile",
      other: "Bereich {{id}}",
    },
    channel_named: "#{{channel}}",
    no_channel: "Kein Kanal",
    pseudonyms:
      "Lernende erscheinen als „student 7“, mit derselben Nummer im ganzen Server oder Workspace; echte Namen schaltet der Betreiber mit RECORDS_REAL_NAMES ein.",
    real_names: "Lernende erscheinen mit ihrer Plattform-ID: RECORDS_REAL_NAMES ist an.",
    empty: "{{where}}: noch keine Klassendaten. Sie erscheinen hier, sobald Lernende fragen.",
    loading: "Lädt…",
    download_csv: "CSV herunterladen",
    csv_note: "Die CSV hat eine Zeile pro Frage: dieselbe Datei, die /report anhängt.",
    in_all: "Insgesamt",
    assignment: "Aufgabe: {{assignment}}",
    questions: "Fragen",
    questions_value: "{{questions}} von {{students}}",
    modes: "lösen {{solve}} · Hinweis {{hint}} · prüfen {{check}} · erklären {{explain}}",
    hints: "Hinweise",
    hints_value: "{{steps}}, am tiefsten {{deepest}}",
    checks: "/check",
    checks_value: "{{checks}} — {{right}} richtig, {{wrong}} falsch",
    feedback: "Rückmeldungen",
    cost: "Kosten",
    cost_value: "{{tokens}} Modell-Tokens · {{seconds}} s in der Sandbox",
    by_whom: "Von wem",
    student: "Lernende:r",
    hint_steps: "Hinweisschritte",
    right_wrong: "Richtig / falsch",
    tokens: "Tokens",
    wrong_title: "Häufige falsche Antworten",
    wrong_none: "Noch keine falschen Antworten zum Gruppieren.",
    wrong_count: "{{attempts}} von {{students}}",
    wrong_question: "Gefragt als: {{question}}",
    example: "Beispiel: {{answer}} — „{{work}}“",
    example_bare: "Beispiel: {{answer}} (ohne Rechenweg)",
    assignments_title: "Aufgaben",
    new_assignment: "Neue Aufgabe",
    field_title: "Titel",
    title_placeholder: "Woche 3: Brüche",
    where_help:
      "web und web für die Seite dieser Website; sonst die Discord-Server-ID und die Kanal-ID oder die Slack-Team-ID und die Kanal-ID.",
    due: "Fällig (ISO-Datum und -Uhrzeit; ohne Zone = UTC)",
    problems: "Aufgaben — eine pro Zeile: Aufgabe :: Antwort oder Aufgabe :: Antwort :: Lösung",
    avoid: "Formulierungen, die Hinweise nie sagen dürfen — eine pro Zeile",
    create: "Aufgabe anlegen",
    created: "„{{title}}“ mit {{count}} Aufgabe(n) angelegt.",
    no_assignments: "Noch keine Aufgaben.",
    col_title: "Titel",
    col_where: "Wo",
    col_due: "Fällig (UTC)",
    col_problems: "Aufgaben",
    show_report: "Bericht",
    attempts_title: "Versuche: {{title}}",
    col_number: "Nr.",
    col_problem: "Aufgabe",
    col_students: "Lernende",
    col_attempts: "Versuche",
    col_solved: "Gelöst",
    col_wrong: "Häufige falsche Antworten",
    release_label: "Musterlösungen für Lernende",
    release_yes: "Nach dem Abgabetermin freigegeben",
    release_no: "Nie freigegeben",
    col_release: "Musterlösungen",
    released_after: "nach dem Abgabetermin",
    released_never: "nie",
  },
  space: { discord: "Server", slack: "Workspace", web: "Website" },
  withhold: {
    code_withheld: "Der Code, der die Antwort ausrechnet, kommt mit „Antwort aufdecken“.",
    reveal_rest:
      "**Die Schritte zur Antwort und die Antwort selbst sind bereit** – versuch es zuerst selbst, dann deck sie auf.",
    reveal_rest_slack:
      "Die Schritte zur endgültigen Antwort und die Antwort selbst sind bereit. Versuch es zuerst selbst, dann drück auf „Antwort aufdecken“, um sie zu sehen (nur du siehst sie).",
    spoiler_rest: "Die Schritte, die sie ausrechnen, liegen hinter der Schaltfläche unten.",
    show_rest: "Rest der Lösung anzeigen",
    never_rest:
      "Weiter gehe ich hier nicht: Die übrigen Schritte rechnen die endgültige Antwort aus – versuch sie selbst.",
  },
  explanation: {
    idea: "Die Idee",
    why: "Warum es funktioniert",
    together: "Zusammengesetzt",
    short: "Kurz gesagt",
  },
  /** Worked solutions of an assignment, released after its due date (commands/release.ts). */
  release: {
    policy_after: "Die Musterlösungen zu „{{title}}“ werden nach {{due}} freigegeben.",
    policy_since: "Die Musterlösungen zu „{{title}}“ sind freigegeben: Abgabe war {{due}}.",
    policy_never: "Die Musterlösungen zu „{{title}}“ werden nicht freigegeben.",
    saved_yes: "Die Musterlösungen werden nach dem Abgabetermin für die Lernenden freigegeben.",
    saved_no: "Die Musterlösungen werden nicht freigegeben.",
  },
  ladder: {
    titles: {
      notice: "Worauf du achten solltest",
      method: "Die Methode",
      first: "Ein erster Schritt",
    },
    hint: "Tipp {{index}}",
    solution: "Musterlösung",
    solution_step: "Musterlösung · Schritt {{index}} von {{total}}",
    idea: "Idee aus der Lösung: {{idea}}",
    general:
      "Schreib auf, was die Aufgabe dir gibt und wonach sie fragt, und arbeite dich Schritt für Schritt dorthin. Wenn du eine Antwort hast, prüfe sie mit `/check`.",
    fallback: {
      notice:
        "Lies die Frage noch einmal und benenne genau, wonach sie fragt und welche Angaben du brauchst, um dorthin zu kommen.",
      method:
        "Schreib das Gesuchte mithilfe des Gegebenen auf – als Gleichung, Formel oder Abzählung –, bevor du etwas ausrechnest.",
      first:
        "Probier dieselbe Art von Frage zuerst mit kleineren Zahlen, bei denen du jeden Fall von Hand prüfen kannst, und übertrag die Idee dann.",
    },
    closing: {
      hint: "💡 Versuch es zuerst selbst. Du kommst nicht weiter? Drück auf **Noch ein Tipp**.",
      solution: "💡 Das war der letzte Tipp. Immer noch festgefahren? Du kannst dir die **Musterlösung ansehen**.",
      none: "💡 Das war der letzte Tipp – jetzt versuch es selbst.",
    },
    methods: {
      divisors: {
        method:
          "Zähl die Teiler über die Primfaktorzerlegung: Ein Teiler von $p^a q^b$ wählt für $p$ einen Exponenten von 0 bis $a$ und für $q$ von 0 bis $b$, also gibt es $(a + 1)(b + 1)$ davon.",
        example: "Zum Beispiel hat $12 = 2^2 \\cdot 3$ genau $(2 + 1)(1 + 1) = 6$ Teiler: 1, 2, 3, 4, 6 und 12.",
      },
      factorization: {
        method:
          "Zerleg die Zahl in Primzahlpotenzen, $p^a \\cdot q^b \\cdots$; den Rest der Aufgabe liest du an diesen Exponenten ab.",
        example: "Zum Beispiel $72 = 2^3 \\cdot 3^2$: Die Exponenten sind 3 und 2.",
      },
      factoring: {
        method:
          "Zerleg das Polynom in Klammern wie $(x - a)(x - b)$ und setz jede Klammer gleich null: Das Produkt ist genau dann null, wenn ein Faktor null ist.",
        example: "Zum Beispiel $x^2 - 9x + 20 = (x - 4)(x - 5)$, denn $4 \\cdot 5 = 20$ und $4 + 5 = 9$.",
        example_2: "Zum Beispiel $x^2 - 11x + 30 = (x - 5)(x - 6)$, denn $5 \\cdot 6 = 30$ und $5 + 6 = 11$.",
      },
      binomial: {
        method:
          "Zähl die Auswahlmöglichkeiten mit Binomialkoeffizienten: $k$ von $n$ Dingen lassen sich auf $\\binom{n}{k}$ Arten auswählen.",
        example: "Zum Beispiel lassen sich 2 von 5 Dingen auf $\\binom{5}{2} = 10$ Arten auswählen.",
      },
      integral: {
        method: "Such eine Stammfunktion und werte sie an den beiden Grenzen aus: $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
        example: "Zum Beispiel $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$.",
      },
      derivative: {
        method:
          "Leite gliedweise mit der Potenzregel ab, $\\frac{d}{dx}x^n = n x^{n-1}$, und wo nötig mit der Kettenregel.",
        example: "Zum Beispiel $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$.",
      },
      cases: {
        method:
          "Zähl die Fälle systematisch auf und zähl die, die die Bedingung erfüllen, damit keiner fehlt oder doppelt gezählt wird.",
        example: "Zum Beispiel sind von 10 bis 19 die durch 3 teilbaren Zahlen 12, 15 und 18: drei Stück.",
      },
      sum: {
        method:
          "Schreib die Glieder aus und such ein Muster oder eine geschlossene Formel für ihre Summe, statt einzeln zu addieren.",
        example: "Zum Beispiel $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$.",
      },
      circle: {
        method: "Verwende die Flächenformel: Ein Kreis mit Radius $r$ hat die Fläche $A = \\pi r^2$.",
        example: "Zum Beispiel hat ein Kreis mit Radius 2 die Fläche $4\\pi \\approx 12.57$.",
      },
      product: {
        method:
          "Zerleg einen Faktor in Zehner und Einer, multiplizier jeden Teil mit dem anderen Faktor und addier die beiden Teilprodukte: $a \\times (b + c) = a \\times b + a \\times c$.",
        example: "Zum Beispiel $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$.",
      },
    },
  },
  check: {
    label: "Prüfung",
    correct_title: "Richtig",
    correct: "Deine Antwort ist richtig – sie folgt aus dieser Methode:\n> {{why}}",
    correct_no_why: "Deine Antwort ist richtig: Sie stimmt mit meiner Lösung überein.",
    work_holds: "Jede Zeile deines Rechenwegs, die ich prüfen konnte, stimmt.",
    wrong_title: "Noch nicht ganz",
    wrong: "Deine Antwort {{answer}} ist noch nicht richtig.",
    recheck_line: "Prüf diese Zeile deines Rechenwegs noch einmal:\n> {{line}}\n\n{{why}}",
    sides_differ: "Ihre beiden Seiten sind nicht gleich – rechne jede Seite noch einmal aus.",
    answer_appears: "Hier taucht deine Antwort zum ersten Mal auf: Prüf, wie sie aus der Zeile davor folgt.",
    recheck_idea: "Prüf deinen Rechenweg anhand dieser Idee:\n> {{idea}}",
    recheck_method: "Dann prüf die Methode:\n> {{method}}",
    no_advice: "Geh deinen Rechenweg Zeile für Zeile durch und prüf jedes Ergebnis.",
    unchecked_title: "Diese Antwort konnte ich nicht prüfen",
    unsolved: "Ich konnte die Aufgabe selbst nicht lösen, deshalb kann ich nicht sagen, ob deine Antwort richtig ist.",
    uncompared: "Ich konnte deine Antwort `{{answer}}` nicht mit meiner vergleichen; schreib sie als Zahl oder Formel.",
    unreadable_title: "Deine Antwort konnte ich nicht lesen",
    unreadable:
      "Ich konnte deine Antwort `{{answer}}` nicht als {{kind}} lesen, deshalb kann ich nicht sagen, ob sie richtig ist. Schreib nur die Antwort, zum Beispiel in LaTeX.",
    closing: {
      right: "✅ Deine Antwort ist richtig.",
      wrong: "❌ Noch nicht ganz – prüf das oben Zitierte und versuch es dann noch einmal mit /check.",
    },
  },
  shared: {
    by: "{{user}} hat die eigene Prüfung geteilt:",
  },
  assign: {
    saved: "Aufgabe **{{title}}** für <#{{channel}}> gespeichert, fällig am {{due}}, mit {{count}} Problem(en):",
    problem: "{{number}}. {{statement}}",
    how: "In diesem Kanal wird das `/check` einer Schülerin oder eines Schülers mit der Nummer des Problems (z. B. `/check 1` mit der Antwort) mit deiner Antwort bewertet; Hinweise folgen deiner Lösung und vermeiden deine {{avoid}} Formulierung(en).",
    pick: "Zu welchem Problem von **{{title}}** gehört diese Antwort?",
    pick_placeholder: "Wähle das Problem",
  },
  counts: {
    students_one: "{{count}} Lernenden",
    students_other: "{{count}} Lernenden",
    questions_one: "{{count}} Frage",
    questions_other: "{{count}} Fragen",
    attempts_one: "{{count}} Versuch",
    attempts_other: "{{count}} Versuche",
    steps_shown_one: "{{count}} Schritt gezeigt",
    steps_shown_other: "{{count}} Schritte gezeigt",
  },
  records: {
    report: {
      title: "**Klassenbericht — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "alle Kanäle",
      where_none: "kein Kanal",
      assignment: "Aufgabe {{assignment}}",
      empty: "Noch keine Klassendaten für {{where}}.",
      questions:
        "• Fragen: {{questions}} von {{students}} — lösen {{solve}} · Hinweis {{hint}} · prüfen {{check}} · erklären {{explain}}",
      by_whom: "• Von wem: {{list}}",
      hints: "• Hinweise: {{steps}}, der tiefste {{deepest}}",
      checks: "• /check: {{checks}} — {{right}} richtig, {{wrong}} falsch",
      feedback: "• Rückmeldungen: 👍 {{up}} · 👎 {{down}}",
      cost: "• Kosten: {{tokens}} Modell-Tokens · {{seconds}} s in der Sandbox",
      wrong_title: "**Häufige falsche Antworten**",
      wrong: "{{group}}. {{answers}} — {{attempts}} von {{students}} ({{question}})",
      example: "   z. B. {{answer}}: „{{work}}“",
      more: "… und mehr in der CSV.",
      csv: "Die CSV hat eine Zeile pro Frage.",
      total: "**Insgesamt:** {{questions}} von {{students}} · {{tokens}} Modell-Tokens · {{seconds}} s in der Sandbox",
    },
    usage: {
      title: "**Deine Fragen hier ({{space}})**",
      hour: "Diese Stunde",
      day: "Heute",
      window: "• {{window}}: {{used}} von {{limit}} — noch {{left}}",
      window_full: "• {{window}}: {{used}} von {{limit}} — keine mehr; die nächste wird frei in {{wait}}",
      window_free: "• {{window}}: {{used}} (ohne Limit)",
    },
    forgot_me:
      "Erledigt: Ich habe gelöscht, was ich hier ({{space}}) über dich gespeichert hatte — {{count}} insgesamt (Fragen, Prüfungen, Stimmen) — samt deinem Nutzungszähler und dem, was deine letzten Läufe aufbewahrt hatten.",
    forgot_channel_one: "Erledigt: Ich habe den {{count}} Klasseneintrag von <#{{channel}}> gelöscht.",
    forgot_channel_other: "Erledigt: Ich habe die {{count}} Klasseneinträge von <#{{channel}}> gelöscht.",
    no_channel: "Führe das in dem Kanal aus, dessen Daten du löschen willst.",
  },
  /** A student's /check verdict and hints in a shared channel: theirs alone until they share them. */
  private: {
    share: "Im Thread teilen",
    shared_by: "Geteilt von {{user}}:",
    shared: "Im Thread geteilt.",
    already_shared: "Das hast du schon im Thread geteilt.",
    locked: "🔒 {{user}}, dein Ergebnis ist fertig – nur du kannst es öffnen.",
    show_result: "Mein Ergebnis zeigen",
  },
  /** Die Regeln der Klasse in Worten: `/policy`, `/reveal` und wer Lehrkräften Vorbehaltenes tun darf. */
  policy: {
    who: {
      admin_slack: "Workspace-Admins und -Inhaber",
      admin_discord: "Server-Admins (Mitglieder mit „Server verwalten“)",
      teacher_slack:
        "Lehrkräfte sind die Mitglieder (oder die Benutzergruppe), die ein Workspace-Admin in `/tutor-settings` gewählt hat, sowie Workspace-Admins.",
      teacher_discord:
        "Lehrkräfte sind Mitglieder mit der Lehrkraft-Rolle, die ein Server-Admin mit `/settings teacher-role:` gewählt hat, sowie Mitglieder mit „Server verwalten“.",
    },
    nothing: "nichts",
    place: {
      workspace: "den ganzen Workspace",
      server: "den ganzen Server",
      thread_named: "den Thread „{{name}}“",
      thread: "diesen Thread",
      channel: "diesen Kanal",
      category_named: "die Kategorie {{name}}",
      category: "die Kategorie dieses Kanals",
    },
    reveal: {
      now: "Endergebnisse werden mit der Lösung angezeigt",
      button: "Endergebnisse liegen hinter einem Button „Antwort aufdecken“",
      never_settings: "Endergebnisse werden nie angezeigt (die Schritte schon, ohne das Ergebnis)",
      never:
        "Endergebnisse werden hier nie angezeigt, auch kein Programm und keine Ausgabe, die sie berechnet: nur Hinweise und Antwortprüfungen",
      teacher_released: "Endergebnisse liegen hinter „Antwort aufdecken“, freigegeben von einer Lehrkraft",
      teacher_waiting: "Endergebnisse bleiben verborgen, bis eine Lehrkraft hier `/reveal` ausführt",
      date_unknown: "Endergebnisse werden zu einem Datum freigegeben",
      date: "Endergebnisse bleiben bis {{when}} verborgen und liegen dann hinter „Antwort aufdecken“",
    },
    sentence: "{{sentence}}.",
    set_for: "{{sentence}} (festgelegt für {{where}}).",
    heading: "**Regeln für {{place}}**",
    allowed: "Erlaubt: {{modes}}.",
    code_shown: "Code und Ausgaben werden angezeigt.",
    code_hidden: "Code und Ausgaben werden nicht angezeigt.",
    hints: {
      up_to: "bis zu {{depth}}",
      one: "einzeln nacheinander",
      line: "Hinweise: {{depth}}.",
      line_strict: "Hinweise: {{depth}}, nie der ausgearbeitete Lösungsweg.",
    },
    limit: {
      none: "Keine Begrenzung der Fragen pro Schüler.",
      each: "Jeder Schüler darf {{limits}} stellen.",
      per_hour_one: "{{count}} Frage pro Stunde",
      per_hour_other: "{{count}} Fragen pro Stunde",
      per_day_one: "{{count}} Frage pro Tag",
      per_day_other: "{{count}} Fragen pro Tag",
    },
    saved: "Gespeichert für {{place}}.",
    instead: "nur {{modes}}",
    instead_none: "gar keine Fragen",
    released: "Antworten sind für {{place}} freigegeben: Schüler können jetzt „Antwort aufdecken“ drücken.",
    not_needed_never:
      "Antworten werden in diesem Kanal nie angezeigt; ändere zuerst seine Regeln mit `/policy reveal:`.",
    not_needed: "Antworten warten hier nicht auf eine Lehrkraft: `/policy` zeigt, wann sie angezeigt werden.",
    when_date: "Sie werden am {{when}} freigegeben",
    when_teacher: "Deine Lehrkraft gibt sie frei",
    problems: {
      modes: "nenne Modi aus solve, hint, check, explain, analyze, durch Kommas getrennt",
      reveal: "verwende now, button, never, teacher oder ein künftiges ISO-Datum mit Uhrzeit wie 2027-01-15T17:00Z",
      code: "verwende true oder false",
      hint_depth: "verwende eine Zahl von 1 bis 5",
      per_hour: "verwende eine Zahl von 0 (keine Begrenzung) bis 1000",
      per_day: "verwende eine Zahl von 0 (keine Begrenzung) bis 10000",
      scope: "verwende channel, category oder space",
    },
  },
} as const satisfies Catalog;
