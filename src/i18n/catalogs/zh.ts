/** Simplified Chinese. Same keys and placeholders as `./en.ts` (one plural form: `_other`). */
import type { Catalog } from "./types.js";

export const zh = {
  status: {
    working: "正在处理…",
    retrying: "出了点问题，稍后重试…",
    done: "完成。",
    stopped: "已停止。",
    cancelled: "已取消。",
    failed: "已停止。",
  },
  progress: {
    thinking: "思考中…",
    thinking_long: "思考中…（目前 {{size}}k 个字符）",
    cell_running: "正在运行第 {{index}} 个 Python 单元…",
    cell_ran: "已运行第 {{index}} 个 Python 单元，思考中…",
    hint: "正在用 Python 复核…",
    answer: "已找到答案，正在整理…",
    model_busy: "模型繁忙，正在重试（第 {{attempt}} 次）…",
    rendering: "正在渲染公式和图表…",
    cells_ran_other: "已运行 {{count}} 个 Python 单元",
    elapsed: "{{seconds}} 秒",
  },
  notices: {
    run_cancelled: "已取消。",
    retry_already_running: "已经在处理了。",
    feedback_saved: "感谢你的反馈！",
  },
  modes: {
    solve: { ack: "正在处理——我会在这个话题里一步一步发布解答。" },
    hint: { ack: "让我想想一个好的第一步…" },
    check: { ack: "正在检查你的答案…" },
    explain: { ack: "正在准备讲解…" },
  },
  buttons: {
    cancel: "取消",
    retry: "重试",
    show_code: "查看代码",
    hide_code: "隐藏代码",
    next_step: "下一步",
    reveal: "显示答案",
    helpful: "有帮助",
    not_helpful: "没帮助",
    step_of: "第 {{index}}/{{total}} 步",
    stale: "这个按钮已失效。",
  },
  steps: {
    of: "第 {{index}} 步（共 {{total}} 步）· {{title}}",
    of_short: "第 {{index}}/{{total}} 步 · {{title}}",
    continued: "{{title}}（续）",
    code_of: "第 {{index}} 步",
    output: "输出：",
    no_code: "这一步没有运行代码。",
    formula: "公式 {{index}}",
    figure: "图 {{index}}",
  },
  answer: {
    label: "答案：",
    hint_done: "💡 这是你的提示——自己试试下一步。卡住了？点 **下一步**。",
    hint_done_slack: "这就是开头。自己试试下一步，或者点上面的 *下一步*。",
    right: "你的答案是对的。",
    wrong: "还不对——看看上面的步骤再试一次（答案仍然隐藏）。",
    wrong_slack: "你的答案不一致。请重新检查上面指出的那一步。",
    undecided: "我无法判断你的答案是否正确。",
    explained: "讲解就是这些——如有不清楚的地方，@我 继续提问。",
    explained_slack: "讲解就是这些。如果哪一步不清楚，请在这个话题里回复。",
    none: "这道题我没能得出最终答案。",
    none_slack: "这次没有最终答案。",
    ready: "**最终答案已准备好**——先自己试试，再点开查看。",
    ready_slack: "完整解答就是这些。想对照时再显示最终答案。",
    every_step: "**所有步骤都在这里了**——自己算出最终答案吧。",
    whole_solution: "完整解答就是这些。",
    fallback: "最终答案",
    fallback_explained: "讲解就是这些。",
    fallback_none: "没有最终答案。",
  },
  thread: {
    asked: "<@{{user}}> 提问：",
    asked_with: "<@{{user}}> 用 {{command}} 提问：",
    question: "问题",
  },
  help: {
    intro: "**我是数学和数据辅导老师。** 我会一步一步解题，需要时运行 Python。",
    outro: {
      discord:
        "在我的话题里 @我（或回复我），可以就同一道题继续提问。解答下方的按钮：下一步 · 查看代码 · 显示答案 · 重试 · 取消；" +
        "用 👍/👎 告诉我们效果如何。",
      slack:
        "在频道里 @我 即可在那里提问；在我的话题里回复，可以就同一道题继续提问。解答下方的按钮：下一步 · 查看代码 · " +
        "显示答案 · 重试 · 取消；用 👍/👎 告诉我们效果如何。",
      web: "把 CSV（或其他数据文件）拖到表单上，就可以基于数据解题。解答下方：下一步 · 查看代码 · 显示答案 · 取消；用 👍/👎 告诉我们效果如何。",
    },
    message_command: "在任意消息上选择 *应用 → {{name}}*",
  },
  space: { discord: "服务器", slack: "工作区", web: "网站" },
} as const satisfies Catalog;
