/** French (tutoiement, as a tutor speaks to a student). Same keys and placeholders as `./en.ts`. */
import type { Catalog } from "./types.js";

export const fr = {
  status: {
    working: "Je m'en occupe…",
    retrying: "Un problème est survenu, nouvel essai dans un instant…",
    done: "Terminé.",
    stopped: "Arrêté.",
    cancelled: "Annulé.",
    failed: "Arrêté.",
  },
  progress: {
    thinking: "Réflexion…",
    thinking_long: "Réflexion… ({{size}}k caractères jusqu'ici)",
    cell_running: "Exécution de la cellule Python {{index}}…",
    cell_ran: "Cellule Python {{index}} exécutée, réflexion…",
    hint: "Vérification avec Python…",
    answer: "Réponse trouvée, rédaction en cours…",
    model_busy: "Le modèle est occupé, nouvel essai (tentative {{attempt}})…",
    rendering: "Rendu des formules et des figures…",
    cells_ran_one: "{{count}} cellule Python exécutée",
    cells_ran_many: "{{count}} cellules Python exécutées",
    cells_ran_other: "{{count}} cellules Python exécutées",
    elapsed: "{{seconds}} s",
  },
  notices: {
    run_cancelled: "Annulé.",
    retry_already_running: "Je m'en occupe déjà.",
    feedback_saved: "Merci pour ton avis !",
  },
  modes: {
    solve: { ack: "Je m'en occupe : je publierai la solution étape par étape dans ce fil." },
    hint: { ack: "Je réfléchis à une bonne première étape…" },
    check: { ack: "Je vérifie ta réponse…" },
    explain: { ack: "Je prépare une explication…" },
  },
  buttons: {
    cancel: "Annuler",
    retry: "Réessayer",
    show_code: "Voir le code",
    hide_code: "Masquer le code",
    next_step: "Étape suivante",
    reveal: "Afficher la réponse",
    helpful: "Utile",
    not_helpful: "Pas utile",
    step_of: "Étape {{index}}/{{total}}",
    stale: "Ce bouton n'est plus actif.",
  },
  steps: {
    of: "Étape {{index}} sur {{total}} · {{title}}",
    of_short: "Étape {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (suite)",
    code_of: "Étape {{index}}",
    output: "Sortie :",
    no_code: "Cette étape n'a exécuté aucun code.",
    formula: "Formule {{index}}",
    figure: "Figure {{index}}",
  },
  answer: {
    label: "Réponse :",
    hint_done: "💡 Voilà ton indice : essaie l'étape suivante toi-même. Bloqué ? Demande l'**Étape suivante**.",
    hint_done_slack:
      "Voilà comment commencer. Essaie l'étape suivante toi-même, ou demande-la avec *Étape suivante* ci-dessus.",
    right: "Ta réponse est juste.",
    wrong: "Pas tout à fait : relis les étapes ci-dessus et réessaie (la réponse reste cachée).",
    wrong_slack: "Ta réponse ne correspond pas. Revois l'étape indiquée ci-dessus.",
    undecided: "Je n'ai pas pu décider si ta réponse est juste.",
    explained: "Voilà toute l'explication : mentionne-moi avec une autre question si quelque chose n'est pas clair.",
    explained_slack: "Voilà l'explication. Réponds dans ce fil si une étape n'est pas claire.",
    none: "Je n'ai pas pu trouver de réponse finale à cette question.",
    none_slack: "Pas de réponse finale cette fois.",
    ready: "**La réponse finale est prête** : essaie d'abord toi-même, puis affiche-la.",
    ready_slack: "Voilà toute la solution. Affiche la réponse finale quand tu veux comparer.",
    every_step: "**Tu as toutes les étapes** : trouve la réponse finale toi-même.",
    whole_solution: "Voilà toute la solution.",
    fallback: "Réponse finale",
    fallback_explained: "Voilà l'explication.",
    fallback_none: "Pas de réponse finale.",
  },
  thread: {
    asked: "<@{{user}}> a demandé :",
    asked_with: "<@{{user}}> a demandé avec {{command}} :",
    question: "Question",
  },
  help: {
    intro:
      "**Je suis un tuteur de maths et de données.** Je résous les problèmes étape par étape, en exécutant Python quand c'est utile.",
    outro: {
      discord:
        "Mentionne-moi (ou réponds-moi) dans mon fil pour poser une question de suivi sur le même problème. " +
        "Boutons sous une réponse : Étape suivante · Voir le code · Afficher la réponse · Réessayer · Annuler ; " +
        "👍/👎 nous dit comment je m'en suis sorti.",
      slack:
        "Mentionne-moi dans un canal pour y poser une question, et réponds dans mon fil pour une question de suivi " +
        "sur le même problème. Boutons sous une réponse : Étape suivante · Voir le code · Afficher la réponse · " +
        "Réessayer · Annuler ; 👍/👎 nous dit comment je m'en suis sorti.",
      web:
        "Dépose un CSV (ou un autre fichier de données) sur le formulaire pour travailler à partir de données. " +
        "Sous une réponse : Étape suivante · Voir le code · Afficher la réponse · Annuler ; 👍/👎 nous dit comment " +
        "je m'en suis sorti.",
    },
    message_command: "*Applications → {{name}}* sur n'importe quel message",
  },
  space: { discord: "serveur", slack: "espace de travail", web: "site" },
} as const satisfies Catalog;
