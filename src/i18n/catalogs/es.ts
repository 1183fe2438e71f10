/** Spanish (tuteo, neutral). Same keys and placeholders as `./en.ts`. */
import type { Catalog } from "./types.js";

export const es = {
  status: {
    working: "Trabajando en ello…",
    retrying: "Algo salió mal; lo reintento en un momento…",
    done: "Listo.",
    stopped: "Detenido.",
    cancelled: "Cancelado.",
    failed: "Detenido.",
  },
  progress: {
    thinking: "Pensando…",
    thinking_long: "Pensando… ({{size}}k caracteres hasta ahora)",
    cell_running: "Ejecutando la celda de Python {{index}}…",
    cell_ran: "Celda de Python {{index}} ejecutada, pensando…",
    hint: "Comprobándolo con Python…",
    answer: "Respuesta encontrada, redactándola…",
    model_busy: "El modelo está ocupado, reintentando (intento {{attempt}})…",
    rendering: "Generando fórmulas y figuras…",
    cells_ran_one: "{{count}} celda de Python ejecutada",
    cells_ran_many: "{{count}} celdas de Python ejecutadas",
    cells_ran_other: "{{count}} celdas de Python ejecutadas",
    elapsed: "{{seconds}} s",
  },
  notices: {
    parent_done: "✅ Listo: la solución está en {{name}}.",
    parent_private: "✅ Listo: el resultado solo lo ve quien preguntó.",
    parent_stopped: "⏹️ Se detuvo sin respuesta: mira {{name}}.",
    parent_cancelled: "⏹️ Se detuvo antes de la respuesta: Reintentar está en {{name}}.",
    the_thread: "el hilo",
    below: "los mensajes de abajo",
    run_cancelled: "Cancelado.",
    retry_already_running: "Ya estoy en ello.",
    feedback_saved: "¡Gracias por tu opinión!",
  },
  modes: {
    solve: { ack: "Estoy en ello: publicaré la solución paso a paso en este hilo." },
    hint: { ack: "Déjame pensar en un buen primer paso…" },
    check: { ack: "Comprobando tu respuesta…" },
    explain: { ack: "Preparando una explicación…" },
  },
  ask: {
    in_dms: "{{ack}} Te responderé por mensaje directo.",
    your_question: "Tu pregunta",
    attached_file: "(el archivo adjunto)",
    thread_about: "Sobre {{file}}",
    thread_question: "Pregunta",
  },
  buttons: {
    cancel: "Cancelar",
    retry: "Reintentar",
    show_code: "Ver código",
    hide_code: "Ocultar código",
    next_step: "Siguiente paso",
    next_hint: "Otra pista",
    next_solution: "Ver una solución resuelta",
    reveal: "Mostrar respuesta",
    helpful: "Útil",
    not_helpful: "No útil",
    step_of: "Paso {{index}}/{{total}}",
    stale: "Este botón ya no está activo.",
  },
  steps: {
    of: "Paso {{index}} de {{total}} · {{title}}",
    of_short: "Paso {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (continuación)",
    cell_ref: "(celda {{index}})",
    cell_label: "Celda {{index}}:",
    code_of: "Paso {{index}}",
    false_start: "*El primer intento lanzó {{error}}; corregido en la celda de abajo.*",
    an_error: "un error",
    output: "Salida:",
    output_hidden: "Salida oculta hasta que muestres la respuesta: la dice.",
    output_cut: "… ({{count}} caracteres más: Ver código)",
    no_code: "Este paso no ejecutó código.",
    no_code_run: "Esta solución no ejecutó código.",
    code_behind: "El código detrás de esta solución",
    formula: "Fórmula {{index}}",
    figure: "Figura {{index}}",
  },
  cell_output: {
    none: "(sin salida)",
    figure: "(una figura, abajo)",
    not_run: "(no se ejecutó: se alcanzó el límite de ejecuciones de código)",
    error_line: "✗ Línea {{line}}: {{source}}",
    memory: "La celda necesitó más memoria de la que puede usar una pregunta.",
    processes: "La celda inició más procesos de los que puede una pregunta.",
    timeout: "⏱ Detenida: la celda tardó más de {{seconds}} s.",
    timeout_unknown: "⏱ Detenida: la celda tardó demasiado.",
    cancelled: "⏹ Detenida antes de terminar: se canceló la ejecución.",
    cancelled_before: "⏹ No se ejecutó: se canceló la ejecución.",
    cpu_spent:
      "⏱ No se ejecutó: el Python de esta pregunta usó sus {{seconds}} segundos de CPU, lo máximo para una pregunta.",
    crashed: "✗ Python se detuvo mientras ejecutaba esta celda (quizá alcanzó un límite).",
    closed: "⏹ No se ejecutó: la ejecución ya había terminado.",
    restarted: "Python se reinició, así que los valores de celdas anteriores se perdieron.",
    restarted_before:
      "Python se había detenido antes de esta celda y se reinició, así que los valores de celdas anteriores se perdieron.",
    truncated: "(salida recortada: la celda imprimió más de lo que se guarda)",
    figures_not_kept_one: "({{count}} figura no guardada: una pregunta guarda como mucho {{max}} figuras.)",
    figures_not_kept_many: "({{count}} figuras no guardadas: una pregunta guarda como mucho {{max}} figuras.)",
    figures_not_kept_other: "({{count}} figuras no guardadas: una pregunta guarda como mucho {{max}} figuras.)",
  },
  titles: {
    set_up: "Plantear",
    work_it_out: "Resolver",
    finish: "Terminar el cálculo",
    check_result: "Comprobar el resultado",
    conclude: "Concluir",
    where_it_ended: "Dónde se quedó",
    in_short: "En resumen",
    how_to_start: "Cómo empezar",
    add_cases: "Sumar los casos",
    count_by_cases: "Contar por casos",
    try_python: "Probarlo en Python",
    plot: "Graficarlo",
    read_data: "Leer los datos",
    calculate_python: "Calcular con Python",
    check_python: "Comprobar con Python",
    correct: "¡Correcto!",
    not_quite: "Todavía no",
    could_not_check: "No pude comprobar esta respuesta",
    could_not_read: "No pude leer tu respuesta",
    answer: "Respuesta",
  },
  answer: {
    label: "Respuesta:",
    final_label: "Respuesta final:",
    hint_done: "💡 Esa es tu pista: intenta el siguiente paso por tu cuenta. ¿Te atascas? Pide el **Siguiente paso**.",
    hint_done_slack: "Así se empieza. Intenta el siguiente paso por tu cuenta o pídelo con *Siguiente paso* arriba.",
    right: "Tu respuesta es correcta.",
    wrong: "Todavía no: revisa los pasos de arriba e inténtalo de nuevo (la respuesta sigue oculta).",
    wrong_slack: "Tu respuesta no coincide. Revisa el paso indicado arriba.",
    undecided: "No pude decidir si tu respuesta es correcta.",
    explained: "Esa es toda la explicación: menciónme con otra pregunta si algo no queda claro.",
    explained_slack: "Esa es la explicación. Responde en este hilo si algún paso no queda claro.",
    none: "No pude llegar a una respuesta final para esta pregunta.",
    none_slack: "Esta vez no hay respuesta final.",
    ready: "**La respuesta final está lista**: inténtalo primero tú y luego muéstrala.",
    ready_slack: "Esa es toda la solución. Muestra la respuesta final cuando quieras comparar.",
    every_step: "**Tienes todos los pasos**: calcula tú la respuesta final.",
    whole_solution: "Esa es toda la solución.",
    fallback: "Respuesta final",
    fallback_explained: "Esa es la explicación.",
    fallback_none: "Sin respuesta final.",
  },
  thread: {
    asked: "<@{{user}}> preguntó:",
    asked_with: "<@{{user}}> preguntó con {{command}}:",
    question: "Pregunta",
  },
  errors: {
    words: { the_file: "El archivo", this_file: "Este archivo", your_file: "tu archivo" },
    empty_question: "La pregunta está vacía: escribe un problema después del comando o adjunta un archivo.",
    question_too_long: {
      counted:
        "La pregunta tiene {{length, number}} caracteres; el límite es {{limit, number}}. Acórtala o adjunta los datos largos como archivo.",
      plain: "La pregunta es demasiado larga. Acórtala o adjunta los datos largos como archivo.",
    },
    missing_answer: "Para comprobar tu trabajo, añade tu respuesta, p. ej. `/check answer: 42`.",
    too_many_attachments: {
      counted: "Adjunta como máximo {{limit}} archivos por pregunta (enviaste {{sent}}).",
      limit: "Adjunta como máximo {{limit}} archivos por pregunta.",
      plain: "Demasiados archivos: adjunta menos archivos por pregunta.",
    },
    attachment_too_large: {
      sized:
        "{{file}} ocupa {{size}}; el límite es {{limit}} por archivo. Envía un extracto más pequeño (p. ej. las primeras filas del CSV).",
      limit:
        "{{file}} es demasiado grande; el límite es {{limit}} por archivo. Envía un extracto más pequeño (p. ej. las primeras filas del CSV).",
      plain: "{{file}} es demasiado grande. Envía un extracto más pequeño (p. ej. las primeras filas del CSV).",
    },
    unsupported_file:
      "{{file}} no es un tipo de archivo que pueda leer. Adjunta datos o texto (CSV, JSON, TXT, …) o una imagen.",
    file_unreadable: "No pude descargar {{file}}. Adjúntalo de nuevo, por favor.",
    rate_limited: {
      user: "Preguntas más rápido de lo que puedo responder: {{wait}}.",
      space: "Este servidor está enviando muchas preguntas ahora mismo: {{wait}}.",
      wait: "vuelve a intentarlo en {{seconds}} s",
      moment: "vuelve a intentarlo en un momento",
    },
    daily_limit: {
      plain: "Ya usaste tus {{limit}} preguntas de hoy.",
      wait: "Ya usaste tus {{limit}} preguntas de hoy; podrás volver a preguntar en {{wait}}.",
    },
    hourly_limit: {
      wait: "Has alcanzado el límite de este servidor de {{limit}} preguntas por hora: vuelve a intentarlo en {{minutes}} min.",
      unknown: "Has alcanzado el límite de preguntas por hora de este servidor.",
      plain: "Has alcanzado el límite de este servidor de {{limit}} preguntas por hora.",
    },
    not_allowed_here: "No respondo en este canal. Pregunta en uno de los canales que tu servidor configuró para mí.",
    permission_missing:
      "No puedo publicar aquí: pide a un administrador del servidor que me dé permiso para enviar mensajes y archivos.",
    dm_closed:
      "No puedo enviarte un mensaje directo. Permite mis mensajes directos en tu configuración de privacidad o vuelve a preguntar sin `private`.",
    admin_only: "Solo los administradores del servidor pueden cambiar mi configuración.",
    admin_only_who: "Solo {{who}} pueden cambiar mi configuración.",
    teacher_only: {
      who: "Solo los docentes pueden hacer eso aquí. {{who}}",
      plain: "Solo los docentes pueden hacer eso aquí. Pregunta a tu docente.",
    },
    mode_not_allowed: {
      named:
        "`{{name}}` no está permitido en este canal: tu docente eligió {{who}}. `/policy` muestra lo que está permitido aquí.",
      plain:
        "Eso no está permitido en este canal: tu docente eligió {{who}}. `/policy` muestra lo que está permitido aquí.",
      other_modes: "otros modos",
    },
    invalid_policy: {
      named_why: "Esa política ({{name}}) no es válida: {{why}}.",
      named: "Esa política ({{name}}) no es válida.",
      plain: "Esa política no es válida.",
    },
    not_released: {
      when: "Las respuestas de aquí aún no están liberadas: {{when}}. Prueba el siguiente paso o comprueba tu propia respuesta.",
      plain: "Las respuestas de aquí aún no están liberadas. Prueba el siguiente paso o comprueba tu propia respuesta.",
    },
    invalid_setting: {
      named: "Ese ajuste ({{name}}) no es válido. Usa `/settings` para ver las opciones.",
      plain: "Ese ajuste no es válido. Usa `/settings` para ver las opciones.",
    },
    unknown_command: {
      named:
        "No puedo ejecutar ese comando tal como llegó; quizá venga de una versión más nueva o más antigua de mí. `{{name}}` muestra lo que puedo hacer aquí.",
      plain:
        "No puedo ejecutar ese comando tal como llegó; quizá venga de una versión más nueva o más antigua de mí. La ayuda muestra lo que puedo hacer aquí.",
    },
    unknown_run: "Ya no tengo esa pregunta. Vuelve a hacerla, por favor.",
    run_in_progress: "Todavía estoy con esa pregunta: inténtalo de nuevo cuando se publiquen los pasos.",
    already_finished: "Esa pregunta ya está respondida.",
    not_your_run: "Solo quien hizo esta pregunta, o un profesor, puede hacer eso.",
    no_more_steps: "Ese era el último paso.",
    reveal_disabled: "Aquí no muestro la respuesta. Prueba el siguiente paso o comprueba tu propia respuesta.",
    solution_not_released: {
      after:
        "Las soluciones desarrolladas de «{{title}}» se publican después del {{due}}. Hasta entonces, pide una pista o comprueba tu propia respuesta.",
      never:
        "Tu docente no publica las soluciones desarrolladas de «{{title}}». Pide una pista o comprueba tu propia respuesta.",
    },
    no_answer: "No pude llegar a una respuesta final para esta pregunta. Prueba a reformularla o reinténtalo.",
    max_tokens:
      "Esta pregunta necesitaba pensar más de lo que se me permite. Prueba a dividirla en partes más pequeñas.",
    deadline: "Esta pregunta tardó demasiado y se detuvo. Prueba con una parte más pequeña.",
    cancelled: "Cancelado.",
    attachment_missing:
      "Tu archivo ya no está disponible (los archivos se guardan por tiempo limitado). Adjúntalo de nuevo, por favor.",
    sandbox_unavailable: "Ahora mismo no puedo ejecutar Python. Inténtalo de nuevo en unos minutos.",
    model_down: "El modelo del tutor no responde ahora mismo. Inténtalo de nuevo en unos minutos.",
    model_busy: "El tutor está muy ocupado ahora mismo. Inténtalo de nuevo en un minuto.",
    model_error: "El modelo del tutor rechazó esta pregunta. Prueba a reformularla.",
    queue_unavailable:
      "No puedo recibir preguntas por un momento (mi cola se está reiniciando). Inténtalo de nuevo en un minuto.",
    run_failed: "Lo siento, no pude terminar esta pregunta. Inténtalo de nuevo más tarde.",
    internal: "Algo falló por mi parte. Inténtalo de nuevo más tarde.",
  },
  web: {
    tagline: "Preguntas de matemáticas y datos, resueltas paso a paso con Python.",
    what_can_i_ask: "¿Qué puedo preguntar?",
    demo: "Este es el <strong>modelo de demostración</strong>: solo conoce unas pocas preguntas preparadas (prueba con la suma de los dígitos de 2^100). Para respuestas reales, conéctalo a un servidor START:",
    token_label: "Este servidor necesita su token de acceso (<code>WEB_TOKEN</code>):",
    use_token: "Usar token",
    your_question: "Tu pregunta",
    question_placeholder: "¿Cuál es la suma de los dígitos de 2^100?",
    ask_help: "Ctrl+Enter (⌘+Enter) envía la pregunta. Puedes escribir matemáticas entre <code>$…$</code>.",
    mode: "Modo",
    your_answer: "Tu respuesta",
    answer_placeholder: "p. ej. 115",
    drop: "Suelta aquí un CSV (opcional), o",
    choose_files: "Elegir archivos…",
    ask: "Preguntar",
    cells_label: "Celdas de Python mientras se ejecutan",
    history_title: "Tus preguntas anteriores",
    history_empty: "Aquí aparecen las preguntas que hagas en este navegador.",
    sending: "Enviando…",
    cancelling: "Cancelando…",
    remove: "Quitar",
    remove_file: "Quitar {{name}}",
    python_cell: "Celda de Python {{index}}",
    output_later: "Ejecutada. Su salida se muestra con los pasos.",
    correct: "Tu respuesta es correcta.",
    not_correct: "Tu respuesta todavía no es correcta.",
    server_answered: "El servidor respondió {{status}}.",
    no_longer_stored: "Esta pregunta ya no está guardada.",
    reconnecting: "Se perdió la conexión, reconectando… ({{error}})",
  },
  help: {
    intro: "**Soy un tutor de matemáticas y datos.** Resuelvo problemas paso a paso y ejecuto Python cuando ayuda.",
    outro: {
      discord:
        "Menciónme (o respóndeme) en mi hilo para hacer una pregunta de seguimiento sobre el mismo problema. " +
        "Botones bajo cada respuesta: Siguiente paso · Ver código · Mostrar respuesta · Reintentar · Cancelar; " +
        "👍/👎 nos dice qué tal lo hice.",
      slack:
        "Menciónme en un canal para preguntar allí y responde en mi hilo para hacer una pregunta de seguimiento " +
        "sobre el mismo problema. Botones bajo cada respuesta: Siguiente paso · Ver código · Mostrar respuesta · " +
        "Reintentar · Cancelar; 👍/👎 nos dice qué tal lo hice.",
      web:
        "Suelta un CSV (u otro archivo de datos) en el formulario para trabajar con datos. Bajo cada respuesta: " +
        "Siguiente paso · Ver código · Mostrar respuesta · Cancelar; 👍/👎 nos dice qué tal lo hice.",
    },
    message_command: "*Aplicaciones → {{name}}* en cualquier mensaje",
  },
  /** The command table's texts /help and the web page show (English: commands/table.ts). */
  commands: {
    ask: {
      help: "la solución completa, un paso por mensaje (adjunta un CSV u otro archivo de datos si quieres; un archivo solo también vale)",
      label: "Resolver: todos los pasos",
      slack: {
        help: "la solución completa, un paso por mensaje en un hilo (para trabajar con un archivo, usa `/analyze`)",
      },
    },
    hint: {
      help: "solo cómo empezar; pide el siguiente paso cuando estés listo",
      label: "Pista: solo cómo empezar",
    },
    check: {
      help: "te dice si tu respuesta es correcta, sin revelar la solución",
      label: "Comprobar mi respuesta",
    },
    explain: {
      help: "una explicación paso a paso de un concepto",
      label: "Explicar un concepto",
    },
    analyze: {
      help: "trabaja con un archivo de datos (CSV, XLSX, JSON) con pandas: cifras y gráficos",
      slack: {
        help: "trabaja con el último archivo que compartiste en este canal (CSV, JSON, texto) con pandas: cifras y gráficos",
      },
    },
    settings: {
      help: "cómo muestra este {{space}} las respuestas, los límites por hora, dónde respondo y quiénes son los profesores (los administradores del {{space}} pueden cambiarlo)",
    },
    help: {
      help: "esta lista",
    },
    "solve-with-start": {
      help: "resuelve la pregunta de ese mensaje, paso a paso en un hilo",
    },
    policy: {
      help: "qué está permitido en este canal y cuándo se muestran las respuestas (los profesores lo cambian)",
    },
    reveal: {
      help: "publica las respuestas en un canal cuya política espera a un profesor (solo profesores)",
    },
    assign: {
      help: "crea una tarea para un canal: allí `/check` se corrige con tus respuestas (solo profesores)",
    },
    report: {
      help: "qué se preguntó aquí, sus pistas, comprobaciones y respuestas incorrectas frecuentes, y el coste, con un CSV (profesores)",
    },
    usage: {
      help: "cuántas preguntas te quedan esta hora y hoy",
    },
    "forget-me": {
      help: "borra todo lo que registré sobre ti en este {{space}}, de inmediato",
    },
    "forget-channel": {
      help: "borra los registros de clase de este canal (profesores)",
    },
  },
  teacher: {
    off: "La página del docente está desactivada: quien opera el bot la activa con WEB_TEACHER_TOKEN.",
    wrong_token: "Ese no es el token del docente.",
    log_in: "Primero inicia sesión con el token del docente.",
    no_assignment: "No existe esa tarea.",
    not_in_scope: "Este token del docente no puede leer ese servidor o espacio de trabajo.",
    title: "start-tutor — docente",
    tagline: "Tu clase: qué preguntaron los estudiantes, dónde se atascaron y las tareas que pusiste.",
    log_in_title: "Iniciar sesión",
    token: "Token del docente",
    log_in_button: "Entrar",
    log_out: "Cerrar sesión",
    report_title: "Informe de la clase",
    space: "Servidor o espacio de trabajo",
    channel: "Canal",
    every_channel: "Todos los canales",
    scope_all:
      "Este token lee todos los servidores de Discord, espacios de trabajo de Slack y la página de este sitio que tengan registros de clase o tareas.",
    scope_some: "Este token solo lee: {{list}} (WEB_TEACHER_SPACES).",
    kinds: {
      discord: "Servidor de Discord {{id}}",
      slack: "Espacio de trabajo de Slack {{id}}",
      web: "La página de este sitio",
      cli: "La línea de comandos",
      other: "Espacio {{id}}",
    },
    channel_named: "#{{channel}}",
    no_channel: "Sin canal",
    pseudonyms:
      "Los estudiantes aparecen como «student 7», con el mismo número en todo el servidor o espacio de trabajo; quien opera el bot activa los nombres reales con RECORDS_REAL_NAMES.",
    real_names: "Los estudiantes aparecen con su id de la plataforma: RECORDS_REAL_NAMES está activado.",
    empty: "{{where}}: aún no hay registros de clase. Aparecerán aquí en cuanto los estudiantes pregunten.",
    loading: "Cargando…",
    download_csv: "Descargar CSV",
    csv_note: "El CSV tiene una fila por pregunta: el mismo archivo que adjunta /report.",
    in_all: "En total",
    assignment: "Tarea: {{assignment}}",
    questions: "Preguntas",
    questions_value: "{{questions}} de {{students}} estudiantes",
    modes: "resolver {{solve}} · pista {{hint}} · comprobar {{check}} · explicar {{explain}}",
    hints: "Pistas",
    hints_value: "{{steps}} pasos mostrados, el más profundo {{deepest}}",
    checks: "/check",
    checks_value: "{{checks}} intentos — {{right}} bien, {{wrong}} mal",
    feedback: "Valoraciones",
    cost: "Coste",
    cost_value: "{{tokens}} tokens del modelo · {{seconds}} s en el sandbox",
    by_whom: "Quién",
    student: "Estudiante",
    hint_steps: "Pasos de pista",
    right_wrong: "Bien / mal",
    tokens: "Tokens",
    wrong_title: "Respuestas incorrectas frecuentes",
    wrong_none: "Todavía no hay respuestas incorrectas que agrupar.",
    wrong_count: "{{count}} intentos de {{students}} estudiantes",
    wrong_question: "Preguntado como: {{question}}",
    example: "Ejemplo: {{answer}} — «{{work}}»",
    example_bare: "Ejemplo: {{answer}} (sin desarrollo)",
    assignments_title: "Tareas",
    new_assignment: "Nueva tarea",
    field_title: "Título",
    title_placeholder: "Semana 3: fracciones",
    where_help:
      "web y web para la página de este sitio; si no, el id del servidor de Discord y el del canal, o el id del equipo de Slack y el del canal.",
    due: "Entrega (fecha y hora ISO; sin zona = UTC)",
    problems: "Problemas — uno por línea: problema :: respuesta, o problema :: respuesta :: solución",
    avoid: "Frases que las pistas nunca deben decir — una por línea",
    create: "Crear tarea",
    created: "Se creó «{{title}}» con {{count}} problema(s).",
    no_assignments: "Aún no hay tareas.",
    col_title: "Título",
    col_where: "Dónde",
    col_due: "Entrega (UTC)",
    col_problems: "Problemas",
    show_report: "Informe",
    attempts_title: "Intentos: {{title}}",
    col_number: "#",
    col_problem: "Problema",
    col_students: "Estudiantes",
    col_attempts: "Intentos",
    col_solved: "Resuelto",
    col_wrong: "Respuestas incorrectas frecuentes",
    release_label: "Soluciones resueltas para los estudiantes",
    release_yes: "Se publican después de la fecha de entrega",
    release_no: "No se publican nunca",
    col_release: "Soluciones resueltas",
    released_after: "después de la fecha de entrega",
    released_never: "nunca",
  },
  space: { discord: "servidor", slack: "espacio de trabajo", web: "sitio" },
  withhold: {
    code_withheld: "El código que calcula la respuesta llega con «Mostrar respuesta».",
    reveal_rest:
      "**Los pasos que llegan a la respuesta, y la respuesta, están listos**: inténtalo tú primero y luego revélalos.",
    reveal_rest_slack:
      "Los pasos que llegan a la respuesta final, y la propia respuesta, están listos. Inténtalo tú primero y luego pulsa «Mostrar respuesta» para verlos (solo los verás tú).",
    spoiler_rest: "Los pasos que la calculan están detrás del botón de abajo.",
    show_rest: "Mostrar el resto de la solución",
    never_rest: "Hasta aquí llego en este espacio: los pasos que faltan calculan la respuesta final; hazlos tú.",
  },
  explanation: {
    idea: "La idea",
    why: "Por qué funciona",
    together: "Todo junto",
    short: "En resumen",
  },
  /** Worked solutions of an assignment, released after its due date (commands/release.ts). */
  release: {
    policy_after: "Las soluciones desarrolladas de «{{title}}» se publican después del {{due}}.",
    policy_since: "Las soluciones desarrolladas de «{{title}}» están publicadas: la fecha de entrega era el {{due}}.",
    policy_never: "Las soluciones desarrolladas de «{{title}}» no se publican.",
    saved_yes: "Las soluciones desarrolladas se muestran al alumnado después de la fecha de entrega.",
    saved_no: "Las soluciones desarrolladas no se muestran.",
  },
  ladder: {
    titles: {
      notice: "En qué fijarse",
      method: "El método",
      first: "Un primer paso",
    },
    hint: "Pista {{index}}",
    solution: "Solución resuelta",
    solution_step: "Solución resuelta · paso {{index}} de {{total}}",
    fallback: {
      notice:
        "Vuelve a leer la pregunta y di exactamente qué pide y qué datos de ella vas a necesitar para llegar ahí.",
      method:
        "Escribe lo que buscas en función de lo que te dan (una ecuación, una fórmula o un conteo) antes de calcular nada.",
      first:
        "Prueba primero el mismo tipo de pregunta con números más pequeños, donde puedas comprobar cada caso a mano, y luego amplía la idea.",
    },
    closing: {
      hint: "💡 Inténtalo tú primero. ¿Atascado? Pulsa **Otra pista**.",
      solution: "💡 Esa era la última pista. ¿Sigues atascado? Puedes pulsar **Ver una solución resuelta**.",
      none: "💡 Esa era la última pista: ahora inténtalo tú.",
    },
    methods: {
      divisors: {
        method:
          "Cuenta los divisores a partir de la factorización en primos: un divisor de $p^a q^b$ elige un exponente de 0 a $a$ para $p$ y de 0 a $b$ para $q$, así que hay $(a + 1)(b + 1)$.",
        example: "Por ejemplo, $12 = 2^2 \\cdot 3$ tiene $(2 + 1)(1 + 1) = 6$ divisores: 1, 2, 3, 4, 6 y 12.",
      },
      factorization: {
        method:
          "Descompón el número en potencias de primos, $p^a \\cdot q^b \\cdots$; el resto del problema se lee en esos exponentes.",
        example: "Por ejemplo, $72 = 2^3 \\cdot 3^2$: los exponentes son 3 y 2.",
      },
      factoring: {
        method:
          "Factoriza el polinomio en paréntesis como $(x - a)(x - b)$ e iguala cada paréntesis a cero: el producto es cero exactamente cuando lo es un factor.",
        example: "Por ejemplo, $x^2 - 9x + 20 = (x - 4)(x - 5)$, porque $4 \\cdot 5 = 20$ y $4 + 5 = 9$.",
        example_2: "Por ejemplo, $x^2 - 11x + 30 = (x - 5)(x - 6)$, porque $5 \\cdot 6 = 30$ y $5 + 6 = 11$.",
      },
      binomial: {
        method:
          "Cuenta las elecciones con coeficientes binomiales: $k$ cosas de entre $n$ se pueden elegir de $\\binom{n}{k}$ maneras.",
        example: "Por ejemplo, 2 de 5 cosas se pueden elegir de $\\binom{5}{2} = 10$ maneras.",
      },
      integral: {
        method: "Busca una primitiva y evalúala en los dos límites: $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
        example: "Por ejemplo, $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$.",
      },
      derivative: {
        method:
          "Deriva término a término con la regla de la potencia, $\\frac{d}{dx}x^n = n x^{n-1}$, y la regla de la cadena donde haga falta.",
        example: "Por ejemplo, $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$.",
      },
      cases: {
        method:
          "Enumera los casos de forma sistemática y cuenta los que cumplen la condición, para no olvidar ninguno ni contarlo dos veces.",
        example: "Por ejemplo, entre 10 y 19 los números divisibles por 3 son 12, 15 y 18: tres.",
      },
      sum: {
        method:
          "Escribe los términos y busca un patrón o una fórmula cerrada para su suma en lugar de sumarlos uno a uno.",
        example: "Por ejemplo, $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$.",
      },
      circle: {
        method: "Usa la fórmula del área: un círculo de radio $r$ tiene área $A = \\pi r^2$.",
        example: "Por ejemplo, un círculo de radio 2 tiene área $4\\pi \\approx 12.57$.",
      },
      product: {
        method:
          "Separa un factor en decenas y unidades, multiplica cada parte por el otro factor y suma los dos productos parciales: $a \\times (b + c) = a \\times b + a \\times c$.",
        example: "Por ejemplo, $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$.",
      },
    },
  },
  check: {
    label: "Comprobación",
    correct_title: "Correcto",
    correct: "Tu respuesta es correcta: se deduce de este método:\n> {{why}}",
    correct_no_why: "Tu respuesta es correcta: coincide con la solución que obtuve.",
    work_holds: "Todas las líneas de tu desarrollo que pude comprobar son correctas.",
    wrong_title: "Todavía no",
    wrong: "Tu respuesta {{answer}} aún no es correcta.",
    recheck_line: "Revisa esta línea de tu desarrollo:\n> {{line}}\n\n{{why}}",
    sides_differ: "Sus dos lados no son iguales: vuelve a calcular cada lado.",
    answer_appears: "Aquí aparece tu respuesta por primera vez: comprueba cómo se deduce de la línea anterior.",
    recheck_idea: "Revisa tu desarrollo a la luz de esta idea:\n> {{idea}}",
    recheck_method: "Luego comprueba el método:\n> {{method}}",
    no_advice: "Repasa tu desarrollo línea a línea y comprueba cada resultado.",
    unchecked_title: "No pude comprobar esta respuesta",
    unsolved: "No pude resolver el problema yo mismo, así que no puedo decir si tu respuesta es correcta.",
    uncompared:
      "No pude comparar tu respuesta `{{answer}}` con la mía; prueba a escribirla como un número o una fórmula.",
    unreadable_title: "No pude leer tu respuesta",
    unreadable:
      "No pude leer tu respuesta `{{answer}}` como {{kind}}, así que no puedo decir si es correcta. Prueba a escribir solo la respuesta, por ejemplo en LaTeX.",
    closing: {
      right: "✅ Tu respuesta es correcta.",
      wrong: "❌ Todavía no: revisa lo citado arriba y vuelve a intentarlo con /check.",
    },
  },
  shared: {
    by: "{{user}} compartió su comprobación:",
  },
  assign: {
    saved: "Guardé la tarea **{{title}}** para <#{{channel}}>, con entrega el {{due}}, con {{count}} problema(s):",
    problem: "{{number}}. {{statement}}",
    how: "En ese canal, el `/check` de un estudiante con el número del problema (p. ej. `/check 1` con su respuesta) se califica con tu respuesta; las pistas siguen tu solución y evitan tus {{avoid}} frase(s).",
    pick: "¿A qué problema de **{{title}}** corresponde esta respuesta?",
    pick_placeholder: "Elige el problema",
  },
  records: {
    report: {
      title: "**Informe de la clase — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "todos los canales",
      where_none: "ningún canal",
      assignment: "tarea {{assignment}}",
      empty: "Todavía no hay registros de la clase para {{where}}.",
      questions:
        "• Preguntas: {{questions}} de {{students}} estudiantes — resolver {{solve}} · pista {{hint}} · comprobar {{check}} · explicar {{explain}}",
      by_whom: "• De quién: {{list}}",
      hints: "• Pistas: {{steps}} pasos mostrados, el más profundo {{deepest}}",
      checks: "• /check: {{checks}} intentos — {{right}} correctos, {{wrong}} incorrectos",
      feedback: "• Valoraciones: 👍 {{up}} · 👎 {{down}}",
      cost: "• Coste: {{tokens}} tokens del modelo · {{seconds}} s en el entorno aislado",
      wrong_title: "**Respuestas incorrectas frecuentes**",
      wrong: "{{group}}. {{answers}} — {{count}} intentos de {{students}} estudiantes ({{question}})",
      example: "   p. ej. {{answer}}: «{{work}}»",
      more: "… y más en el CSV.",
      csv: "El CSV tiene una fila por pregunta.",
      total:
        "**En total:** {{questions}} preguntas de {{students}} estudiantes · {{tokens}} tokens del modelo · {{seconds}} s en el entorno aislado",
    },
    usage: {
      title: "**Tus preguntas en este {{space}}**",
      hour: "Esta hora",
      day: "Hoy",
      window: "• {{window}}: {{used}} de {{limit}} — quedan {{left}}",
      window_full: "• {{window}}: {{used}} de {{limit}} — no queda ninguna; la siguiente se libera en {{wait}}",
      window_free: "• {{window}}: {{used}} (sin límite)",
    },
    forgot_me:
      "Listo: borré lo que tenía registrado sobre ti en este {{space}} — {{count}} en total (preguntas, comprobaciones, votos) — junto con tu contador de uso y lo que guardaban tus ejecuciones recientes.",
    forgot_channel: "Listo: borré los {{count}} registros de la clase de <#{{channel}}>.",
    no_channel: "Ejecuta esto en el canal cuyos registros quieres borrar.",
  },
  /** A student's /check verdict and hints in a shared channel: theirs alone until they share them. */
  private: {
    share: "Compartir en el hilo",
    shared_by: "Compartido por {{user}}:",
    shared: "Compartido en el hilo.",
    already_shared: "Ya compartiste esto en el hilo.",
    locked: "🔒 {{user}}, tu resultado está listo: solo tú puedes abrirlo.",
    show_result: "Ver mi resultado",
  },
  /** Las reglas de la clase en palabras: `/policy`, `/reveal` y quién puede hacer lo reservado a docentes. */
  policy: {
    who: {
      admin_slack: "los administradores y propietarios del espacio de trabajo",
      admin_discord: "los administradores del servidor (miembros con Gestionar servidor)",
      teacher_slack:
        "Los docentes son los miembros (o el grupo de usuarios) que un administrador del espacio de trabajo eligió en `/tutor-settings`, y los administradores del espacio de trabajo.",
      teacher_discord:
        "Los docentes son los miembros con el rol de docente que un administrador del servidor eligió con `/settings teacher-role:`, y los miembros con Gestionar servidor.",
    },
    nothing: "nada",
    place: {
      workspace: "todo el espacio de trabajo",
      server: "todo el servidor",
      thread_named: "el hilo «{{name}}»",
      thread: "este hilo",
      channel: "este canal",
      category_named: "la categoría {{name}}",
      category: "la categoría de este canal",
    },
    reveal: {
      now: "Las respuestas finales se muestran con la solución",
      button: "Las respuestas finales están tras un botón «Mostrar respuesta»",
      never_settings: "Las respuestas finales nunca se muestran (los pasos sí, sin la respuesta)",
      never:
        "Las respuestas finales nunca se muestran aquí, ni ningún programa o resultado que las calcule: solo pistas y comprobación de respuestas",
      teacher_released: "Las respuestas finales están tras «Mostrar respuesta», liberadas por un docente",
      teacher_waiting: "Las respuestas finales siguen ocultas hasta que un docente use `/reveal` aquí",
      date_unknown: "Las respuestas finales se liberan en una fecha",
      date: "Las respuestas finales siguen ocultas hasta el {{when}}; después están tras «Mostrar respuesta»",
    },
    sentence: "{{sentence}}.",
    set_for: "{{sentence}} (establecido para {{where}}).",
    heading: "**Política en {{place}}**",
    allowed: "Permitido: {{modes}}.",
    code_shown: "El código y los resultados se muestran.",
    code_hidden: "El código y los resultados no se muestran.",
    hints: {
      up_to: "hasta {{depth}}",
      one: "de una en una",
      line: "Pistas: {{depth}}.",
      line_strict: "Pistas: {{depth}}, nunca la solución desarrollada.",
    },
    limit: {
      none: "Sin límite de preguntas por estudiante.",
      each: "Cada estudiante puede hacer {{limits}}.",
      per_hour_one: "{{count}} pregunta por hora",
      per_hour_many: "{{count}} preguntas por hora",
      per_hour_other: "{{count}} preguntas por hora",
      per_day_one: "{{count}} pregunta por día",
      per_day_many: "{{count}} preguntas por día",
      per_day_other: "{{count}} preguntas por día",
    },
    saved: "Guardado para {{place}}.",
    instead: "solo {{modes}}",
    instead_none: "no permitir preguntas",
    released: "Las respuestas están liberadas en {{place}}: los estudiantes ya pueden pulsar «Mostrar respuesta».",
    not_needed_never:
      "Las respuestas nunca se muestran en este canal; cambia primero su política con `/policy reveal:`.",
    not_needed: "Aquí las respuestas no esperan a un docente: `/policy` muestra cuándo se muestran.",
    when_date: "se liberan el {{when}}",
    when_teacher: "las liberará tu docente",
    problems: {
      modes: "indica modos de entre solve, hint, check, explain, analyze, separados por comas",
      reveal: "usa now, button, never, teacher o una fecha y hora ISO futura como 2027-01-15T17:00Z",
      code: "usa true o false",
      hint_depth: "usa un número del 1 al 5",
      per_hour: "usa un número del 0 (sin límite) al 1000",
      per_day: "usa un número del 0 (sin límite) al 10000",
      scope: "usa channel, category o space",
    },
  },
} as const satisfies Catalog;
