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
    no_code: "Dieser Schritt hat keinen Code ausgeführt.",
    formula: "Formel {{index}}",
    figure: "Abbildung {{index}}",
  },
  answer: {
    label: "Antwort:",
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
  space: { discord: "Server", slack: "Workspace", web: "Website" },
} as const satisfies Catalog;
