import { createHash } from "node:crypto";

// The emulator's own reading of WINIT's documented protocol (shared/providers.md §1): written here
// again on purpose, so that a wrong client and a wrong emulator cannot agree by construction.

export const ACTIONS = {
  create: "rma.returnGoodsOrder.createReturnGoodsOrder",
  list: "rma.returnGoodsOrder.queryReturnOderList",
  void: "rma.returnGoodsOrder.voidOrder",
  /** 查询仓库代码: the public SDK's OswhClient.queryWarehouse, sent without data. */
  warehouses: "queryWarehouse",
} as const;

/** Only an order nobody has picked up yet can be voided (draft, ordered, label fetched). */
export const VOIDABLE_STATUSES = new Set(["PD", "OD", "LC"]);

export interface WireGoods {
  merchandiseCode?: string | null;
  nameEn?: string | null;
  confirmQty?: number | null;
  merchandiseGrade?: string | null;
  handleMethod?: string | null;
  [other: string]: unknown;
}

export interface WireOrder {
  returnGoodsOrderNo: string;
  status: string;
  createDate?: string | null;
  completeTime?: string | null;
  orderGoodsList?: WireGoods[] | null;
  shelveGoodsList?: WireGoods[] | null;
  [other: string]: unknown;
}

/**
 * The text of `data` the signature covers, as this emulator reads the public SDK: it signs `data`
 * with keys sorted at every depth and nulls left out, whatever order it sends them in, so the
 * service must be checking that form. No data (absent or null, as the SDK sends it) signs as empty text.
 */
export function signedDataText(data: unknown): string {
  if (data === undefined || data === null) return "";
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (!value || typeof value !== "object") return value;
    const keys = Object.keys(value).sort();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && v !== undefined) out[key] = canonical(v);
    }
    return out;
  };
  return JSON.stringify(canonical(data));
}

/** The fields of a query answer's order (seed 003): what the emulator keeps besides is its own. */
export const ANSWERED_ORDER_FIELDS = [
  "returnGoodsOrderNo",
  "expressNo",
  "customerExpressNo",
  "mdImageList",
  "outboundOrderNo",
  "sellerOrderNo",
  "qtyItemNum",
  "rmaNo",
  "isReturnLabel",
  "retrunReason",
  "status",
  "warehouseCode",
  "buyerName",
  "createDate",
  "completeTime",
  "processTime",
  "allVasOrderCompletedTime",
  "handleStrategy",
  "shelveMethod",
  "orderGoodsList",
  "shelveGoodsList",
  "destroyOutboundOrder",
  "originCode",
] as const;

/** The signed system parameters of a request as received; `data` is the text the signature covers. */
export interface SignedParameters {
  action: string;
  app_key: string;
  data: string;
  format: string;
  platform: string;
  sign_method: string;
  timestamp: string;
  version: string;
}

/**
 * `upper(md5(K + "action"… + "version"+version + K))` with K the token (`sign`) or the client
 * secret (`client_sign`); client_id and language are not signed.
 */
export function expectedSignatures(p: SignedParameters, token: string, clientSecret: string): { sign: string; client_sign: string } {
  const signed = `action${p.action}app_key${p.app_key}data${p.data}format${p.format}platform${p.platform}sign_method${p.sign_method}timestamp${p.timestamp}version${p.version}`;
  const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex").toUpperCase();
  return { sign: md5(token + signed + token), client_sign: md5(clientSecret + signed + clientSecret) };
}

/** WINIT's "yyyy-MM-dd[ HH:mm[:ss]]" (one-digit month, day and hour accepted). */
export const WINIT_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
