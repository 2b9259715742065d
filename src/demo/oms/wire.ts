import { createHmac, timingSafeEqual } from "node:crypto";

// The emulator's own reading of the 众包 OMS's documented protocol (shared/providers.md §4): written
// here again on purpose, so that a wrong client and a wrong emulator cannot agree by construction.

export const PATHS = {
  update: "/open/return-order-data/update",
  list: "/open/return-order-data/list",
  create: "/open/return-order-data/create",
  cancel: "/open/return-order-data/cancel",
  warehouses: "/open/common-data/warehouse-list",
} as const;

/** The documented success code and this emulator's own error codes (the OMS publishes its list only behind a login). */
export const OMS_EMULATOR_CODES = {
  ok: "20000",
  badBody: "40000",
  missingField: "40001",
  badValue: "40002",
  noToken: "40100",
  unknownKey: "40101",
  staleTimestamp: "40102",
  nonceReused: "40103",
  badSignature: "40104",
  notFound: "40400",
  cannotUpdate: "40900",
} as const;

/**
 * The API's status convention (its sibling modules): -2 异常, -1 已取消, 1 草稿, 2 待审核, 3 已审核,
 * and no 0. Draft and waiting-for-review orders can still be changed or cancelled; this emulator
 * reads 4 as received and 5 as finished, steps the OMS does not publish.
 */
export const OPEN_STATUSES = new Set(["1", "2"]);
export const CANCELLED = -1;
export const EXCEPTION = -2;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The bytes a well-formed base64 text decodes to: three per four characters, less the padding. */
export function base64Bytes(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

export const TOKEN_WINDOW_MS = 5 * 60_000;

/**
 * `Authorization: base64(apiKey-ts-nonce-signature)`: ts 13 digits, nonce 32 hex, signature
 * base64; the api key may hold "-", so the last three parts are taken from the right.
 */
export function readToken(header: string): { apiKey: string; ts: string; nonce: string; signature: string } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(header)) return null;
  const m = /^([\s\S]+)-(\d{13})-([0-9a-fA-F]{32})-([^-]+)$/.exec(Buffer.from(header, "base64").toString("utf8"));
  return m ? { apiKey: m[1]!, ts: m[2]!, nonce: m[3]!, signature: m[4]! } : null;
}

/** `base64(hmacSha256(key = apiSecret, msg = ts + "-" + nonce))`, compared in constant time. */
export function signatureHolds(apiSecret: string, ts: string, nonce: string, given: string): boolean {
  const expected = Buffer.from(createHmac("sha256", apiSecret).update(`${ts}-${nonce}`, "utf8").digest("base64"));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

export interface WireItem {
  returnOrderId?: number | null;
  productId?: number | null;
  productSku?: string | null;
  productName?: string | null;
  qty?: number | string | null;
  receiveQty?: number | string | null;
  productQuality?: number | string | null;
  handleType?: number | string | null;
  remark?: string | null;
  [other: string]: unknown;
}

export interface WireOrder {
  orderNo: string;
  status?: number | string | null;
  qty?: number | string | null;
  createTime?: string | number | null;
  updateTime?: string | number | null;
  itemDTOs?: WireItem[] | null;
  [other: string]: unknown;
}
