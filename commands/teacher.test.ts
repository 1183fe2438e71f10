/**
 * What a teacher token may read: spaces named as the records name them (a Discord server as
 * `discord:<id>`, shown by its name once recorded, else its id), and `WEB_TEACHER_SPACES` as the
 * comma list an operator types.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { describeSpace, inScope } from "./teacher.js";

describe("the teacher's spaces", () => {
  it("names each space's platform and the id the platform shows", () => {
    expect(describeSpace("discord:1579500807735345156")).toEqual({
      id: "discord:1579500807735345156",
      kind: "discord",
      name: "1579500807735345156",
    });
    expect(describeSpace("T0123ABCD")).toEqual({ id: "T0123ABCD", kind: "slack", name: "T0123ABCD" });
    // Named as its people know it once a question there recorded the name.
    expect(describeSpace("discord:1579500807735345156", "Study group")).toMatchObject({ name: "Study group" });
    expect(describeSpace("web")).toEqual({ id: "web", kind: "web", name: "web" });
    // A Discord DM is nobody's class: shown as it is.
    expect(describeSpace("discord:dm:42").kind).toBe("other");
  });

  it("reads WEB_TEACHER_SPACES as a list (unset or empty: every space) and keeps a token to it", () => {
    const spaces = (value: string | undefined) =>
      loadConfig(value === undefined ? {} : { WEB_TEACHER_SPACES: value }).WEB_TEACHER_SPACES;
    expect(spaces(" web , discord:123,web ")).toEqual(["web", "discord:123"]);
    expect(spaces(undefined)).toBeUndefined();
    expect(spaces(" , ")).toBeUndefined();
    expect(inScope({ spaces: ["web"] }, "discord:123")).toBe(false);
    expect(inScope({ spaces: ["web"] }, "web")).toBe(true);
    expect(inScope({}, "discord:123")).toBe(true);
  });
});
