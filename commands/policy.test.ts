/** Channel policies as a class would set them: what is in force where, what a release waits for, who is a teacher. */
import { describe, expect, it } from "vitest";
import { answerReleased, effectivePolicy, type Place, parsePolicy, postedReveal, rolesFor } from "./policy.js";
import { describePolicy } from "./policy-texts.js";

const SPACE = { revealPolicy: "button" as const, userHourlyLimit: 5 };
const homework: Place = { id: "C1", name: "homework", kind: "channel" };
const thread: Place = { id: "T1", name: "Question 3", kind: "thread" };
const maths: Place = { id: "K1", name: "Maths", kind: "category" };
const NOW = new Date("2027-01-10T12:00:00Z");

describe("effective policy", () => {
  it("is the space's settings where nothing is set", () => {
    const policy = effectivePolicy({}, [homework], SPACE);
    expect(policy.modes).toEqual(["solve", "hint", "check", "explain", "analyze"]);
    expect(policy.reveal).toBe("button");
    expect(policy.perHour).toBe(5);
    expect(policy.policed).toBe(false);
  });

  it("lets a channel override its category and a thread inherit its channel", () => {
    const stored = {
      "*": { showCode: false },
      K1: { modes: ["solve" as const, "hint" as const], perDay: 20 },
      C1: { modes: ["hint" as const, "check" as const], reveal: "teacher" as const },
    };
    const policy = effectivePolicy(stored, [thread, homework, maths], SPACE);
    expect(policy.modes).toEqual(["hint", "check"]);
    expect(policy.reveal).toBe("teacher");
    expect(policy.revealFrom.place?.id).toBe("C1");
    expect(policy.showCode).toBe(false);
    expect(policy.perDay).toBe(20);
  });

  it("runs only hints and checks where answers are never shown", () => {
    const policy = effectivePolicy({ C1: { reveal: "never" } }, [homework], SPACE);
    expect(policy.modes).toEqual(["hint", "check"]);
    expect(postedReveal(policy)).toBe("never");
    expect(answerReleased(policy, NOW)).toBe(false);
  });

  it("releases a dated channel at its date, and a teacher channel once /reveal ran", () => {
    const dated = effectivePolicy({ C1: { reveal: "date", releaseAt: "2027-01-10T17:00:00.000Z" } }, [homework], SPACE);
    expect(answerReleased(dated, NOW)).toBe(false);
    expect(answerReleased(dated, new Date("2027-01-10T17:00:00Z"))).toBe(true);
    const waiting = effectivePolicy({ C1: { reveal: "teacher" } }, [homework], SPACE);
    expect(answerReleased(waiting, NOW)).toBe(false);
    const released = effectivePolicy({ "*": { reveal: "teacher" }, C1: { released: true } }, [homework], SPACE);
    expect(answerReleased(released, NOW)).toBe(true);
  });
});

describe("parsing /policy", () => {
  it("reads modes, reveal words and dates, and refuses a date in the past", () => {
    expect(parsePolicy({ modes: "hint, check", reveal: "never" }, NOW)).toEqual({
      ok: true,
      policy: { modes: ["hint", "check"], reveal: "never" },
    });
    expect(parsePolicy({ reveal: "2027-01-15T17:00Z" }, NOW)).toEqual({
      ok: true,
      policy: { reveal: "date", releaseAt: "2027-01-15T17:00:00.000Z" },
    });
    expect(parsePolicy({ reveal: "2026-01-15T17:00Z" }, NOW)).toEqual({ ok: false, name: "reveal" });
    expect(parsePolicy({ modes: "solve,cheat" }, NOW)).toEqual({ ok: false, name: "modes" });
    expect(parsePolicy({ hint_depth: "0" }, NOW)).toEqual({ ok: false, name: "hint_depth" });
  });
});

describe("teachers", () => {
  it("are the admins, the teacher role's members, the listed users and the teacher group's members", async () => {
    const settings = { teacherRole: "R1", teachers: ["U7"], teacherGroup: "S1" };
    expect(await rolesFor({ user: "u", admin: true }, {})).toEqual(["admin", "teacher"]);
    expect(await rolesFor({ user: "u", admin: false, roleIds: ["R1"] }, settings)).toEqual(["teacher"]);
    expect(await rolesFor({ user: "U7", admin: false }, settings)).toEqual(["teacher"]);
    expect(await rolesFor({ user: "U8", admin: false, inGroup: async (g) => g === "S1" }, settings)).toEqual([
      "teacher",
    ]);
    expect(await rolesFor({ user: "U9", admin: false, roleIds: ["R2"], inGroup: async () => false }, settings)).toEqual(
      [],
    );
  });
});

describe("the policy in words", () => {
  it("names the channel and says what is allowed and when answers come", () => {
    const policy = effectivePolicy({ C1: { modes: ["hint", "check"], reveal: "never" } }, [thread, homework], SPACE);
    const text = describePolicy(policy, [thread, homework], "discord");
    expect(text).toContain("**Policy in #homework**");
    expect(text).toContain("Allowed: `hint` and `check`.");
    expect(text).toContain("never shown here");
    expect(text).not.toContain("C1");
  });

  it("restates the policy in the reader's language, joining lists as it does", () => {
    const stored = { C1: { modes: ["solve" as const, "hint" as const, "check" as const], reveal: "teacher" as const } };
    const policy = effectivePolicy(stored, [homework], { ...SPACE, userHourlyLimit: 2 });
    expect(describePolicy(policy, [homework], "slack", "es").split("\n")).toEqual([
      "**Política en #homework**",
      "• Permitido: `solve`, `hint` y `check`.",
      "• Las respuestas finales siguen ocultas hasta que un docente use `/reveal` aquí (establecido para #homework).",
      "• El código y los resultados se muestran.",
      "• Pistas: de una en una.",
      "• Cada estudiante puede hacer 2 preguntas por hora.",
    ]);
    expect(describePolicy(policy, [homework], "slack")).toContain("• Allowed: `solve`, `hint` and `check`.");
    expect(describePolicy(policy, [homework], "slack", "zh")).toContain("• 允许：`solve`、`hint`和`check`。");
  });
});
