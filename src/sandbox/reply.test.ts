import { describe, expect, it } from "vitest";
import { checkReply, InvalidReplyError } from "./reply.js";

const limits = { outputBytes: 10, maxFigures: 2 };
const honest = {
  id: "a1",
  stdout: "45\n",
  stderr: "",
  error: null,
  timedOut: false,
  truncated: false,
  figures: 1,
  restart: false,
};

describe("checkReply", () => {
  it("accepts what an honest driver sends, error text included", () => {
    expect(checkReply(honest, limits)).toEqual(honest);
    expect(checkReply({ ...honest, error: "E".repeat(2 * 10 + 100) }, limits).error).toHaveLength(120);
  });

  it.each([
    ["not an object", "reply"],
    ["an array", [honest]],
    ["null", null],
    ["an extra field", { ...honest, extra: 1 }],
    ["a __proto__ field", JSON.parse(`{"__proto__": {}, ${JSON.stringify(honest).slice(1)}`)],
    ["a missing field", { ...honest, truncated: undefined }],
    ["output over the host's cap", { ...honest, stdout: "x".repeat(11) }],
    ["stderr of the wrong type", { ...honest, stderr: 5 }],
    ["an error over its cap", { ...honest, error: "E".repeat(121) }],
    ["a flag as a string", { ...honest, timedOut: "false" }],
    ["a restart flag that is not a boolean", { ...honest, restart: 1 }],
    ["more figures than allowed", { ...honest, figures: 3 }],
    ["a negative figure count", { ...honest, figures: -1 }],
    ["a fractional figure count", { ...honest, figures: 0.5 }],
    ["a numeric id", { ...honest, id: 7 }],
  ])("refuses %s", (_what, message) => {
    // As it arrives over the wire: a field set to undefined is a missing field.
    const wire: unknown = JSON.parse(JSON.stringify(message));
    expect(() => checkReply(wire, limits)).toThrow(InvalidReplyError);
  });
});
