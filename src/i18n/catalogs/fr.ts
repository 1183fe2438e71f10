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
    parent_done: "✅ Terminé — la solution est dans {{name}}.",
    parent_private: "✅ Terminé — le résultat n’est visible que par l’élève qui a demandé.",
    parent_stopped: "⏹️ Arrêté sans réponse — voir {{name}}.",
    parent_cancelled: "⏹️ Arrêté avant la réponse — Réessayer est dans {{name}}.",
    the_thread: "le fil",
    below: "les messages ci-dessous",
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
  ask: {
    in_dms: "{{ack}} Je te répondrai en message privé.",
    your_question: "Ta question",
    attached_file: "(le fichier joint)",
    thread_about: "À propos de {{file}}",
    thread_question: "Question",
  },
  buttons: {
    cancel: "Annuler",
    retry: "Réessayer",
    show_code: "Voir le code",
    hide_code: "Masquer le code",
    next_step: "Étape suivante",
    next_hint: "Un autre indice",
    next_solution: "Voir une solution détaillée",
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
    cell_ref: "(cellule {{index}})",
    cell_label: "Cellule {{index}} :",
    code_of: "Étape {{index}}",
    false_start: "*Le premier essai a levé {{error}} — corrigé dans la cellule ci-dessous.*",
    an_error: "une erreur",
    output: "Sortie :",
    output_hidden: "Sortie masquée jusqu'à ce que tu affiches la réponse : elle la donne.",
    output_cut: "… ({{count}} caractères de plus : Voir le code)",
    no_code: "Cette étape n'a exécuté aucun code.",
    no_code_run: "Cette solution n'a exécuté aucun code.",
    code_behind: "Le code derrière cette solution",
    formula: "Formule {{index}}",
    formula_ref: "(formule {{index}} ↓)",
    figure: "Figure {{index}}",
    figure_reduced: "Figure {{index}} (réduite de {{width}}×{{height}} px pour tenir dans la limite d'envoi)",
  },
  cell_output: {
    none: "(aucune sortie)",
    figure: "(une figure, ci-dessous)",
    not_run: "(non exécutée : la limite d'exécutions de code est atteinte)",
    error_line: "✗ Ligne {{line}} : {{source}}",
    memory: "La cellule a demandé plus de mémoire qu'une question ne peut en utiliser.",
    processes: "La cellule a lancé plus de processus qu'une question ne le peut.",
    timeout: "⏱ Arrêtée : la cellule a tourné plus de {{seconds}} s.",
    timeout_unknown: "⏱ Arrêtée : la cellule a tourné trop longtemps.",
    cancelled: "⏹ Arrêtée avant la fin : l'exécution a été annulée.",
    cancelled_before: "⏹ Non exécutée : l'exécution a été annulée.",
    cpu_spent:
      "⏱ Non exécutée : le Python de cette question a utilisé ses {{seconds}} secondes de CPU, le maximum pour une question.",
    crashed: "✗ Python s'est arrêté pendant cette cellule (une limite a peut-être été atteinte).",
    closed: "⏹ Non exécutée : l'exécution était déjà terminée.",
    restarted: "Python a été redémarré : les valeurs des cellules précédentes sont perdues.",
    restarted_before:
      "Python s'était arrêté avant cette cellule et a été redémarré : les valeurs des cellules précédentes sont perdues.",
    truncated: "(sortie coupée : la cellule a affiché plus que ce qui est gardé)",
    figures_not_kept_one: "({{count}} figure non gardée : une question garde au plus {{max}} figures.)",
    figures_not_kept_many: "({{count}} figures non gardées : une question garde au plus {{max}} figures.)",
    figures_not_kept_other: "({{count}} figures non gardées : une question garde au plus {{max}} figures.)",
  },
  titles: {
    set_up: "Mise en place",
    work_it_out: "Calculer",
    finish: "Finir le calcul",
    check_result: "Vérifier le résultat",
    conclude: "Conclure",
    where_it_ended: "Où cela s'est arrêté",
    in_short: "En bref",
    how_to_start: "Comment commencer",
    add_cases: "Additionner les cas",
    count_by_cases: "Compter par cas",
    try_python: "L'essayer en Python",
    plot: "Le tracer",
    read_data: "Lire les données",
    calculate_python: "Calculer avec Python",
    check_python: "Vérifier avec Python",
    correct: "Juste !",
    not_quite: "Pas tout à fait",
    could_not_check: "Impossible de vérifier cette réponse",
    could_not_read: "Impossible de lire ta réponse",
    answer: "Réponse",
  },
  answer: {
    label: "Réponse :",
    final_label: "Réponse finale :",
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
  errors: {
    words: { the_file: "Le fichier", this_file: "Ce fichier", your_file: "ton fichier" },
    empty_question: "La question est vide : écris un problème après la commande, ou joins un fichier.",
    question_too_long: {
      counted:
        "La question fait {{length, number}} caractères ; la limite est de {{limit, number}}. Raccourcis-la, ou joins les longues données dans un fichier.",
      plain: "La question est trop longue. Raccourcis-la, ou joins les longues données dans un fichier.",
    },
    missing_answer: "Pour vérifier ton travail, ajoute ta réponse, par ex. `/check answer: 42`.",
    too_many_attachments: {
      counted_one: "Joins au plus {{limit}} fichier par question (tu en as envoyé {{sent}}).",
      counted_many: "Joins au plus {{limit}} fichiers par question (tu en as envoyé {{sent}}).",
      counted_other: "Joins au plus {{limit}} fichiers par question (tu en as envoyé {{sent}}).",
      limit_one: "Joins au plus {{limit}} fichier par question.",
      limit_many: "Joins au plus {{limit}} fichiers par question.",
      limit_other: "Joins au plus {{limit}} fichiers par question.",
      plain: "Trop de fichiers : joins moins de fichiers par question.",
    },
    attachment_too_large: {
      sized:
        "{{file}} fait {{size}} ; la limite est de {{limit}} par fichier. Envoie un extrait plus petit (par ex. les premières lignes du CSV).",
      limit:
        "{{file}} est trop volumineux ; la limite est de {{limit}} par fichier. Envoie un extrait plus petit (par ex. les premières lignes du CSV).",
      plain: "{{file}} est trop volumineux. Envoie un extrait plus petit (par ex. les premières lignes du CSV).",
    },
    unsupported_file:
      "{{file}} n'est pas un type de fichier que je sais lire. Joins des données ou du texte (CSV, JSON, TXT, …) ou une image.",
    file_unreadable: "Je n'ai pas pu télécharger {{file}}. Joins-le à nouveau, s'il te plaît.",
    rate_limited: {
      user: "Tu poses des questions plus vite que je ne peux répondre — {{wait}}.",
      space: "Ce serveur envoie beaucoup de questions en ce moment — {{wait}}.",
      wait: "réessaie dans {{seconds}} s",
      moment: "réessaie dans un instant",
    },
    daily_limit: {
      plain_one: "Tu as utilisé ta {{limit}} question du jour.",
      plain_many: "Tu as utilisé tes {{limit}} questions du jour.",
      plain_other: "Tu as utilisé tes {{limit}} questions du jour.",
      wait_one: "Tu as utilisé ta {{limit}} question du jour — tu pourras redemander dans {{wait}}.",
      wait_many: "Tu as utilisé tes {{limit}} questions du jour — tu pourras redemander dans {{wait}}.",
      wait_other: "Tu as utilisé tes {{limit}} questions du jour — tu pourras redemander dans {{wait}}.",
    },
    hourly_limit: {
      wait_one: "Tu as atteint la limite de ce serveur, {{limit}} question par heure — réessaie dans {{minutes}} min.",
      wait_many:
        "Tu as atteint la limite de ce serveur, {{limit}} questions par heure — réessaie dans {{minutes}} min.",
      wait_other:
        "Tu as atteint la limite de ce serveur, {{limit}} questions par heure — réessaie dans {{minutes}} min.",
      unknown: "Tu as atteint la limite de questions par heure de ce serveur.",
      plain_one: "Tu as atteint la limite de ce serveur, {{limit}} question par heure.",
      plain_many: "Tu as atteint la limite de ce serveur, {{limit}} questions par heure.",
      plain_other: "Tu as atteint la limite de ce serveur, {{limit}} questions par heure.",
    },
    not_allowed_here:
      "Je ne réponds pas dans ce canal. Pose ta question dans un des canaux que ton serveur m'a réservés.",
    permission_missing:
      "Je ne peux pas publier ici : demande à un admin du serveur de m'autoriser à envoyer des messages et des fichiers.",
    dm_closed:
      "Je ne peux pas t'envoyer de message privé. Autorise mes messages privés dans tes paramètres de confidentialité, ou repose la question sans `private`.",
    admin_only: "Seuls les admins du serveur peuvent modifier mes réglages.",
    admin_only_who: "Seuls {{who}} peuvent modifier mes réglages.",
    teacher_only: {
      who: "Seuls les enseignants peuvent faire cela ici. {{who}}",
      plain: "Seuls les enseignants peuvent faire cela ici. Demande à ton enseignant.",
    },
    mode_not_allowed: {
      named:
        "`{{name}}` n’est pas autorisé dans ce salon : ton enseignant a choisi {{who}}. `/policy` indique ce qui est autorisé ici.",
      plain:
        "Ce n’est pas autorisé dans ce salon : ton enseignant a choisi {{who}}. `/policy` indique ce qui est autorisé ici.",
      other_modes: "d’autres modes",
    },
    invalid_policy: {
      named_why: "Cette règle ({{name}}) n’est pas valide : {{why}}.",
      named: "Cette règle ({{name}}) n’est pas valide.",
      plain: "Cette règle n’est pas valide.",
    },
    not_released: {
      when: "Les réponses ici ne sont pas encore libérées : {{when}}. Essaie l’étape suivante, ou vérifie ta propre réponse.",
      plain: "Les réponses ici ne sont pas encore libérées. Essaie l’étape suivante, ou vérifie ta propre réponse.",
    },
    invalid_setting: {
      named: "Ce réglage ({{name}}) n'est pas valide. Utilise `/settings` pour voir les options.",
      plain: "Ce réglage n'est pas valide. Utilise `/settings` pour voir les options.",
    },
    unknown_command: {
      named:
        "Je ne peux pas exécuter cette commande telle qu'elle a été envoyée — elle vient peut-être d'une version plus récente ou plus ancienne de moi. `{{name}}` liste ce que je sais faire ici.",
      plain:
        "Je ne peux pas exécuter cette commande telle qu'elle a été envoyée — elle vient peut-être d'une version plus récente ou plus ancienne de moi. L'aide liste ce que je sais faire ici.",
    },
    unknown_run: "Je n'ai plus cette question. Pose-la à nouveau, s'il te plaît.",
    run_in_progress: "Je travaille encore sur cette question — réessaie quand les étapes seront publiées.",
    already_finished: "Cette question a déjà sa réponse.",
    not_your_run: "Seule la personne qui a posé cette question, ou un enseignant, peut faire cela.",
    no_more_steps: "C'était la dernière étape.",
    reveal_disabled: "Je ne montre pas la réponse ici. Essaie l'étape suivante, ou vérifie ta propre réponse.",
    solution_not_released: {
      after:
        "Les solutions détaillées de « {{title}} » sont publiées après le {{due}}. D'ici là, demande un indice ou vérifie ta propre réponse.",
      never:
        "Ton enseignant ne publie pas les solutions détaillées de « {{title}} ». Demande un indice, ou vérifie ta propre réponse.",
    },
    no_answer: "Je n'ai pas pu trouver de réponse finale à cette question. Reformule-la, ou réessaie.",
    max_tokens:
      "Cette question demandait plus de réflexion que je n'ai le droit d'en faire. Découpe-la en parties plus petites.",
    deadline: "Cette question a pris trop de temps et a été arrêtée. Essaie avec une partie plus petite.",
    cancelled: "Annulé.",
    attachment_missing:
      "Ton fichier n'est plus disponible (les fichiers sont gardés pendant un temps limité). Joins-le à nouveau, s'il te plaît.",
    sandbox_unavailable: "Je ne peux pas exécuter Python pour le moment. Réessaie dans quelques minutes.",
    model_down: "Le modèle du tuteur ne répond pas pour le moment. Réessaie dans quelques minutes.",
    model_busy: "Le tuteur est très occupé en ce moment. Réessaie dans une minute.",
    model_error: "Le modèle du tuteur a refusé cette question. Essaie de la reformuler.",
    queue_unavailable:
      "Je ne peux pas prendre de questions pour l'instant (ma file d'attente redémarre). Réessaie dans une minute.",
    run_failed: "Désolé, je n'ai pas pu terminer cette question. Réessaie plus tard.",
    internal: "Quelque chose s'est mal passé de mon côté. Réessaie plus tard.",
  },
  web: {
    tagline: "Des questions de maths et de données, résolues étape par étape avec Python.",
    what_can_i_ask: "Que puis-je demander ?",
    demo: "Ceci est le <strong>modèle de démonstration</strong> : il ne connaît que quelques questions préparées (essaie la somme des chiffres de 2^100). Pour de vraies réponses, branche-le sur un serveur START :",
    token_label: "Ce serveur demande son jeton d'accès (<code>WEB_TOKEN</code>) :",
    use_token: "Utiliser le jeton",
    your_question: "Ta question",
    question_placeholder: "Quelle est la somme des chiffres de 2^100 ?",
    ask_help: "Ctrl+Entrée (⌘+Entrée) envoie la question. Les maths entre <code>$…$</code> sont acceptées.",
    mode: "Mode",
    your_answer: "Ta réponse",
    answer_placeholder: "par ex. 115",
    drop: "Dépose un CSV ici (facultatif), ou",
    choose_files: "Choisir des fichiers…",
    ask: "Demander",
    cells_label: "Cellules Python pendant leur exécution",
    history_title: "Tes questions précédentes",
    history_empty: "Les questions posées dans ce navigateur apparaissent ici.",
    sending: "Envoi…",
    cancelling: "Annulation…",
    remove: "Retirer",
    remove_file: "Retirer {{name}}",
    python_cell: "Cellule Python {{index}}",
    output_later: "Exécutée. Sa sortie s'affiche avec les étapes.",
    correct: "Ta réponse est juste.",
    not_correct: "Ta réponse n'est pas encore juste.",
    server_answered: "Le serveur a répondu {{status}}.",
    no_longer_stored: "Cette question n'est plus conservée.",
    reconnecting: "Connexion perdue, reconnexion… ({{error}})",
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
  /** The command table's texts /help and the web page show (English: commands/table.ts). */
  commands: {
    ask: {
      help: "la solution complète, une étape par message (joins un CSV ou un autre fichier de données si tu veux ; un fichier seul suffit)",
      label: "Résoudre : toutes les étapes",
      slack: {
        help: "la solution complète, une étape par message dans un fil (pour travailler sur un fichier, utilise `/analyze`)",
      },
    },
    hint: {
      help: "seulement comment commencer ; demande l'étape suivante quand tu es prêt",
      label: "Indice : seulement comment commencer",
    },
    check: {
      help: "te dit si ta réponse est juste, sans dévoiler la solution",
      label: "Vérifier ma réponse",
    },
    explain: {
      help: "une explication étape par étape d'une notion",
      label: "Expliquer une notion",
    },
    analyze: {
      help: "travaille sur un fichier de données (CSV, XLSX, JSON) avec pandas : chiffres et graphiques",
      slack: {
        help: "travaille sur le dernier fichier que tu as partagé dans ce canal (CSV, JSON, texte) avec pandas : chiffres et graphiques",
      },
    },
    settings: {
      help: "comment ce {{space}} affiche les réponses, les limites par heure, où je réponds et qui sont les enseignants (les admins du {{space}} peuvent les modifier)",
    },
    help: {
      help: "cette liste",
    },
    "solve-with-start": {
      help: "résout la question de ce message, étape par étape dans un fil",
    },
    policy: {
      help: "ce qui est permis dans ce salon et quand les réponses sont affichées (les enseignants le modifient)",
    },
    reveal: {
      help: "publie les réponses dans un salon dont la règle attend un enseignant (enseignants uniquement)",
    },
    assign: {
      help: "crée un devoir pour un salon : `/check` y est noté d'après vos réponses (enseignants uniquement)",
    },
    report: {
      help: "ce qui a été demandé ici, les indices, les vérifications et les erreurs fréquentes, et le coût, avec un CSV (enseignants)",
    },
    usage: {
      help: "combien de questions il te reste cette heure-ci et aujourd'hui",
    },
    "forget-me": {
      help: "efface tout ce que j'ai enregistré sur toi dans ce {{space}}, immédiatement",
    },
    "forget-channel": {
      help: "efface les données de classe de ce salon (enseignants)",
    },
  },
  teacher: {
    off: "La page enseignant est désactivée : l'exploitant l'active avec WEB_TEACHER_TOKEN.",
    wrong_token: "Ce n'est pas le jeton enseignant.",
    log_in: "Connectez-vous d'abord avec le jeton enseignant.",
    no_assignment: "Ce devoir n'existe pas.",
    not_in_scope: "Ce jeton enseignant ne peut pas lire ce serveur ou cet espace de travail.",
    title: "start-tutor — enseignant",
    tagline: "Votre classe : ce que les élèves ont demandé, où ils ont bloqué, et les devoirs que vous avez donnés.",
    log_in_title: "Connexion",
    token: "Jeton enseignant",
    log_in_button: "Se connecter",
    log_out: "Se déconnecter",
    report_title: "Rapport de classe",
    space: "Serveur ou espace de travail",
    channel: "Salon",
    every_channel: "Tous les salons",
    scope_all:
      "Ce jeton lit chaque serveur Discord, espace de travail Slack et la page de ce site qui ont des traces de classe ou des devoirs.",
    scope_some: "Ce jeton lit seulement : {{list}} (WEB_TEACHER_SPACES).",
    kinds: {
      discord: "Serveur Discord {{id}}",
      slack: "Espace de travail Slack {{id}}",
      web: "La page de ce site",
      cli: "La ligne de commande",
      other: "Espace {{id}}",
    },
    channel_named: "#{{channel}}",
    no_channel: "Aucun salon",
    pseudonyms:
      "Les élèves apparaissent comme « student 7 », le même numéro dans tout le serveur ou l'espace de travail ; l'exploitant active les vrais noms avec RECORDS_REAL_NAMES.",
    real_names: "Les élèves apparaissent avec leur identifiant de plateforme : RECORDS_REAL_NAMES est activé.",
    empty: "{{where}} : pas encore de traces de classe. Elles apparaissent ici dès que les élèves posent une question.",
    loading: "Chargement…",
    download_csv: "Télécharger le CSV",
    csv_note: "Le CSV a une ligne par question : le même fichier que joint /report.",
    in_all: "Au total",
    assignment: "Devoir : {{assignment}}",
    questions: "Questions",
    questions_value: "{{questions}} par {{students}}",
    modes: "résoudre {{solve}} · indice {{hint}} · vérifier {{check}} · expliquer {{explain}}",
    hints: "Indices",
    hints_value: "{{steps}}, la plus profonde {{deepest}}",
    checks: "/check",
    checks_value: "{{checks}} — {{right}} justes, {{wrong}} fausses",
    feedback: "Avis",
    cost: "Coût",
    cost_value: "{{tokens}} jetons du modèle · {{seconds}} s dans le bac à sable",
    by_whom: "Par qui",
    student: "Élève",
    hint_steps: "Étapes d'indice",
    right_wrong: "Juste / faux",
    tokens: "Jetons",
    wrong_title: "Erreurs fréquentes",
    wrong_none: "Pas encore de mauvaise réponse à regrouper.",
    wrong_count: "{{attempts}} par {{students}}",
    wrong_question: "Demandé ainsi : {{question}}",
    example: "Exemple : {{answer}} — « {{work}} »",
    example_bare: "Exemple : {{answer}} (sans raisonnement)",
    assignments_title: "Devoirs",
    new_assignment: "Nouveau devoir",
    field_title: "Titre",
    title_placeholder: "Semaine 3 : fractions",
    where_help:
      "web et web pour la page de ce site ; sinon l'identifiant du serveur Discord et celui du salon, ou l'identifiant de l'équipe Slack et celui du salon.",
    due: "À rendre (date-heure ISO ; sans fuseau = UTC)",
    problems: "Problèmes — un par ligne : problème :: réponse, ou problème :: réponse :: solution",
    avoid: "Phrases que les indices ne doivent jamais dire — une par ligne",
    create: "Créer le devoir",
    created: "« {{title}} » créé avec {{count}} problème(s).",
    no_assignments: "Pas encore de devoir.",
    col_title: "Titre",
    col_where: "Où",
    col_due: "À rendre (UTC)",
    col_problems: "Problèmes",
    show_report: "Rapport",
    attempts_title: "Tentatives : {{title}}",
    col_number: "n°",
    col_problem: "Problème",
    col_students: "Élèves",
    col_attempts: "Tentatives",
    col_solved: "Résolu",
    col_wrong: "Erreurs fréquentes",
    release_label: "Solutions rédigées pour les élèves",
    release_yes: "Publiées après la date limite",
    release_no: "Jamais publiées",
    col_release: "Solutions rédigées",
    released_after: "après la date limite",
    released_never: "jamais",
  },
  space: { discord: "serveur", slack: "espace de travail", web: "site" },
  withhold: {
    code_withheld: "Le code qui calcule la réponse arrive avec « Afficher la réponse ».",
    reveal_rest:
      "**Les étapes qui mènent à la réponse, et la réponse, sont prêtes** — essaie d'abord toi-même, puis affiche-les.",
    reveal_rest_slack:
      "Les étapes qui mènent à la réponse finale, et la réponse elle-même, sont prêtes. Essaie d'abord toi-même, puis appuie sur « Afficher la réponse » pour les voir (toi seul les verras).",
    spoiler_rest: "Les étapes qui la calculent sont derrière le bouton ci-dessous.",
    show_rest: "Afficher la suite de la solution",
    never_rest: "Je m'arrête là ici : les étapes restantes calculent la réponse finale ; fais-les toi-même.",
  },
  explanation: {
    idea: "L'idée",
    why: "Pourquoi ça marche",
    together: "En assemblant",
    short: "En bref",
  },
  /** Worked solutions of an assignment, released after its due date (commands/release.ts). */
  release: {
    policy_after: "Les solutions détaillées de « {{title}} » sont publiées après le {{due}}.",
    policy_since: "Les solutions détaillées de « {{title}} » sont publiées : le rendu était le {{due}}.",
    policy_never: "Les solutions détaillées de « {{title}} » ne sont pas publiées.",
    saved_yes: "Les solutions détaillées sont montrées aux élèves après la date de rendu.",
    saved_no: "Les solutions détaillées ne sont pas montrées.",
  },
  ladder: {
    titles: {
      notice: "Ce qu'il faut remarquer",
      method: "La méthode",
      first: "Une première étape",
    },
    hint: "Indice {{index}}",
    solution: "Solution détaillée",
    solution_step: "Solution détaillée · étape {{index}} sur {{total}}",
    idea: "Idée de la solution : {{idea}}",
    general:
      "Note ce que le problème te donne et ce qu'il demande, puis avance vers le but une étape à la fois. Quand tu as une réponse, vérifie-la avec `/check`.",
    fallback: {
      notice:
        "Relis la question et dis exactement ce qu'elle demande, et quelles données tu vas devoir utiliser pour y arriver.",
      method:
        "Écris ce que tu cherches en fonction de ce qui est donné — une équation, une formule ou un dénombrement — avant de calculer quoi que ce soit.",
      first:
        "Essaie d'abord le même genre de question avec de plus petits nombres, où tu peux vérifier chaque cas à la main, puis généralise l'idée.",
    },
    closing: {
      hint: "💡 Essaie d'abord toi-même. Bloqué ? Appuie sur **Un autre indice**.",
      solution: "💡 C'était le dernier indice. Toujours bloqué ? Tu peux **Voir une solution détaillée**.",
      none: "💡 C'était le dernier indice — à toi de jouer maintenant.",
    },
    methods: {
      divisors: {
        method:
          "Compte les diviseurs à partir de la décomposition en facteurs premiers : un diviseur de $p^a q^b$ choisit un exposant de 0 à $a$ pour $p$ et de 0 à $b$ pour $q$, il y en a donc $(a + 1)(b + 1)$.",
        example: "Par exemple, $12 = 2^2 \\cdot 3$ a $(2 + 1)(1 + 1) = 6$ diviseurs : 1, 2, 3, 4, 6 et 12.",
      },
      factorization: {
        method:
          "Décompose le nombre en puissances de nombres premiers, $p^a \\cdot q^b \\cdots$ ; le reste du problème se lit sur ces exposants.",
        example: "Par exemple, $72 = 2^3 \\cdot 3^2$ : les exposants sont 3 et 2.",
      },
      factoring: {
        method:
          "Factorise le polynôme en parenthèses comme $(x - a)(x - b)$ et annule chaque parenthèse : le produit est nul exactement quand l'un des facteurs l'est.",
        example: "Par exemple, $x^2 - 9x + 20 = (x - 4)(x - 5)$, car $4 \\cdot 5 = 20$ et $4 + 5 = 9$.",
        example_2: "Par exemple, $x^2 - 11x + 30 = (x - 5)(x - 6)$, car $5 \\cdot 6 = 30$ et $5 + 6 = 11$.",
      },
      binomial: {
        method:
          "Compte les choix avec les coefficients binomiaux : on peut choisir $k$ objets parmi $n$ de $\\binom{n}{k}$ façons.",
        example: "Par exemple, on peut choisir 2 objets parmi 5 de $\\binom{5}{2} = 10$ façons.",
      },
      integral: {
        method: "Trouve une primitive et évalue-la aux deux bornes : $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
        example: "Par exemple, $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$.",
      },
      derivative: {
        method:
          "Dérive terme à terme avec la règle des puissances, $\\frac{d}{dx}x^n = n x^{n-1}$, et la règle de dérivation des fonctions composées si besoin.",
        example: "Par exemple, $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$.",
      },
      cases: {
        method:
          "Énumère les cas de façon systématique et compte ceux qui vérifient la condition, pour n'en oublier aucun ni en compter deux fois.",
        example: "Par exemple, entre 10 et 19, les nombres divisibles par 3 sont 12, 15 et 18 : il y en a trois.",
      },
      sum: {
        method:
          "Écris les termes et cherche un motif ou une formule close pour leur somme au lieu de les additionner un par un.",
        example: "Par exemple, $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$.",
      },
      circle: {
        method: "Utilise la formule de l'aire : un disque de rayon $r$ a pour aire $A = \\pi r^2$.",
        example: "Par exemple, un disque de rayon 2 a pour aire $4\\pi \\approx 12.57$.",
      },
      product: {
        method:
          "Décompose un facteur en dizaines et unités, multiplie chaque partie par l'autre facteur, puis additionne les deux produits partiels : $a \\times (b + c) = a \\times b + a \\times c$.",
        example: "Par exemple, $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$.",
      },
    },
  },
  check: {
    label: "Vérification",
    correct_title: "Correct",
    correct: "Ta réponse est juste — elle découle de cette méthode :\n> {{why}}",
    correct_no_why: "Ta réponse est juste : elle concorde avec la solution que j'ai trouvée.",
    work_holds: "Chaque ligne de ton raisonnement que j'ai pu vérifier est juste.",
    wrong_title: "Pas tout à fait",
    wrong: "Ta réponse {{answer}} n'est pas encore juste.",
    recheck_line: "Revérifie cette ligne de ton raisonnement :\n> {{line}}\n\n{{why}}",
    sides_differ: "Ses deux membres ne sont pas égaux — recalcule chacun d'eux.",
    answer_appears:
      "C'est ici que ta réponse apparaît pour la première fois : vérifie comment elle découle de la ligne précédente.",
    recheck_idea: "Revérifie ton raisonnement à la lumière de cette idée :\n> {{idea}}",
    recheck_method: "Puis vérifie la méthode :\n> {{method}}",
    no_advice: "Reprends ton raisonnement ligne par ligne et vérifie chaque résultat.",
    unchecked_title: "Impossible de vérifier cette réponse",
    unsolved: "Je n'ai pas pu résoudre le problème moi-même, je ne peux donc pas dire si ta réponse est juste.",
    uncompared:
      "Je n'ai pas pu comparer ta réponse `{{answer}}` à la mienne ; essaie de l'écrire sous forme de nombre ou de formule.",
    unreadable_title: "Impossible de lire ta réponse",
    unreadable:
      "Je n'ai pas pu lire ta réponse `{{answer}}` comme {{kind}}, je ne peux donc pas dire si elle est juste. Essaie d'écrire seulement la réponse, par exemple en LaTeX.",
    closing: {
      right: "✅ Ta réponse est juste.",
      wrong: "❌ Pas tout à fait — revérifie ce qui est cité ci-dessus, puis réessaie /check.",
    },
  },
  shared: {
    by: "{{user}} a partagé sa vérification :",
  },
  assign: {
    saved: "Devoir **{{title}}** enregistré pour <#{{channel}}>, à rendre le {{due}}, avec {{count}} problème(s) :",
    problem: "{{number}}. {{statement}}",
    how: "Dans ce canal, le `/check` d'un élève avec le numéro du problème (par ex. `/check 1` avec sa réponse) est noté d'après ta réponse ; les indices suivent ta solution et évitent tes {{avoid}} expression(s).",
    pick: "À quel problème de **{{title}}** cette réponse correspond-elle ?",
    pick_placeholder: "Choisis le problème",
  },
  counts: {
    students_one: "{{count}} élève",
    students_many: "{{count}} élèves",
    students_other: "{{count}} élèves",
    questions_one: "{{count}} question",
    questions_many: "{{count}} questions",
    questions_other: "{{count}} questions",
    attempts_one: "{{count}} tentative",
    attempts_many: "{{count}} tentatives",
    attempts_other: "{{count}} tentatives",
    steps_shown_one: "{{count}} étape montrée",
    steps_shown_many: "{{count}} étapes montrées",
    steps_shown_other: "{{count}} étapes montrées",
  },
  records: {
    report: {
      title: "**Rapport de la classe — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "tous les canaux",
      where_none: "aucun canal",
      assignment: "devoir {{assignment}}",
      empty: "Pas encore de données de classe pour {{where}}.",
      questions:
        "• Questions : {{questions}} de {{students}} — résoudre {{solve}} · indice {{hint}} · vérifier {{check}} · expliquer {{explain}}",
      by_whom: "• Par qui : {{list}}",
      hints: "• Indices : {{steps}}, la plus profonde {{deepest}}",
      checks: "• /check : {{checks}} — {{right}} justes, {{wrong}} fausses",
      feedback: "• Avis : 👍 {{up}} · 👎 {{down}}",
      cost: "• Coût : {{tokens}} jetons du modèle · {{seconds}} s dans le bac à sable",
      wrong_title: "**Réponses fausses fréquentes**",
      wrong: "{{group}}. {{answers}} — {{attempts}} de {{students}} ({{question}})",
      example: "   par ex. {{answer}} : « {{work}} »",
      more: "… et d'autres dans le CSV.",
      csv: "Le CSV a une ligne par question.",
      total:
        "**En tout :** {{questions}} de {{students}} · {{tokens}} jetons du modèle · {{seconds}} s dans le bac à sable",
    },
    usage: {
      title: "**Tes questions sur ce {{space}}**",
      hour: "Cette heure",
      day: "Aujourd'hui",
      window: "• {{window}} : {{used}} sur {{limit}} — il en reste {{left}}",
      window_full: "• {{window}} : {{used}} sur {{limit}} — plus aucune ; la prochaine se libère dans {{wait}}",
      window_free: "• {{window}} : {{used}} (sans limite)",
    },
    forgot_me:
      "C'est fait : j'ai supprimé ce que j'avais enregistré à ton sujet sur ce {{space}} — {{count}} en tout (questions, vérifications, votes) — avec ton compteur d'utilisation et ce que gardaient tes exécutions récentes.",
    forgot_channel_one: "C'est fait : j'ai supprimé la {{count}} donnée de classe de <#{{channel}}>.",
    forgot_channel_many: "C'est fait : j'ai supprimé les {{count}} données de classe de <#{{channel}}>.",
    forgot_channel_other: "C'est fait : j'ai supprimé les {{count}} données de classe de <#{{channel}}>.",
    no_channel: "Lance ceci dans le canal dont tu veux supprimer les données.",
  },
  /** A student's /check verdict and hints in a shared channel: theirs alone until they share them. */
  private: {
    share: "Partager dans le fil",
    shared_by: "Partagé par {{user}} :",
    shared: "Partagé dans le fil.",
    already_shared: "Tu as déjà partagé ceci dans le fil.",
    locked: "🔒 {{user}}, ton résultat est prêt — toi seul peux l'ouvrir.",
    show_result: "Voir mon résultat",
  },
  /** Les règles de la classe en mots : `/policy`, `/reveal` et qui peut faire ce qui est réservé aux enseignants. */
  policy: {
    who: {
      admin_slack: "les administrateurs et propriétaires de l’espace de travail",
      admin_discord: "les administrateurs du serveur (membres avec Gérer le serveur)",
      teacher_slack:
        "Les enseignants sont les membres (ou le groupe d’utilisateurs) qu’un administrateur de l’espace de travail a choisis dans `/tutor-settings`, ainsi que les administrateurs de l’espace de travail.",
      teacher_discord:
        "Les enseignants sont les membres ayant le rôle enseignant qu’un administrateur du serveur a choisi avec `/settings teacher-role:`, ainsi que les membres avec Gérer le serveur.",
    },
    nothing: "rien",
    place: {
      workspace: "tout l’espace de travail",
      server: "tout le serveur",
      thread_named: "le fil « {{name}} »",
      thread: "ce fil",
      channel: "ce salon",
      category_named: "la catégorie {{name}}",
      category: "la catégorie de ce salon",
    },
    reveal: {
      now: "Les réponses finales sont affichées avec la solution",
      button: "Les réponses finales sont derrière un bouton « Afficher la réponse »",
      never_settings: "Les réponses finales ne sont jamais affichées (les étapes le sont, sans la réponse)",
      never:
        "Les réponses finales ne sont jamais affichées ici, ni aucun programme ou résultat qui les calcule : indices et vérifications de réponse uniquement",
      teacher_released: "Les réponses finales sont derrière « Afficher la réponse », libérées par un enseignant",
      teacher_waiting: "Les réponses finales restent cachées jusqu’à ce qu’un enseignant lance `/reveal` ici",
      date_unknown: "Les réponses finales sont libérées à une date donnée",
      date: "Les réponses finales restent cachées jusqu’au {{when}}, puis sont derrière « Afficher la réponse »",
    },
    sentence: "{{sentence}}.",
    set_for: "{{sentence}} (défini pour {{where}}).",
    heading: "**Règles pour {{place}}**",
    allowed: "Autorisé : {{modes}}.",
    code_shown: "Le code et les résultats sont affichés.",
    code_hidden: "Le code et les résultats ne sont pas affichés.",
    hints: {
      up_to: "jusqu’à {{depth}}",
      one: "un à la fois",
      line: "Indices : {{depth}}.",
      line_strict: "Indices : {{depth}}, jamais la solution rédigée.",
    },
    limit: {
      none: "Pas de limite de questions par élève.",
      each: "Chaque élève peut poser {{limits}}.",
      per_hour_one: "{{count}} question par heure",
      per_hour_many: "{{count}} questions par heure",
      per_hour_other: "{{count}} questions par heure",
      per_day_one: "{{count}} question par jour",
      per_day_many: "{{count}} questions par jour",
      per_day_other: "{{count}} questions par jour",
    },
    saved: "Enregistré pour {{place}}.",
    instead: "{{modes}} uniquement",
    instead_none: "de n’autoriser aucune question",
    released:
      "Les réponses sont libérées dans {{place}} : les élèves peuvent maintenant appuyer sur « Afficher la réponse ».",
    not_needed_never:
      "Les réponses ne sont jamais affichées dans ce salon ; change d’abord ses règles avec `/policy reveal:`.",
    not_needed: "Ici, les réponses n’attendent pas un enseignant : `/policy` indique quand elles sont affichées.",
    when_date: "elles sont libérées le {{when}}",
    when_teacher: "ton enseignant les libérera",
    problems: {
      modes: "indique des modes parmi solve, hint, check, explain, analyze, séparés par des virgules",
      reveal: "utilise now, button, never, teacher ou une date-heure ISO future comme 2027-01-15T17:00Z",
      code: "utilise true ou false",
      hint_depth: "utilise un nombre de 1 à 5",
      per_hour: "utilise un nombre de 0 (sans limite) à 1000",
      per_day: "utilise un nombre de 0 (sans limite) à 10000",
      scope: "utilise channel, category ou space",
    },
  },
} as const satisfies Catalog;
