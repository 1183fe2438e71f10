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
    parent_done: "✅ Pronto — a solução está em {{name}}.",
    parent_private: "✅ Pronto — o resultado só aparece para quem perguntou.",
    parent_stopped: "⏹️ Parou sem resposta — veja {{name}}.",
    parent_cancelled: "⏹️ Parou antes da resposta — Tentar de novo está em {{name}}.",
    the_thread: "o tópico",
    below: "as mensagens abaixo",
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
  ask: {
    in_dms: "{{ack}} Vou responder por mensagem direta.",
    your_question: "Sua pergunta",
    attached_file: "(o arquivo anexado)",
    thread_about: "Sobre {{file}}",
    thread_question: "Pergunta",
  },
  buttons: {
    cancel: "Cancelar",
    retry: "Tentar de novo",
    show_code: "Ver código",
    hide_code: "Ocultar código",
    next_step: "Próximo passo",
    next_hint: "Outra dica",
    next_solution: "Ver uma solução resolvida",
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
    false_start: "*A primeira tentativa gerou {{error}} — corrigido na célula abaixo.*",
    output: "Saída:",
    output_hidden: "Saída oculta até você revelar a resposta — ela diz a resposta.",
    output_cut: "… (mais {{count}} caracteres: Ver código)",
    no_code: "Este passo não executou código.",
    no_code_run: "Esta solução não executou código.",
    code_behind: "O código por trás desta solução",
    formula: "Fórmula {{index}}",
    figure: "Figura {{index}}",
  },
  titles: {
    set_up: "Montar",
    work_it_out: "Resolver",
    finish: "Terminar o cálculo",
    check_result: "Conferir o resultado",
    conclude: "Concluir",
    where_it_ended: "Onde parou",
    in_short: "Em resumo",
    how_to_start: "Como começar",
    add_cases: "Somar os casos",
    count_by_cases: "Contar por casos",
    try_python: "Testar em Python",
    plot: "Fazer o gráfico",
    read_data: "Ler os dados",
    calculate_python: "Calcular com Python",
    check_python: "Conferir com Python",
    correct: "Certo!",
    not_quite: "Ainda não",
    could_not_check: "Não consegui conferir esta resposta",
    could_not_read: "Não consegui ler sua resposta",
    answer: "Resposta",
  },
  answer: {
    label: "Resposta:",
    final_label: "Resposta final:",
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
  errors: {
    words: { the_file: "O arquivo", this_file: "Este arquivo", your_file: "seu arquivo" },
    empty_question: "A pergunta está vazia: escreva um problema depois do comando ou anexe um arquivo.",
    question_too_long: {
      counted:
        "A pergunta tem {{length, number}} caracteres; o limite é {{limit, number}}. Encurte-a ou anexe os dados longos como arquivo.",
      plain: "A pergunta é longa demais. Encurte-a ou anexe os dados longos como arquivo.",
    },
    missing_answer: "Para conferir seu trabalho, inclua sua resposta, por ex. `/check answer: 42`.",
    too_many_attachments: {
      counted: "Anexe no máximo {{limit}} arquivos por pergunta (você enviou {{sent}}).",
      limit: "Anexe no máximo {{limit}} arquivos por pergunta.",
      plain: "Arquivos demais: anexe menos arquivos por pergunta.",
    },
    attachment_too_large: {
      sized:
        "{{file}} tem {{size}}; o limite é {{limit}} por arquivo. Envie um trecho menor (por ex. as primeiras linhas do CSV).",
      limit:
        "{{file}} é grande demais; o limite é {{limit}} por arquivo. Envie um trecho menor (por ex. as primeiras linhas do CSV).",
      plain: "{{file}} é grande demais. Envie um trecho menor (por ex. as primeiras linhas do CSV).",
    },
    unsupported_file:
      "{{file}} não é um tipo de arquivo que eu consiga ler. Anexe dados ou texto (CSV, JSON, TXT, …) ou uma imagem.",
    file_unreadable: "Não consegui baixar {{file}}. Anexe-o novamente, por favor.",
    rate_limited: {
      user: "Você está perguntando mais rápido do que consigo responder — {{wait}}.",
      space: "Este servidor está enviando muitas perguntas agora — {{wait}}.",
      wait: "tente de novo em {{seconds}} s",
      moment: "tente de novo em instantes",
    },
    daily_limit: {
      plain: "Você já usou suas {{limit}} perguntas de hoje.",
      wait: "Você já usou suas {{limit}} perguntas de hoje — pode perguntar de novo em {{wait}}.",
    },
    hourly_limit: {
      wait: "Você atingiu o limite deste servidor de {{limit}} perguntas por hora — tente de novo em {{minutes}} min.",
      unknown: "Você atingiu o limite de perguntas por hora deste servidor.",
      plain: "Você atingiu o limite deste servidor de {{limit}} perguntas por hora.",
    },
    not_allowed_here: "Não respondo neste canal. Pergunte em um dos canais que seu servidor configurou para mim.",
    permission_missing:
      "Não posso publicar aqui: peça a um administrador do servidor permissão para eu enviar mensagens e arquivos.",
    dm_closed:
      "Não consigo enviar uma mensagem direta para você. Permita minhas mensagens diretas nas suas configurações de privacidade ou pergunte de novo sem `private`.",
    admin_only: "Só administradores do servidor podem mudar minhas configurações.",
    admin_only_who: "Só {{who}} podem mudar minhas configurações.",
    invalid_setting: {
      named: "Essa configuração ({{name}}) não é válida. Use `/settings` para ver as opções.",
      plain: "Essa configuração não é válida. Use `/settings` para ver as opções.",
    },
    unknown_command: {
      named:
        "Não consigo executar esse comando do jeito que chegou — talvez venha de uma versão mais nova ou mais antiga de mim. `{{name}}` mostra o que posso fazer aqui.",
      plain:
        "Não consigo executar esse comando do jeito que chegou — talvez venha de uma versão mais nova ou mais antiga de mim. A ajuda mostra o que posso fazer aqui.",
    },
    unknown_run: "Não tenho mais essa pergunta. Faça-a de novo, por favor.",
    run_in_progress: "Ainda estou trabalhando nessa pergunta — tente de novo quando os passos forem publicados.",
    already_finished: "Essa pergunta já foi respondida.",
    not_your_run: "Só quem fez esta pergunta, ou um professor, pode fazer isso.",
    no_more_steps: "Esse foi o último passo.",
    reveal_disabled: "Aqui eu não revelo a resposta. Tente o próximo passo ou confira sua própria resposta.",
    solution_not_released: {
      after:
        "As soluções resolvidas de “{{title}}” são liberadas depois de {{due}}. Até lá, peça uma dica ou confira sua própria resposta.",
      never:
        "Seu professor não libera as soluções resolvidas de “{{title}}”. Peça uma dica ou confira sua própria resposta.",
    },
    no_answer: "Não consegui chegar a uma resposta final para esta pergunta. Tente reformulá-la ou tente de novo.",
    max_tokens: "Esta pergunta exigia mais raciocínio do que me é permitido. Tente dividi-la em partes menores.",
    deadline: "Esta pergunta demorou demais e foi interrompida. Tente uma parte menor dela.",
    cancelled: "Cancelado.",
    attachment_missing:
      "Seu arquivo não está mais disponível (os arquivos ficam guardados por tempo limitado). Anexe-o novamente, por favor.",
    sandbox_unavailable: "Não consigo executar Python agora. Tente de novo em alguns minutos.",
    model_down: "O modelo do tutor não está respondendo agora. Tente de novo em alguns minutos.",
    model_busy: "O tutor está muito ocupado agora. Tente de novo em um minuto.",
    model_error: "O modelo do tutor recusou esta pergunta. Tente reformulá-la.",
    queue_unavailable:
      "Não consigo receber perguntas por um momento (minha fila está reiniciando). Tente de novo em um minuto.",
    run_failed: "Desculpe, não consegui terminar esta pergunta. Tente de novo mais tarde.",
    internal: "Algo deu errado do meu lado. Tente de novo mais tarde.",
  },
  web: {
    tagline: "Perguntas de matemática e dados, resolvidas passo a passo com Python.",
    what_can_i_ask: "O que posso perguntar?",
    demo: "Este é o <strong>modelo de demonstração</strong>: ele só conhece algumas perguntas preparadas (tente a soma dos dígitos de 2^100). Para respostas de verdade, conecte-o a um servidor START:",
    token_label: "Este servidor precisa do token de acesso (<code>WEB_TOKEN</code>):",
    use_token: "Usar token",
    your_question: "Sua pergunta",
    question_placeholder: "Qual é a soma dos dígitos de 2^100?",
    ask_help: "Ctrl+Enter (⌘+Enter) envia a pergunta. Matemática entre <code>$…$</code> funciona.",
    mode: "Modo",
    your_answer: "Sua resposta",
    answer_placeholder: "por ex. 115",
    drop: "Solte um CSV aqui (opcional), ou",
    choose_files: "Escolher arquivos…",
    ask: "Perguntar",
    cells_label: "Células Python enquanto rodam",
    history_title: "Suas perguntas anteriores",
    history_empty: "As perguntas que você fizer neste navegador aparecem aqui.",
    sending: "Enviando…",
    cancelling: "Cancelando…",
    remove: "Remover",
    remove_file: "Remover {{name}}",
    python_cell: "Célula Python {{index}}",
    output_later: "Executada. A saída aparece com os passos.",
    correct: "Sua resposta está certa.",
    not_correct: "Sua resposta ainda não está certa.",
    server_answered: "O servidor respondeu {{status}}.",
    no_longer_stored: "Esta pergunta não está mais guardada.",
    reconnecting: "Conexão perdida, reconectando… ({{error}})",
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
  /** The command table's texts /help and the web page show (English: commands/table.ts). */
  commands: {
    ask: {
      help: "a solução completa, um passo por mensagem (anexe um CSV ou outro arquivo de dados se quiser; só um arquivo também serve)",
      label: "Resolver — todos os passos",
      slack: {
        help: "a solução completa, um passo por mensagem em um tópico (para trabalhar com um arquivo, use `/analyze`)",
      },
    },
    hint: {
      help: "só como começar; peça o próximo passo quando estiver pronto",
      label: "Dica — só como começar",
    },
    check: {
      help: "diz se sua resposta está certa, sem entregar a solução",
      label: "Conferir minha resposta",
    },
    explain: {
      help: "uma explicação passo a passo de um conceito",
      label: "Explicar um conceito",
    },
    analyze: {
      help: "trabalha um arquivo de dados (CSV, XLSX, JSON) com pandas: números e gráficos",
      slack: {
        help: "trabalha o arquivo mais recente que você compartilhou neste canal (CSV, JSON, texto) com pandas: números e gráficos",
      },
    },
    settings: {
      help: "como este {{space}} mostra as respostas, os limites por hora, onde eu respondo e quem são os professores (os administradores do {{space}} podem mudar)",
    },
    help: {
      help: "esta lista",
    },
    "solve-with-start": {
      help: "resolve a pergunta daquela mensagem, passo a passo em um tópico",
    },
    policy: {
      help: "o que é permitido neste canal e quando as respostas aparecem (os professores mudam isso)",
    },
    reveal: {
      help: "libera as respostas em um canal cuja política espera um professor (só professores)",
    },
    assign: {
      help: "cria uma tarefa para um canal: lá o `/check` é corrigido com as suas respostas (só professores)",
    },
    report: {
      help: "o que foi perguntado aqui, dicas, verificações e respostas erradas comuns, e o custo, com um CSV (professores)",
    },
    usage: {
      help: "quantas perguntas ainda te restam nesta hora e hoje",
    },
    "forget-me": {
      help: "apaga na hora tudo o que registrei sobre você neste {{space}}",
    },
    "forget-channel": {
      help: "apaga os registros de turma deste canal (professores)",
    },
  },
  teacher: {
    off: "A página do professor está desligada: quem opera o bot a liga com WEB_TEACHER_TOKEN.",
    wrong_token: "Esse não é o token do professor.",
    log_in: "Entre primeiro com o token do professor.",
    no_assignment: "Essa tarefa não existe.",
    not_in_scope: "Este token do professor não pode ler esse servidor ou espaço de trabalho.",
    title: "start-tutor — professor",
    tagline: "Sua turma: o que os alunos perguntaram, onde travaram e as tarefas que você passou.",
    log_in_title: "Entrar",
    token: "Token do professor",
    log_in_button: "Entrar",
    log_out: "Sair",
    report_title: "Relatório da turma",
    space: "Servidor ou espaço de trabalho",
    channel: "Canal",
    every_channel: "Todos os canais",
    scope_all:
      "Este token lê todo servidor do Discord, espaço de trabalho do Slack e a página deste site que tenham registros de turma ou tarefas.",
    scope_some: "Este token lê somente: {{list}} (WEB_TEACHER_SPACES).",
    kinds: {
      discord: "Servidor do Discord {{id}}",
      slack: "Espaço de trabalho do Slack {{id}}",
      web: "A página deste site",
      cli: "A linha de comando",
      other: "Espaço {{id}}",
    },
    channel_named: "#{{channel}}",
    no_channel: "Sem canal",
    pseudonyms:
      "Os alunos aparecem como “student 7”, com o mesmo número em todo o servidor ou espaço de trabalho; quem opera o bot liga os nomes reais com RECORDS_REAL_NAMES.",
    real_names: "Os alunos aparecem pelo id da plataforma: RECORDS_REAL_NAMES está ligado.",
    empty: "{{where}}: ainda não há registros de turma. Eles aparecem aqui assim que os alunos perguntarem.",
    loading: "Carregando…",
    download_csv: "Baixar CSV",
    csv_note: "O CSV tem uma linha por pergunta: o mesmo arquivo que o /report anexa.",
    in_all: "No total",
    assignment: "Tarefa: {{assignment}}",
    questions: "Perguntas",
    questions_value: "{{questions}} de {{students}} alunos",
    modes: "resolver {{solve}} · dica {{hint}} · conferir {{check}} · explicar {{explain}}",
    hints: "Dicas",
    hints_value: "{{steps}} passos mostrados, o mais fundo {{deepest}}",
    checks: "/check",
    checks_value: "{{checks}} tentativas — {{right}} certas, {{wrong}} erradas",
    feedback: "Avaliações",
    cost: "Custo",
    cost_value: "{{tokens}} tokens do modelo · {{seconds}} s no sandbox",
    by_whom: "Quem",
    student: "Aluno",
    hint_steps: "Passos de dica",
    right_wrong: "Certas / erradas",
    tokens: "Tokens",
    wrong_title: "Respostas erradas comuns",
    wrong_none: "Ainda não há respostas erradas para agrupar.",
    wrong_count: "{{count}} tentativas de {{students}} alunos",
    wrong_question: "Perguntado como: {{question}}",
    example: "Exemplo: {{answer}} — “{{work}}”",
    example_bare: "Exemplo: {{answer}} (sem desenvolvimento)",
    assignments_title: "Tarefas",
    new_assignment: "Nova tarefa",
    field_title: "Título",
    title_placeholder: "Semana 3: frações",
    where_help:
      "web e web para a página deste site; senão o id do servidor do Discord e o do canal, ou o id da equipe do Slack e o do canal.",
    due: "Prazo (data e hora ISO; sem fuso = UTC)",
    problems: "Problemas — um por linha: problema :: resposta, ou problema :: resposta :: solução",
    avoid: "Frases que as dicas nunca devem dizer — uma por linha",
    create: "Criar tarefa",
    created: "“{{title}}” criada com {{count}} problema(s).",
    no_assignments: "Ainda não há tarefas.",
    col_title: "Título",
    col_where: "Onde",
    col_due: "Prazo (UTC)",
    col_problems: "Problemas",
    show_report: "Relatório",
    attempts_title: "Tentativas: {{title}}",
    col_number: "nº",
    col_problem: "Problema",
    col_students: "Alunos",
    col_attempts: "Tentativas",
    col_solved: "Resolvido",
    col_wrong: "Respostas erradas comuns",
    release_label: "Soluções resolvidas para os alunos",
    release_yes: "Liberadas após o prazo",
    release_no: "Nunca liberadas",
    col_release: "Soluções resolvidas",
    released_after: "após o prazo",
    released_never: "nunca",
  },
  space: { discord: "servidor", slack: "espaço de trabalho", web: "site" },
  withhold: {
    code_withheld: "O código que calcula a resposta vem com “Revelar resposta”.",
    reveal_rest:
      "**Os passos que chegam à resposta, e a resposta, estão prontos** — tente você primeiro e depois revele-os.",
    reveal_rest_slack:
      "Os passos que chegam à resposta final, e a própria resposta, estão prontos. Tente você primeiro e depois toque em “Revelar resposta” para vê-los (só você verá).",
    spoiler_rest: "Os passos que a calculam estão atrás do botão abaixo.",
    show_rest: "Mostrar o resto da solução",
    never_rest: "Aqui eu paro: os passos restantes calculam a resposta final; faça-os você mesmo.",
  },
  explanation: {
    idea: "A ideia",
    why: "Por que funciona",
    together: "Juntando tudo",
    short: "Em resumo",
  },
  /** Worked solutions of an assignment, released after its due date (commands/release.ts). */
  release: {
    policy_after: "As soluções resolvidas de “{{title}}” são liberadas depois de {{due}}.",
    policy_since: "As soluções resolvidas de “{{title}}” estão liberadas: o prazo era {{due}}.",
    policy_never: "As soluções resolvidas de “{{title}}” não são liberadas.",
    saved_yes: "As soluções resolvidas são liberadas aos alunos depois do prazo.",
    saved_no: "As soluções resolvidas não são liberadas.",
  },
  ladder: {
    titles: {
      notice: "O que observar",
      method: "O método",
      first: "Um primeiro passo",
    },
    hint: "Dica {{index}}",
    solution: "Solução resolvida",
    solution_step: "Solução resolvida · passo {{index}} de {{total}}",
    fallback: {
      notice:
        "Leia a pergunta mais uma vez e diga exatamente o que ela pede e quais dados dela você vai precisar para chegar lá.",
      method:
        "Escreva o que você procura em função do que é dado — uma equação, uma fórmula ou uma contagem — antes de calcular qualquer coisa.",
      first:
        "Tente primeiro o mesmo tipo de pergunta com números menores, em que você possa conferir cada caso à mão, e depois amplie a ideia.",
    },
    closing: {
      hint: "💡 Tente você primeiro. Travou? Toque em **Outra dica**.",
      solution: "💡 Essa foi a última dica. Ainda travado? Você pode **Ver uma solução resolvida**.",
      none: "💡 Essa foi a última dica — agora tente você.",
    },
    methods: {
      divisors: {
        method:
          "Conte os divisores a partir da fatoração em primos: um divisor de $p^a q^b$ escolhe um expoente de 0 a $a$ para $p$ e de 0 a $b$ para $q$, então há $(a + 1)(b + 1)$ deles.",
        example: "Por exemplo, $12 = 2^2 \\cdot 3$ tem $(2 + 1)(1 + 1) = 6$ divisores: 1, 2, 3, 4, 6 e 12.",
      },
      factorization: {
        method:
          "Decomponha o número em potências de primos, $p^a \\cdot q^b \\cdots$; o resto do problema se lê nesses expoentes.",
        example: "Por exemplo, $72 = 2^3 \\cdot 3^2$: os expoentes são 3 e 2.",
      },
      factoring: {
        method:
          "Fatore o polinômio em parênteses como $(x - a)(x - b)$ e iguale cada parêntese a zero: o produto é zero exatamente quando um fator é.",
        example: "Por exemplo, $x^2 - 9x + 20 = (x - 4)(x - 5)$, porque $4 \\cdot 5 = 20$ e $4 + 5 = 9$.",
        example_2: "Por exemplo, $x^2 - 11x + 30 = (x - 5)(x - 6)$, porque $5 \\cdot 6 = 30$ e $5 + 6 = 11$.",
      },
      binomial: {
        method:
          "Conte as escolhas com coeficientes binomiais: $k$ coisas entre $n$ podem ser escolhidas de $\\binom{n}{k}$ maneiras.",
        example: "Por exemplo, 2 de 5 coisas podem ser escolhidas de $\\binom{5}{2} = 10$ maneiras.",
      },
      integral: {
        method: "Encontre uma primitiva e avalie-a nos dois limites: $\\int_a^b f(x)\\,dx = F(b) - F(a)$.",
        example: "Por exemplo, $\\int_0^3 x^2\\,dx = \\frac{3^3}{3} - 0 = 9$.",
      },
      derivative: {
        method:
          "Derive termo a termo com a regra da potência, $\\frac{d}{dx}x^n = n x^{n-1}$, e a regra da cadeia onde for preciso.",
        example: "Por exemplo, $\\frac{d}{dx}(x^3 + 5x) = 3x^2 + 5$.",
      },
      cases: {
        method:
          "Liste os casos de forma sistemática e conte os que satisfazem a condição, para não esquecer nenhum nem contar duas vezes.",
        example: "Por exemplo, de 10 a 19 os números divisíveis por 3 são 12, 15 e 18: três deles.",
      },
      sum: {
        method: "Escreva os termos e procure um padrão ou uma fórmula fechada para a soma, em vez de somar um por um.",
        example: "Por exemplo, $1 + 2 + \\cdots + 10 = \\frac{10 \\cdot 11}{2} = 55$.",
      },
      circle: {
        method: "Use a fórmula da área: um círculo de raio $r$ tem área $A = \\pi r^2$.",
        example: "Por exemplo, um círculo de raio 2 tem área $4\\pi \\approx 12.57$.",
      },
      product: {
        method:
          "Separe um fator em dezenas e unidades, multiplique cada parte pelo outro fator e some os dois produtos parciais: $a \\times (b + c) = a \\times b + a \\times c$.",
        example: "Por exemplo, $14 \\times 12 = 14 \\times 10 + 14 \\times 2 = 140 + 28 = 168$.",
      },
    },
  },
  check: {
    label: "Verificação",
    correct_title: "Correto",
    correct: "Sua resposta está certa — ela decorre deste método:\n> {{why}}",
    correct_no_why: "Sua resposta está certa: ela concorda com a solução que encontrei.",
    work_holds: "Todas as linhas do seu desenvolvimento que consegui verificar estão certas.",
    wrong_title: "Ainda não",
    wrong: "Sua resposta {{answer}} ainda não está certa.",
    recheck_line: "Revise esta linha do seu desenvolvimento:\n> {{line}}\n\n{{why}}",
    sides_differ: "Os dois lados não são iguais — calcule cada lado de novo.",
    answer_appears: "É aqui que sua resposta aparece pela primeira vez: confira como ela decorre da linha anterior.",
    recheck_idea: "Revise seu desenvolvimento à luz desta ideia:\n> {{idea}}",
    recheck_method: "Depois confira o método:\n> {{method}}",
    no_advice: "Revise seu desenvolvimento linha por linha e confira cada resultado.",
    unchecked_title: "Não consegui verificar esta resposta",
    unsolved: "Não consegui resolver o problema eu mesmo, então não posso dizer se sua resposta está certa.",
    uncompared:
      "Não consegui comparar sua resposta `{{answer}}` com a minha; tente escrevê-la como um número ou uma fórmula.",
    unreadable_title: "Não consegui ler sua resposta",
    unreadable:
      "Não consegui ler sua resposta `{{answer}}` como {{kind}}, então não posso dizer se está certa. Tente escrever só a resposta, por exemplo em LaTeX.",
    closing: {
      right: "✅ Sua resposta está certa.",
      wrong: "❌ Ainda não — revise o que está citado acima e tente /check de novo.",
    },
  },
  shared: {
    by: "{{user}} compartilhou sua verificação:",
  },
  assign: {
    saved: "Salvei a tarefa **{{title}}** para <#{{channel}}>, com entrega em {{due}}, com {{count}} problema(s):",
    problem: "{{number}}. {{statement}}",
    how: "Nesse canal, o `/check` de um estudante com o número do problema (por ex. `/check 1` com a resposta) é corrigido pela sua resposta; as dicas seguem a sua solução e evitam suas {{avoid}} frase(s).",
    pick: "Para qual problema de **{{title}}** é esta resposta?",
    pick_placeholder: "Escolha o problema",
  },
  records: {
    report: {
      title: "**Relatório da turma — {{where}}**",
      where_channel: "<#{{channel}}>",
      where_space: "todos os canais",
      where_none: "nenhum canal",
      assignment: "tarefa {{assignment}}",
      empty: "Ainda não há registros da turma para {{where}}.",
      questions:
        "• Perguntas: {{questions}} de {{students}} estudantes — resolver {{solve}} · dica {{hint}} · verificar {{check}} · explicar {{explain}}",
      by_whom: "• De quem: {{list}}",
      hints: "• Dicas: {{steps}} passos mostrados, o mais profundo {{deepest}}",
      checks: "• /check: {{checks}} tentativas — {{right}} certas, {{wrong}} erradas",
      feedback: "• Avaliações: 👍 {{up}} · 👎 {{down}}",
      cost: "• Custo: {{tokens}} tokens do modelo · {{seconds}} s no ambiente isolado",
      wrong_title: "**Respostas erradas frequentes**",
      wrong: "{{group}}. {{answers}} — {{count}} tentativas de {{students}} estudantes ({{question}})",
      example: "   por ex. {{answer}}: “{{work}}”",
      more: "… e mais no CSV.",
      csv: "O CSV tem uma linha por pergunta.",
      total:
        "**No total:** {{questions}} perguntas de {{students}} estudantes · {{tokens}} tokens do modelo · {{seconds}} s no ambiente isolado",
    },
    usage: {
      title: "**Suas perguntas neste {{space}}**",
      hour: "Esta hora",
      day: "Hoje",
      window: "• {{window}}: {{used}} de {{limit}} — restam {{left}}",
      window_full: "• {{window}}: {{used}} de {{limit}} — nenhuma restante; a próxima é liberada em {{wait}}",
      window_free: "• {{window}}: {{used}} (sem limite)",
    },
    forgot_me:
      "Pronto: apaguei o que eu tinha registrado sobre você neste {{space}} — {{count}} no total (perguntas, verificações, votos) — com seu contador de uso e o que suas execuções recentes guardavam.",
    forgot_channel: "Pronto: apaguei os {{count}} registros da turma de <#{{channel}}>.",
    no_channel: "Execute isto no canal cujos registros você quer apagar.",
  },
  /** A student's /check verdict and hints in a shared channel: theirs alone until they share them. */
  private: {
    share: "Compartilhar no tópico",
    shared_by: "Compartilhado por {{user}}:",
    shared: "Compartilhado no tópico.",
    already_shared: "Você já compartilhou isto no tópico.",
    locked: "🔒 {{user}}, seu resultado está pronto — só você pode abri-lo.",
    show_result: "Ver meu resultado",
  },
} as const satisfies Catalog;
