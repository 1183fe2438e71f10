/**
 * The deterministic presenter's step titles in the run's language. It names steps in English
 * ("Set up", "Check with Python") and some of its logic reads those names, so they are translated
 * only here, at the end, by exact match: a title the model wrote (the write-up, a code comment)
 * is left as written — the write-up is asked to write in the question's language.
 *
 * A new title of the presenter: add it to FALLBACK_TITLES with a `titles.<key>` in every catalog.
 */
import { t } from "../i18n/index.js";
import type { Presentation } from "./types.js";

/** English title → its catalog key. */
const FALLBACK_TITLES: Record<string, string> = {
  "Set up": "titles.set_up",
  "Work it out": "titles.work_it_out",
  "Finish the calculation": "titles.finish",
  "Check the result": "titles.check_result",
  Conclude: "titles.conclude",
  "Where it ended": "titles.where_it_ended",
  "In short": "titles.in_short",
  "How to start": "titles.how_to_start",
  "Add the cases": "titles.add_cases",
  "Count by cases": "titles.count_by_cases",
  "Try it in Python": "titles.try_python",
  "Plot it": "titles.plot",
  "Read the data": "titles.read_data",
  "Calculate with Python": "titles.calculate_python",
  "Check with Python": "titles.check_python",
  "Correct!": "titles.correct",
  "Not quite": "titles.not_quite",
  "Could not check this answer": "titles.could_not_check",
  "Could not read your answer": "titles.could_not_read",
  Answer: "titles.answer",
};

/** The title in `locale` when it is one of the presenter's own, else as it is. */
export function localTitle(title: string, locale: string | undefined): string {
  const key = FALLBACK_TITLES[title];
  return key === undefined ? title : t(locale, key);
}

/** Every step's presenter title in `locale`. */
export function localizeTitles(presentation: Presentation, locale: string | undefined): Presentation {
  if (locale === undefined || locale === "en") return presentation;
  return {
    ...presentation,
    steps: presentation.steps.map((step) => ({ ...step, title: localTitle(step.title, locale) })),
  };
}
