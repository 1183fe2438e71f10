/** Portuguese (você; Brazilian spelling, readable in Portugal). Same keys and placeholders as `./en.ts`. */
import type { Catalog } from "./types.js";

export const pt = {
  status: {
    working: "Trabalhando nisso…",
    retrying: "Algo deu errado; tento de novo em instantes…",
    done: "Pronto.",
    stopped: "Parado.",
    cancelled: "Cancelado.",
    failed: "Parado.",
  },
  progress: {
    thinking: "Pensando…",
    thinking_long: "Pensando… ({{size}}k caracteres até agora)",
    cell_running: "Executando a célula Python {{index}}…",
    cell_ran: "Célula Python {{index}} executada, pensando…",
    hint: "Conferindo com Python…",
    answer: "Resposta encontrada, redigindo…",
    model_busy: "O modelo está ocupado, tentando de novo (tentativa {{attempt}})…",
    rendering: "Desenhando fórmulas e figuras…",
    cells_ran_one: "{{count}} célula Python executada",
    cells_ran_many: "{{count}} células Python executadas",
    cells_ran_other: "{{count}} células Python executadas",
    elapsed: "{{seconds}} s",
  },
  notices: {
    run_cancelled: "Cancelado.",
    retry_already_running: "Já estou cuidando disso.",
    feedback_saved: "Obrigado pelo feedback!",
  },
  modes: {
    solve: { ack: "Estou nisso — vou publicar a solução passo a passo neste tópico." },
    hint: { ack: "Deixe-me pensar em um bom primeiro passo…" },
    check: { ack: "Verificando sua resposta…" },
    explain: { ack: "Preparando uma explicação…" },
  },
  buttons: {
    cancel: "Cancelar",
    retry: "Tentar de novo",
    show_code: "Ver código",
    hide_code: "Ocultar código",
    next_step: "Próximo passo",
    reveal: "Revelar resposta",
    helpful: "Útil",
    not_helpful: "Não foi útil",
    step_of: "Passo {{index}}/{{total}}",
    stale: "Este botão não está mais ativo.",
  },
  steps: {
    of: "Passo {{index}} de {{total}} · {{title}}",
    of_short: "Passo {{index}}/{{total}} · {{title}}",
    continued: "{{title}} (continuação)",
    code_of: "Passo {{index}}",
    output: "Saída:",
    no_code: "Este passo não executou código.",
    formula: "Fórmula {{index}}",
    figure: "Figura {{index}}",
  },
  answer: {
    label: "Resposta:",
    hint_done: "💡 Essa é a sua dica — tente o próximo passo sozinho. Travou? Peça o **Próximo passo**.",
    hint_done_slack: "É assim que se começa. Tente o próximo passo sozinho ou peça-o com *Próximo passo* acima.",
    right: "Sua resposta está certa.",
    wrong: "Ainda não — veja os passos acima e tente de novo (a resposta continua oculta).",
    wrong_slack: "Sua resposta não confere. Revise o passo indicado acima.",
    undecided: "Não consegui decidir se sua resposta está certa.",
    explained: "Essa é a explicação completa — me mencione com outra pergunta se algo não ficou claro.",
    explained_slack: "Essa é a explicação. Responda neste tópico se algum passo não ficou claro.",
    none: "Não consegui chegar a uma resposta final para esta pergunta.",
    none_slack: "Desta vez não há resposta final.",
    ready: "**A resposta final está pronta** — tente primeiro sozinho e depois revele-a.",
    ready_slack: "Essa é a solução completa. Revele a resposta final quando quiser comparar.",
    every_step: "**Você tem todos os passos** — encontre a resposta final sozinho.",
    whole_solution: "Essa é a solução completa.",
    fallback: "Resposta final",
    fallback_explained: "Essa é a explicação.",
    fallback_none: "Sem resposta final.",
  },
  thread: {
    asked: "<@{{user}}> perguntou:",
    asked_with: "<@{{user}}> perguntou com {{command}}:",
    question: "Pergunta",
  },
  help: {
    intro: "**Sou um tutor de matemática e dados.** Resolvo problemas passo a passo, executando Python quando ajuda.",
    outro: {
      discord:
        "Me mencione (ou me responda) no meu tópico para fazer uma pergunta de acompanhamento sobre o mesmo problema. " +
        "Botões abaixo de uma resposta: Próximo passo · Ver código · Revelar resposta · Tentar de novo · Cancelar; " +
        "👍/👎 nos diz como me saí.",
      slack:
        "Me mencione em um canal para perguntar ali e responda no meu tópico para fazer uma pergunta de " +
        "acompanhamento sobre o mesmo problema. Botões abaixo de uma resposta: Próximo passo · Ver código · " +
        "Revelar resposta · Tentar de novo · Cancelar; 👍/👎 nos diz como me saí.",
      web:
        "Solte um CSV (ou outro arquivo de dados) no formulário para trabalhar com dados. Abaixo de uma resposta: " +
        "Próximo passo · Ver código · Revelar resposta · Cancelar; 👍/👎 nos diz como me saí.",
    },
    message_command: "*Apps → {{name}}* em qualquer mensagem",
  },
  space: { discord: "servidor", slack: "espaço de trabalho", web: "site" },
} as const satisfies Catalog;
