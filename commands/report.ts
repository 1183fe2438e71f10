/**
 * `/report` (teachers, ephemeral): the class records of this channel — or of every channel with
 * `all` — as the report's summary (src/records/report.ts) in Markdown, with the same report as
 * a CSV file. The text stays within one message; the CSV carries everything. The teacher page
 * reads the same `classReport` (./teacher.ts).
 */
import type { Report, ReportSection } from "../src/records/report.js";
import type { CommandCall, CommandResult, HandlerContext } from "./spec.js";
import { classReport } from "./teacher.js";
import type { Texts } from "./texts.js";

/** Discord shows at most 2000 characters in a message; leave room for the CSV note. */
const MAX_CHARS = 1_900;
/** Wrong-answer groups listed per section (the CSV has them all). */
const WRONG_GROUPS = 3;

export async function reportHandler(call: CommandCall, context: HandlerContext): Promise<CommandResult> {
  const { deps, texts } = context;
  const everywhere = call.options.all === true || call.channel === undefined;
  const { report, csv, file } = await classReport(deps, call.space, everywhere ? undefined : call.channel);
  const where = everywhere
    ? texts.t("records.report.where_space")
    : texts.t("records.report.where_channel", { channel: call.channel! });
  if (report.sections.length === 0) return { kind: "text", text: texts.t("records.report.empty", { where }) };
  return {
    kind: "text",
    text: reportText(report, texts, where, everywhere),
    files: [{ name: file, contentType: "text/csv", text: csv }],
  };
}

const number = (n: number) => n.toLocaleString("en-US");

/** "1 student", "3 students": a count inside a report line, in its language's plural form. */
const counted = (texts: Texts, what: "students" | "questions" | "attempts" | "steps_shown", count: number) =>
  texts.t(`counts.${what}`, { count });

/**
 * The report as one message (at most `MAX_CHARS`): the title, the space's totals when it covers
 * every channel (the cost of the class comes before any cut), then a part per section.
 */
export function reportText(report: Report, texts: Texts, where: string, everywhere: boolean): string {
  const total = texts.t("records.report.total", {
    questions: counted(texts, "questions", report.totals.questions),
    students: counted(texts, "students", report.totals.students),
    tokens: number(report.totals.tokens),
    seconds: report.totals.sandboxS.toFixed(1),
  });
  return withinLimit(
    [
      texts.t("records.report.title", { where }),
      ...(everywhere ? [total] : []),
      ...report.sections.map((s) => section(s, texts, everywhere)),
    ],
    texts,
  );
}

/** One section of the report as Markdown lines. */
export function section(s: ReportSection, texts: Texts, named: boolean): string {
  const t = (key: string, values: Record<string, string | number> = {}) => texts.t(`records.report.${key}`, values);
  const { totals } = s;
  const heading = [
    named ? (s.channel ? t("where_channel", { channel: s.channel }) : t("where_none")) : "",
    s.assignment ? t("assignment", { assignment: s.assignment }) : "",
  ].filter(Boolean);
  const lines = heading.length > 0 ? [`**${heading.join(" · ")}**`] : [];
  lines.push(
    t("questions", { questions: totals.questions, students: counted(texts, "students", s.students), ...totals.byMode }),
    t("by_whom", { list: s.perStudent.map((p) => `${p.student} (${p.questions})`).join(", ") }),
    t("hints", { steps: counted(texts, "steps_shown", totals.hintSteps), deepest: totals.maxHintDepth }),
    t("checks", { checks: counted(texts, "attempts", totals.checks), right: totals.right, wrong: totals.wrong }),
    t("feedback", { up: totals.up, down: totals.down }),
    t("cost", { tokens: number(totals.tokens), seconds: totals.sandboxS.toFixed(1) }),
  );
  if (s.wrongAnswers.length > 0) {
    lines.push(t("wrong_title"));
    for (const g of s.wrongAnswers.slice(0, WRONG_GROUPS)) {
      lines.push(
        t("wrong", {
          group: g.group,
          answers: g.answers.map((a) => `\`${a.replace(/`/g, "'")}\``).join(" · "),
          attempts: counted(texts, "attempts", g.count),
          students: counted(texts, "students", g.students),
          question: `“${clip(g.question, 80)}”`,
        }),
      );
      if (g.example.work)
        lines.push(t("example", { answer: `\`${g.example.answer}\``, work: clip(g.example.work, 160) }));
    }
  }
  return lines.join("\n");
}

/** The parts, joined, cut before the part that would pass the limit. */
function withinLimit(parts: string[], texts: Texts): string {
  const more = texts.t("records.report.more");
  let text = "";
  for (const part of parts) {
    const next = text ? `${text}\n\n${part}` : part;
    if (next.length > MAX_CHARS) {
      const room = MAX_CHARS - text.length - more.length - 2;
      return `${text}${room > 200 ? `\n\n${part.slice(0, room).replace(/\n[^\n]*$/, "")}` : ""}\n${more}`;
    }
    text = next;
  }
  return `${text}\n\n${texts.t("records.report.csv")}`;
}

function clip(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > chars ? `${flat.slice(0, chars - 1)}…` : flat;
}
