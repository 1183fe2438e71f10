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
  buttons: {
    cancel: "Cancelar",
    retry: "Reintentar",
    show_code: "Ver código",
    hide_code: "Ocultar código",
    next_step: "Siguiente paso",
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
    code_of: "Paso {{index}}",
    output: "Salida:",
    no_code: "Este paso no ejecutó código.",
    formula: "Fórmula {{index}}",
    figure: "Figura {{index}}",
  },
  answer: {
    label: "Respuesta:",
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
  space: { discord: "servidor", slack: "espacio de trabajo", web: "sitio" },
} as const satisfies Catalog;
