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
    parent_stopped: "⏹️ Ohne Antwort gestoppt – siehe {{name}}.",
    parent_cancelled: "⏹️ Vor der Antwort gestoppt – „Erneut versuchen“ steht in {{name}}.",
    the_thread: "dem Thread",
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
    code_of: "Schritt {{index}}",
    output: "Ausgabe:",
    output_cut: "… ({{count}} weitere Zeichen: Code anzeigen)",
    no_code: "Dieser Schritt hat keinen Code ausgeführt.",
    no_code_run: "Diese Lösung hat keinen Code ausgeführt.",
    code_behind: "Der Code hinter dieser Lösung",
    formula: "Formel {{index}}",
    figure: "Abbildung {{index}}",
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
    ready_rest:
      "**Die Schritte zur Antwort und die Antwort sind bereit** – versuch es zuerst selbst, dann deck sie auf.",
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
      counted: "Häng höchstens {{limit}} Dateien pro Frage an (du hast {{sent}} geschickt).",
      limit: "Häng höchstens {{limit}} Dateien pro Frage an.",
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
      plain: "Du hast deine {{limit}} Fragen für heute aufgebraucht.",
      wait: "Du hast deine {{limit}} Fragen für heute aufgebraucht – du kannst in {{wait}} wieder fragen.",
    },
    hourly_limit: {
      wait: "Du hast das Limit dieses Servers von {{limit}} Fragen pro Stunde erreicht – versuch es in {{minutes}} min noch einmal.",
      unknown: "Du hast das stündliche Fragenlimit dieses Servers erreicht.",
      plain: "Du hast das Limit dieses Servers von {{limit}} Fragen pro Stunde erreicht.",
    },
    not_allowed_here:
      "In diesem Kanal antworte ich nicht. Frag in einem der Kanäle, die dein Server für mich eingerichtet hat.",
    permission_missing:
      "Ich kann hier nicht posten: Bitte einen Server-Admin, mir das Senden von Nachrichten und Dateien zu erlauben.",
    dm_closed:
      "Ich kann dir keine Direktnachricht schicken. Erlaube Direktnachrichten von mir in deinen Privatsphäre-Einstellungen oder frag noch einmal ohne `private`.",
    admin_only: "Nur Server-Admins können meine Einstellungen ändern.",
    admin_only_who: "Nur {{who}} können meine Einstellungen ändern.",
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
    no_output: "(keine Ausgabe)",
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
      help: "wie dieser {{space}} Antworten zeigt, Stundenlimits und wo ich antworte (Admins des {{space}} können das ändern)",
    },
    help: {
      help: "diese Liste",
    },
    "solve-with-start": {
      help: "löst die Frage in dieser Nachricht, Schritt für Schritt in einem Thread",
    },
  },
  space: { discord: "Server", slack: "Workspace", web: "Website" },
} as const satisfies Catalog;
