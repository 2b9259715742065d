import { z } from "zod";
import { parseJsonExact } from "../kit/exact-json.js";
import { coercion, wireCode, wireDecimal, wireFlag, wireListOf, wireOptionalListOf, wireQuantity, wireRequiredShapeListOf, wireText } from "../kit/wire.js";

/*
 * Qianyi's answers as schemas (seed 001, and QuoVadis86/go-qianyi-sdk's types.go / models.go).
 * What must hold: the envelope has a `state`, a query's `result` is a list, an order has its
 * `returnNumber`. Any other field of the wrong kind is read as absent.
 */

/** Qianyi's times are epoch milliseconds, as a number or as digits. */
export const wireEpochMs = coercion((v): Date | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n) : null;
});

/**
 * `candidateValue`: the seed documents it as a String holding a JSON array, while its answers and
 * the SDK carry an array; both are read. A choice is text; a number (a NUMBER field's choices) is
 * kept as the text Qianyi wrote.
 */
export const wireCandidateValues = coercion((v): string[] => {
  let list: unknown = v;
  if (typeof v === "string") {
    try {
      list = parseJsonExact(v);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => (typeof c === "string" ? [c] : typeof c === "number" && Number.isFinite(c) ? [String(c)] : []));
});

export const qianyiEnvelopeWire = z.object({
  state: z.string(),
  errorCode: wireCode,
  errorMsg: wireText,
  bizContent: z.unknown().optional(),
});

/** The decoded `bizContent`: `result` is an order (create), a list (query) or absent (close). */
export const qianyiBizContentWire = z.object({
  state: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "string" ? v : null)),
  notSuccess: z
    .unknown()
    .optional()
    .transform((v) => v === true),
  total: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "number" ? v : null)),
  result: z.unknown().optional(),
  errorCode: wireCode,
  errorMsg: wireText,
});

export const qianyiLocationWire = z.object({
  storageLocationCode: wireText,
  receiveQuantity: wireQuantity,
});

export const qianyiSkuWire = z.object({
  sku: wireText,
  orderSkuId: wireCode,
  quantity: wireQuantity,
  selected: wireFlag,
  goodQuantity: wireQuantity,
  badQuantity: wireQuantity,
  itemRefundAmount: wireDecimal,
  refundAmount: wireDecimal,
  storageLocationCode: wireText,
  remark: wireText,
  isDeleted: wireFlag,
  locAndQuantityList: wireOptionalListOf(qianyiLocationWire),
});

export const qianyiCustomFieldWire = z.object({
  customFieldId: wireCode,
  id: wireCode,
  tableName: wireText,
  columName: wireText,
  columType: wireText,
  value: wireText,
  defaultValue: wireText,
  candidateValue: wireCandidateValues,
  remark: wireText,
  required: wireFlag,
  isQuery: wireFlag,
  isShow: wireFlag,
});

export const qianyiOrderWire = z.object({
  returnNumber: z.string(),
  status: wireText,
  createTime: wireEpochMs,
  updateTime: wireEpochMs,
  commitTime: wireEpochMs,
  finishTime: wireEpochMs,
  orderNumber: wireText,
  onlineOrderNumber: wireText,
  buyerId: wireText,
  warehouse: wireText,
  shop: wireText,
  carrier: wireText,
  customNumber: wireText,
  reason: wireText,
  remark: wireText,
  currency: wireText,
  orderRefundAmount: wireDecimal,
  totalAmount: wireDecimal,
  asnNumber: wireText,
  asnId: wireCode,
  warehouseEntryNumber: wireText,
  warehouseEntryID: wireCode,
  type: wireText,
  returnSkuList: wireRequiredShapeListOf(qianyiSkuWire),
  refundCustomFieldValueVOList: wireRequiredShapeListOf(qianyiCustomFieldWire),
});

const numbered = (v: unknown): boolean => !!v && typeof v === "object" && typeof (v as { returnNumber?: unknown }).returnNumber === "string";

/**
 * A query's `result`: a list (absent means none). An entry without a `returnNumber` is not an
 * order and is left out; an order of another shape (its lines not a list) fails the answer.
 */
export const qianyiQueryResultWire = z
  .array(z.unknown())
  .nullish()
  .transform((v) => (v ?? []).filter(numbered))
  .pipe(z.array(qianyiOrderWire));

/** A create's `result`: the new order's number is what must hold. */
export const qianyiCreateResultWire = z.object({
  returnNumber: z.string().min(1),
  status: wireText,
  type: wireText,
});

/** PUSH_RETURN_ORDER_INFO's `bizParam` (seed 001; SDK refund.go). */
export const qianyiPushInfoWire = z.object({
  returnNumber: z.string().min(1),
  status: z.string().min(1),
  orderNumber: wireText,
  onlineOrderNumber: wireText,
  returnSkuList: wireListOf(qianyiSkuWire),
});

export type QianyiEnvelope = z.output<typeof qianyiEnvelopeWire>;
export type QianyiBizContent = z.output<typeof qianyiBizContentWire>;
export type QianyiWireSku = z.output<typeof qianyiSkuWire>;
export type QianyiWireCustomField = z.output<typeof qianyiCustomFieldWire>;
export type QianyiWireOrder = z.output<typeof qianyiOrderWire>;
export type QianyiPushInfo = z.output<typeof qianyiPushInfoWire>;
