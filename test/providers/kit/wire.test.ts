import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWire, wireCode, wireDecimal, wireFlag, wireListOf, wireQuantity, wireText } from "../../../src/providers/kit/wire.js";
import { ProviderUnavailableError } from "../../../src/returns/errors.js";

describe("wire coercions", () => {
  it("reads text as text only", () => {
    expect(wireText.parse("a")).toBe("a");
    for (const v of ["", 1, {}, [], null, undefined]) expect(wireText.parse(v)).toBeNull();
  });
  it("keeps codes as text, from text or numbers", () => {
    expect(wireCode.parse(-1)).toBe("-1");
    expect(wireCode.parse("OD")).toBe("OD");
    expect(wireCode.parse(Number.NaN)).toBeNull();
    expect(wireCode.parse({})).toBeNull();
  });
  it("reads quantities from numbers and numeric text, never negative", () => {
    expect(wireQuantity.parse("3")).toBe(3);
    expect(wireQuantity.parse(4)).toBe(4);
    expect(wireQuantity.parse("2.0")).toBe(2);
    for (const v of ["-1", -1, "x", {}, null, ""]) expect(wireQuantity.parse(v)).toBeNull();
  });
  it("keeps decimals exactly as sent", () => {
    expect(wireDecimal.parse("12.3456789012345678")).toBe("12.3456789012345678");
    expect(wireDecimal.parse(1.5)).toBe("1.5");
    expect(wireDecimal.parse("1.5E3")).toBe("1.5E3");
    expect(wireDecimal.parse("1e")).toBeNull();
  });
  it("reads flags in every spelling", () => {
    expect([true, 1, "1", "Y", "true"].map((v) => wireFlag.parse(v))).toEqual([true, true, true, true, true]);
    expect([false, 0, -1, "0", "-1", "N", "false"].map((v) => wireFlag.parse(v))).toEqual(Array(7).fill(false));
    expect(wireFlag.parse("maybe")).toBeNull();
  });
  it("leaves out list items that do not parse, and reads a non-list as empty", () => {
    const item = z.object({ sku: z.string() });
    expect(wireListOf(item).parse([{ sku: "a" }, { sku: 1 }, "x"])).toEqual([{ sku: "a" }]);
    expect(wireListOf(item).parse({ sku: "a" })).toEqual([]);
  });
  it("reads a field an object leaves out as absent, not as a wrong shape", () => {
    const schema = z.object({
      no: z.string(),
      text: wireText,
      code: wireCode,
      qty: wireQuantity,
      amount: wireDecimal,
      flag: wireFlag,
      items: wireListOf(z.object({})),
    });
    expect(schema.parse({ no: "A" })).toEqual({ no: "A", text: null, code: null, qty: null, amount: null, flag: null, items: [] });
  });
  it("fails an answer of the wrong shape as the provider's fault, naming where", () => {
    const schema = z.object({ list: z.array(z.unknown()) });
    expect(() => parseWire(schema, { list: {} }, "WINIT", "default", "list answer")).toThrow(ProviderUnavailableError);
    expect(() => parseWire(schema, { list: {} }, "WINIT", "default", "list answer")).toThrow(/list answer has an unexpected shape \(at list\)/);
    expect(parseWire(schema, { list: [] }, "WINIT", "default", "list answer")).toEqual({ list: [] });
  });
});

describe("wire coercions inside an object", () => {
  it("read a missing key as absent, not as a wrong shape", () => {
    const schema = z.object({
      text: wireText,
      code: wireCode,
      qty: wireQuantity,
      amount: wireDecimal,
      flag: wireFlag,
      lines: wireListOf(z.object({ sku: z.string() })),
    });
    expect(schema.safeParse({}).data).toEqual({ text: null, code: null, qty: null, amount: null, flag: null, lines: [] });
  });
});
