/** An assignment problem presented as the teacher set it: their answer, their solution where the model disagrees, no avoided phrase. */
import { describe, expect, it } from "vitest";
import type { AssignmentProblem } from "../assignments/assignment.js";
import { followTeacher, saysAvoided, withoutAvoided } from "./assignment.js";
import type { Presentation } from "./types.js";
import { writeupUserMessage } from "./writeup/prompt.js";

const problem: AssignmentProblem = {
  assignmentId: "a1",
  title: "Fractions",
  problem: 1,
  answer: "5/6",
  solution: "Write both fractions over 6. Then add the sixths.",
  avoid: ["add the denominators"],
};
const model: Presentation = {
  steps: [
    {
      title: "Add the denominators",
      markdown: "To add fractions, add the numerators and add the denominators. We get 2/5.",
    },
    { title: "Result", markdown: "So the sum is 2/5.", code: "print(Fraction(2, 5))", output: "2/5" },
  ],
  answer: "2/5",
  presenter: "deterministic",
};

describe("presenting an assignment problem", () => {
  it("keeps the model's steps only when its answer is the teacher's; the answer is always the teacher's", () => {
    const disagreeing = followTeacher(model, "2/5", problem, "check");
    expect(disagreeing.answer).toBe("5/6");
    expect(disagreeing.steps.map((s) => s.markdown)).toEqual(["Write both fractions over 6.", "Then add the sixths."]);
    const agreeing = followTeacher({ ...model, answer: "\\frac{5}{6}" }, "\\frac{5}{6}", problem, "hint");
    expect(agreeing.steps).toBe(model.steps);
    const noSolution = { ...problem, solution: undefined };
    expect(followTeacher(model, null, noSolution, "check").steps).toEqual([]);
    // A hint still gets a start, never the model's method.
    const hint = followTeacher(model, "2/5", noSolution, "hint").steps;
    expect(hint).toHaveLength(1);
    expect(JSON.stringify(hint)).not.toContain("numerators");
  });

  it("drops every sentence, title and cell that says an avoided phrase", () => {
    const clean = withoutAvoided(model, ["Add  the DENOMINATORS", "Fraction(2"]);
    expect(clean.steps[0]).toEqual({ title: "Step 1", markdown: "We get 2/5." });
    expect(clean.steps[1]).toEqual({ title: "Result", markdown: "So the sum is 2/5." });
    expect(saysAvoided(JSON.stringify(clean), ["add the denominators"])).toBe(false);
    expect(withoutAvoided(model, [])).toBe(model);
  });

  it("words its own titles and its general hint in the student's language", () => {
    expect(withoutAvoided(model, ["add the denominators"], "es").steps[0]!.title).toBe("Paso 1");
    const disagreeing = followTeacher(model, "2/5", problem, "check", "de");
    expect(disagreeing.steps.map((s) => s.title)).toEqual(["Schritt 1", "Schritt 2"]);
    const hint = followTeacher(model, "2/5", { ...problem, solution: undefined }, "hint", "es").steps;
    expect(hint[0]!.markdown).toMatch(/^Anota lo que te da el problema/);
  });

  it("gives the write-up the teacher's solution to follow and the phrases never to write", () => {
    const prompt = writeupUserMessage("What is 1/2 + 1/3?", [], "5/6", {
      guide: { solution: problem.solution, avoid: problem.avoid },
    });
    expect(prompt).toContain("## The teacher's solution (follow its method and order)\nWrite both fractions over 6.");
    expect(prompt).toContain('Never write any of these (the teacher asked): "add the denominators".');
    expect(writeupUserMessage("What is 1/2 + 1/3?", [], "5/6")).not.toContain("teacher");
  });
});
