import { describe, expect, it } from "vitest";
import { buildQimenXml, parseQimenXml, QIMEN_MAX_XML_DEPTH, QimenXmlError } from "../../../src/providers/qimen/xml.js";

describe("Qimen XML", () => {
  it("escapes everything it builds and reads it back unchanged", () => {
    const nasty = `A&B <c> "q" 'x' ]]> </request><evil>`;
    const xml = buildQimenXml("request", { returnOrder: { remark: nasty, zipCode: "043300" }, orderLines: { orderLine: [{ itemCode: "I1", planQty: 2 }] } });
    expect(xml).not.toContain("<evil>");
    expect(parseQimenXml(xml)).toEqual({
      request: { returnOrder: { remark: nasty, zipCode: "043300" }, orderLines: { orderLine: [{ itemCode: "I1", planQty: "2" }] } },
    });
  });

  it("leaves out empty values and keeps lists as lists even with one element", () => {
    expect(buildQimenXml("request", { a: "", b: null, c: undefined, d: { e: "" }, f: "0" })).toBe("<request><f>0</f></request>");
    expect(parseQimenXml("<request><orderLines><orderLine><itemCode>I</itemCode></orderLine></orderLines></request>")).toEqual({
      request: { orderLines: { orderLine: [{ itemCode: "I" }] } },
    });
  });

  it.each([
    ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
    ['<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>'],
    ["<r><!ENTITY x 'y'></r>"],
    ["<r>unclosed"],
    ["not xml at all"],
    [""],
    ["<a></a><b></b>"],
  ])("refuses %j", (text) => {
    expect(() => parseQimenXml(text)).toThrow(QimenXmlError);
  });

  it("reads a document as deep as the limit and refuses one nested deeper", () => {
    const nested = (depth: number) => `${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`;
    expect(() => parseQimenXml(nested(QIMEN_MAX_XML_DEPTH))).not.toThrow();
    expect(() => parseQimenXml(nested(QIMEN_MAX_XML_DEPTH + 1))).toThrow(QimenXmlError);
    expect(() => parseQimenXml(nested(50_000))).toThrow(QimenXmlError);
  });
});
