import { createHash } from "node:crypto";
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { chinaDateTime } from "../china-time.js";

// The emulator's own reading of Qimen's documented protocol (shared/providers.md §2): written here
// again on purpose, so that a wrong client and a wrong emulator cannot agree by construction.

export const PATH = "/router/qimen/service";

export const METHODS = {
  create: "taobao.qimen.returnorder.create",
  cancel: "taobao.qimen.order.cancel",
  query: "taobao.qimen.returnorder.query",
  confirm: "taobao.qimen.returnorder.confirm",
} as const;

export interface WireLine {
  orderLineNo?: string;
  ownerCode?: string;
  itemCode?: string;
  inventoryType?: string;
  planQty?: string | number;
  actualQty?: string | number;
  [other: string]: unknown;
}

export interface WireReturnOrder {
  returnOrderCode?: string;
  returnOrderId?: string;
  warehouseCode?: string;
  orderType?: string;
  logisticsCode?: string;
  expressCode?: string;
  outBizCode?: string;
  senderInfo?: Record<string, string | undefined>;
  [other: string]: unknown;
}

export interface OrderDocument {
  returnOrder: WireReturnOrder;
  orderLines: { orderLine: WireLine[] };
}

/** `upper(md5(secret + key+value of every non-empty query parameter but sign, keys sorted + body + secret))`. */
export function qimenSign(params: Record<string, string | undefined>, body: string, secret: string): string {
  const signed = Object.keys(params)
    .filter((key) => key !== "sign" && params[key])
    .sort()
    .map((key) => `${key}${params[key]}`)
    .join("");
  return createHash("md5").update(`${secret}${signed}${body}${secret}`, "utf8").digest("hex").toUpperCase();
}

/** A received `sign` is hex: its case does not matter. */
export function signatureHolds(params: Record<string, string | undefined>, body: string, secret: string): boolean {
  return (params["sign"] ?? "").toUpperCase() === qimenSign(params, body, secret);
}

/** A confirm push as the warehouse sends it: system parameters in the query, the document as the body. */
export function signedCall(keys: { appKey: string; appSecret: string; customerId: string }, method: string, request: Record<string, unknown>, at: Date) {
  const body = toXml("request", request);
  const params: Record<string, string> = {
    method,
    timestamp: chinaDateTime(at),
    format: "xml",
    app_key: keys.appKey,
    v: "2.0",
    sign_method: "md5",
    customerId: keys.customerId,
  };
  return { params: { ...params, sign: qimenSign(params, body, keys.appSecret) }, body };
}

/** Qimen's "yyyy-MM-dd HH:mm:ss". */
export const QIMEN_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** A "yyyy-MM-dd" day or "yyyy-MM-dd HH:mm:ss" time that exists in the calendar (no 31 February, no hour 24). */
export function existsInCalendar(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days && (text.length === 10 || /^.{10}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(text));
}

/** A non-negative whole number, as Qimen's quantities and page numbers are; null otherwise. */
export function quantity(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

const LISTS = new Set(["orderLine", "sn", "batch", "item"]);
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => LISTS.has(name),
});
const builder = new XMLBuilder({ ignoreAttributes: true, format: false, processEntities: true, suppressEmptyNode: false });

/** The document as plain objects of strings; throws on anything that is not safe, well-formed XML. */
export function fromXml(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (/<!DOCTYPE|<!ENTITY/i.test(trimmed)) throw new Error("document types are refused");
  if (!trimmed.startsWith("<") || XMLValidator.validate(trimmed) !== true) throw new Error("not well-formed XML");
  const parsed = parser.parse(trimmed) as unknown;
  if (!parsed || typeof parsed !== "object") throw new Error("empty document");
  return parsed as Record<string, unknown>;
}

/** Empty values are not sent (Qimen leaves them out); numbers and booleans are text. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const kept = Object.entries(value).flatMap(([k, v]) => {
      const w = withoutEmpty(v);
      return w === undefined ? [] : [[k, w] as const];
    });
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }
  if (value == null || value === "") return undefined;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

export function toXml(root: string, content: Record<string, unknown>): string {
  return builder.build({ [root]: withoutEmpty(content) ?? "" }) as string;
}
