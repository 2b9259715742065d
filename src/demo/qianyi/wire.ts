import { createHash, randomUUID } from "node:crypto";

// The emulator's own reading of Qianyi's documented protocol (shared/providers.md §3): written here
// again on purpose, so that a wrong client and a wrong emulator cannot agree by construction.

export const SERVICES = {
  create: "CREATE_RETURN_ORDER",
  close: "CLOSE_RETURN_ORDER",
  list: "QUERY_RETURN_ORDER_LIST",
  push: "PUSH_RETURN_ORDER_INFO",
} as const;

export const CODES = {
  /** Documented: the signature check failed (also: unknown appId). */
  auth: "AUTH_001",
  /** This emulator's own: the timestamp is outside the 5-minute window. */
  stale: "AUTH_002",
  /** Documented: the input is not right. */
  input: "DATA_INPUT_ERROR",
} as const;

/** The status after CLOSE_RETURN_ORDER: not public, this emulator's guess. */
export const CLOSED_STATUS = "CLOSED";
/** An order can be closed until it is finished (or closed already). */
export const CLOSABLE_STATUSES = new Set(["NEW", "WAIT_STORAGE"]);

const WINDOW_MS = 5 * 60_000;

/** The five form fields of every call and push. */
export interface QianyiFields {
  appId: string;
  serviceType: string;
  bizParam: string;
  timestamp: string;
  sign: string;
}

/** `lower(md5("appId=" + appId + "bizParam=" + bizParam + "serviceType=" + serviceType + "timestamp=" + timestamp + appSecret))`. */
export function qianyiSign(f: Omit<QianyiFields, "sign">, appSecret: string): string {
  return createHash("md5")
    .update(`appId=${f.appId}bizParam=${f.bizParam}serviceType=${f.serviceType}timestamp=${f.timestamp}${appSecret}`, "utf8")
    .digest("hex");
}

export function signatureHolds(f: QianyiFields, appSecret: string): boolean {
  return f.sign.toLowerCase() === qianyiSign(f, appSecret);
}

/** Epoch milliseconds within five minutes of `now`, either way. */
export function timestampFresh(timestamp: string, now: Date): boolean {
  return /^\d{13}$/.test(timestamp) && Math.abs(now.getTime() - Number(timestamp)) <= WINDOW_MS;
}

export function signedFields(keys: { appId: string; appSecret: string }, serviceType: string, bizParam: unknown, at: Date): QianyiFields {
  const fields = { appId: keys.appId, serviceType, bizParam: JSON.stringify(bizParam), timestamp: String(at.getTime()) };
  return { ...fields, sign: qianyiSign(fields, keys.appSecret) };
}

/** The five fields of a multipart form, each non-empty text; null otherwise. */
export async function readMultipart(body: Buffer, contentType: string): Promise<QianyiFields | null> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  for (const name of ["appId", "serviceType", "bizParam", "timestamp", "sign"]) {
    const value = form.get(name);
    if (typeof value !== "string" || value.length === 0) return null;
    fields[name] = value;
  }
  return fields as unknown as QianyiFields;
}

export interface QianyiPushResult {
  status: number;
  body: unknown;
}

/** Posts push fields as JSON (seed 001's "JSON type") or as a multipart form; the answer parsed when it is JSON. */
export async function postPush(url: string, fields: QianyiFields, format: "json" | "form"): Promise<QianyiPushResult> {
  let body: string | FormData;
  const headers: Record<string, string> = {};
  if (format === "json") {
    body = JSON.stringify(fields);
    headers["content-type"] = "application/json";
  } else {
    body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
  }
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the test to see
  }
  return { status: response.status, body: parsed };
}

/** `{state, errorCode, errorMsg, bizContent: "<JSON text>", requestId}`; a failure's bizContent is empty. */
export function envelope(state: "success" | "failure", errorCode = "", errorMsg = "", bizContent: unknown = { notSuccess: false, state: "success" }) {
  return { state, errorCode, errorMsg, bizContent: state === "success" ? writeAmountsExactly(bizContent) : "", requestId: randomUUID() };
}

/** Qianyi's BigDecimal amounts: the emulator may hold one as decimal text, and writes it as the JSON number Qianyi would. */
const AMOUNT_FIELDS = new Set(["orderRefundAmount", "totalAmount", "itemRefundAmount", "refundAmount"]);
const MARK = "\u0001";

/** JSON text with every amount held as decimal text written as a bare number, digit for digit. */
export function writeAmountsExactly(value: unknown): string {
  const text = JSON.stringify(value, (key, v: unknown) =>
    AMOUNT_FIELDS.has(key) && typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? `${MARK}${v}${MARK}` : v,
  );
  // JSON.stringify writes the marker as the escape \u0001.
  return text.replace(/"\\u0001(-?\d+(?:\.\d+)?)\\u0001"/g, "$1");
}

export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The query's "yyyy-MM-dd[ HH:mm:ss]". */
export const QIANYI_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

export interface WireSku {
  sku?: string | null;
  orderSkuId?: number | string | null;
  quantity?: number | null;
  [other: string]: unknown;
}

export interface WireCustomField {
  customFieldId?: number | string | null;
  value?: string | null;
  [other: string]: unknown;
}

export interface WireOrder {
  returnNumber: string;
  status: string;
  createTime?: number | null;
  updateTime?: number | null;
  finishTime?: number | null;
  orderNumber?: string | null;
  onlineOrderNumber?: string | null;
  remark?: string | null;
  returnSkuList?: WireSku[] | null;
  refundCustomFieldValueVOList?: WireCustomField[] | null;
  [other: string]: unknown;
}
