import fc from "fast-check";
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

describe("the quick path of exact JSON", () => {
  // The careful way, as parseJsonExact takes it when the quick check says a number may need its text.
  const careful = (text: string): unknown =>
    JSON.parse(
      text.replace(/"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (t) => (t.startsWith('"') || String(Number(t)) === t ? t : `"${t}"`)),
    );

  it("reads every number literal as the careful way does", () => {
    const literal = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
      fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
      fc
        .tuple(
          fc.integer({ min: -1, max: 1 }),
          fc.stringMatching(/^(0|[1-9]\d{0,20})$/),
          fc.stringMatching(/^\d{1,20}$/),
          fc.option(fc.stringMatching(/^[eE][+-]?\d{1,3}$/)),
        )
        .map(([sign, int, frac, exp]) => `${sign < 0 ? "-" : ""}${int}.${frac}${exp ?? ""}`),
      fc.constantFrom("-0", "0", "1e5", "0.000001", "0.0000001", "100", "1.10", "-0.0"),
    );
    fc.assert(
      fc.property(fc.array(literal, { maxLength: 4 }), (literals) => {
        const text = `{${[`"a":"x"`, ...literals.map((l, i) => `"n${i}":${l}`)].join(",")}}`;
        expect(parseJsonExact(text)).toEqual(careful(text));
      }),
      { numRuns: 3000 },
    );
  });
});
