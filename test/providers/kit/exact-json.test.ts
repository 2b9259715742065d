import { describe, expect, it } from "vitest";
import { parseJsonExact } from "../../../src/providers/kit/exact-json.js";

describe("JSON parsed with numbers kept exact", () => {
  it("keeps the text of numbers a double would change, and leaves the others numbers", () => {
    expect(parseJsonExact('{"a":12.50,"b":12.3456789012345678,"c":12345678901234567890,"d":3,"e":1.5,"f":-0.10}')).toEqual({
      a: "12.50",
      b: "12.3456789012345678",
      c: "12345678901234567890",
      d: 3,
      e: 1.5,
      f: "-0.10",
    });
  });
  it("never touches digits inside strings, escaped quotes included", () => {
    expect(parseJsonExact('["12.50", "a \\" 1.10", 1.10]')).toEqual(["12.50", 'a " 1.10', "1.10"]);
  });
  it("fails invalid JSON as JSON.parse does", () => {
    for (const text of ["{not json", '{"a":01}', '{"a":1.}', "[1,]", ""]) expect(() => parseJsonExact(text)).toThrow(SyntaxError);
  });
});
