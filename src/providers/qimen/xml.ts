import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

// Qimen's XML, built and read by fast-xml-parser only: no string concatenation, everything escaped,
// and no document type, so neither external entities (XXE) nor entity expansion can happen.

export class QimenXmlError extends Error {}

/**
 * How deep a Qimen document may nest. Its deepest element (a serial number inside a line inside the
 * lines of a request) is five levels down; anything far deeper is refused as malformed.
 */
export const QIMEN_MAX_XML_DEPTH = 32;

/** Elements that are lists in Qimen's documents, even when a document holds only one. */
const LIST_ELEMENTS = new Set(["orderLine", "sn", "batch", "item"]);

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, processEntities: true, suppressEmptyNode: false });

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Codes such as zip "043300" or "0" must stay strings.
  parseTagValue: false,
  trimValues: true,
  // Only the five predefined entities remain possible: a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => LIST_ELEMENTS.has(name),
  // The parser lets one level more through than this setting says (its check precedes the push).
  maxNestedTags: QIMEN_MAX_XML_DEPTH - 1,
});

/** Drops null, undefined and empty strings (Qimen does not send empty values) and empty objects. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, compact(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  if (value == null || value === "") return undefined;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

/** `<root>…</root>` from a plain object; arrays become repeated elements. */
export function buildQimenXml(root: string, content: Record<string, unknown>): string {
  return builder.build({ [root]: compact(content) ?? "" }) as string;
}

/** Refuses what must never be parsed: document types and entity declarations (XXE, "billion laughs"). */
export function assertSafeXml(text: string): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new QimenXmlError("XML with a document type or entity declarations is refused");
}

/** Parses a Qimen document to plain objects of strings; malformed or unsafe XML throws QimenXmlError. */
export function parseQimenXml(text: string): Record<string, unknown> {
  assertSafeXml(text);
  const trimmed = text.trim();
  if (!trimmed.startsWith("<") || XMLValidator.validate(trimmed) !== true) throw new QimenXmlError("the document is not well-formed XML");
  let parsed: unknown;
  try {
    parsed = parser.parse(trimmed) as unknown;
  } catch (error) {
    // The parser's own refusals (nesting deeper than the limit among them) are the document's fault.
    throw new QimenXmlError(`the document cannot be read: ${error instanceof Error ? error.message : "unknown reason"}`);
  }
  if (!parsed || typeof parsed !== "object") throw new QimenXmlError("the document is empty");
  return parsed as Record<string, unknown>;
}
