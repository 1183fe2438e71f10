/** Who may call the API: loopback is open unless a token is set; any other address needs one. */
import { describe, expect, it } from "vitest";
import { requiredToken } from "./access.js";

describe("requiredToken", () => {
  it("needs nothing on 127.0.0.1, ::1 or localhost, but honours a token that is set", () => {
    for (const host of ["127.0.0.1", "::1", "localhost"]) expect(requiredToken(host, undefined)).toBeNull();
    expect(requiredToken("127.0.0.1", "sixteen-chars-token")).toBe("sixteen-chars-token");
  });

  it("refuses any other address without a token, naming WEB_TOKEN", () => {
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "127.0.0.2"]) {
      expect(() => requiredToken(host, undefined)).toThrow(/WEB_TOKEN/);
    }
    expect(requiredToken("0.0.0.0", "sixteen-chars-token")).toBe("sixteen-chars-token");
  });
});
