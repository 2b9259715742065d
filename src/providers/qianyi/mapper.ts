import type { CreateReturnOrderCommand, ReturnOrder, ReturnOrderLine } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import type { QianyiLineOptions, QianyiReturnOptions } from "./graphql.js";
import { qianyiStatus } from "./status.js";

// Pure mapping between Qianyi's wire shapes and the unified model. No I/O here.

/** Qianyi's query times ("yyyy-MM-dd HH:mm:ss") carry no offset; they are China Standard Time. */
const OFFSET_MS = 8 * 3600_000;

export interface QianyiWireLocation {
  storageLocationCode?: string | null;
  receiveQuantity?: number | null;
  [other: string]: unknown;
}

export interface QianyiWireSku {
  sku?: string | null;
  orderSkuId?: number | string | null;
  quantity?: number | null;
  selected?: number | null;
  goodQuantity?: number | null;
  badQuantity?: number | null;
  itemRefundAmount?: number | string | null;
  refundAmount?: number | string | null;
  storageLocationCode?: string | null;
  remark?: string | null;
  isDeleted?: number | null;
  locAndQuantityList?: QianyiWireLocation[] | null;
  [other: string]: unknown;
}

export interface QianyiWireCustomField {
  customFieldId?: number | string | null;
  id?: number | string | null;
  columName?: string | null;
  columType?: string | null;
  value?: string | null;
  defaultValue?: string | null;
  candidateValue?: unknown;
  required?: number | null;
  [other: string]: unknown;
}

export interface QianyiWireOrder {
  returnNumber: string;
  status: string;
  createTime?: number | null;
  updateTime?: number | null;
  commitTime?: number | null;
  finishTime?: number | null;
  orderNumber?: string | null;
  onlineOrderNumber?: string | null;
  buyerId?: string | null;
  warehouse?: string | null;
  shop?: string | null;
  carrier?: string | null;
  customNumber?: string | null;
  reason?: string | null;
  remark?: string | null;
  currency?: string | null;
  orderRefundAmount?: number | string | null;
  totalAmount?: number | string | null;
  asnNumber?: string | null;
  asnId?: number | string | null;
  warehouseEntryNumber?: string | null;
  warehouseEntryID?: number | string | null;
  type?: string | null;
  returnSkuList?: QianyiWireSku[] | null;
  refundCustomFieldValueVOList?: QianyiWireCustomField[] | null;
  [other: string]: unknown;
}

/** The "yyyy-MM-dd HH:mm:ss" China time of an instant, as the query's time filters want it. */
export function qianyiDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "yyyy-MM-dd[ HH:mm:ss]" in China time → Date; anything else → null. */
export function parseQianyiDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Qianyi's times are epoch milliseconds. */
export function epochMs(value: unknown): Date | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n) : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Ids and BigDecimal amounts as text, so nothing is rounded on the way. */
function token(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return text(value);
}

function qty(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

// The idempotency key rides at the end of `remark` (Qianyi has no free reference field it filters
// on: `orderNumber` must name an existing Qianyi sales order), so an interrupted create can be
// found again by listing recent orders. The marker is stripped from the unified `remark`.
const MARKER = /\s*\[rs:([A-Za-z0-9_.:-]{1,128})\]$/;

export function withReferenceMarker(remark: string | null | undefined, reference: string | null): string | undefined {
  if (!reference) return remark ?? undefined;
  return remark ? `${remark} [rs:${reference}]` : `[rs:${reference}]`;
}

export function referenceMarkerOf(remark: unknown): string | null {
  return (typeof remark === "string" && MARKER.exec(remark)?.[1]) || null;
}

function withoutMarker(remark: unknown): string | null {
  return text(text(remark)?.replace(MARKER, ""));
}

/** Lines Qianyi hides (selected 0) or deleted are bookkeeping of bundles, not what is returned. */
function visible(sku: QianyiWireSku): boolean {
  return sku.selected !== 0 && sku.isDeleted !== 1;
}

function received(sku: QianyiWireSku): number | null {
  if (Array.isArray(sku.locAndQuantityList)) return sumQuantities(sku.locAndQuantityList.map((l) => qty(l.receiveQuantity)));
  return sumQuantities([qty(sku.goodQuantity), qty(sku.badQuantity)]);
}

function line(sku: QianyiWireSku): ReturnOrderLine {
  return {
    sku: text(sku.sku) ?? "",
    quantity: qty(sku.quantity) ?? 0,
    receivedQuantity: received(sku),
    goodQuantity: qty(sku.goodQuantity),
    defectiveQuantity: qty(sku.badQuantity),
    productName: null,
    remark: text(sku.remark),
  };
}

function skuDetails(sku: QianyiWireSku) {
  return {
    sku: text(sku.sku) ?? "",
    orderSkuId: token(sku.orderSkuId),
    quantity: qty(sku.quantity) ?? 0,
    goodQuantity: qty(sku.goodQuantity),
    badQuantity: qty(sku.badQuantity),
    itemRefundAmount: token(sku.itemRefundAmount),
    refundAmount: token(sku.refundAmount),
    storageLocationCode: text(sku.storageLocationCode),
    selected: sku.selected == null ? null : sku.selected === 1,
    remark: text(sku.remark),
    locations: (Array.isArray(sku.locAndQuantityList) ? sku.locAndQuantityList : []).map((l) => ({
      storageLocationCode: text(l.storageLocationCode),
      receiveQuantity: qty(l.receiveQuantity) ?? 0,
    })),
  };
}

function customField(field: QianyiWireCustomField) {
  const candidates = Array.isArray(field.candidateValue) ? field.candidateValue : [];
  return {
    id: token(field.customFieldId) ?? token(field.id) ?? "",
    name: text(field.columName),
    value: text(field.value),
    type: text(field.columType),
    defaultValue: text(field.defaultValue),
    candidateValues: candidates.filter((c): c is string => typeof c === "string"),
    required: field.required == null ? null : field.required === 1,
  };
}

export function parseOrder(wire: QianyiWireOrder, account: string): ReturnOrder {
  const skus = (wire.returnSkuList ?? []).filter(visible);
  const lines = skus.map(line);
  return {
    provider: "QIANYI",
    account,
    providerOrderNo: wire.returnNumber,
    // Qianyi's sales order number is both the seller's reference and the original order.
    referenceNo: text(wire.orderNumber),
    outboundOrderNo: text(wire.orderNumber),
    status: qianyiStatus(wire.status),
    providerStatus: text(wire.status) ?? "",
    warehouseCode: text(wire.warehouse),
    carrier: text(wire.carrier),
    trackingNumber: text(wire.customNumber),
    reason: text(wire.reason),
    remark: withoutMarker(wire.remark),
    sender: null,
    lines,
    totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
    receivedQuantity: sumQuantities(lines.map((l) => l.receivedQuantity)),
    createdAt: epochMs(wire.createTime),
    updatedAt: epochMs(wire.updateTime),
    completedAt: epochMs(wire.finishTime),
    details: {
      __typename: "QianyiReturnDetails",
      shop: text(wire.shop),
      type: text(wire.type),
      currency: text(wire.currency),
      orderRefundAmount: token(wire.orderRefundAmount),
      totalAmount: token(wire.totalAmount),
      onlineOrderNumber: text(wire.onlineOrderNumber),
      buyerId: text(wire.buyerId),
      asnNumber: text(wire.asnNumber) ?? text(wire.warehouseEntryNumber),
      asnId: token(wire.asnId) ?? token(wire.warehouseEntryID),
      commitTime: epochMs(wire.commitTime),
      customFields: (wire.refundCustomFieldValueVOList ?? []).map(customField),
      skus: skus.map(skuDetails),
    } as { __typename: string },
  };
}

export interface QianyiReceiptData {
  __typename: "QianyiReceipt";
  returnNumber: string;
  status: string | null;
  type: string | null;
}

export function parseCreateAnswer(result: QianyiWireOrder): QianyiReceiptData {
  return { __typename: "QianyiReceipt", returnNumber: result.returnNumber, status: text(result.status), type: text(result.type) };
}

/** The one seller reference Qianyi carries (`orderNumber`, its sales order number). */
export function orderNumberOf(command: CreateReturnOrderCommand): string | null {
  return command.referenceNo ?? command.outboundOrderNo ?? null;
}

/** The `bizParam` of CREATE_RETURN_ORDER (seed 001's shape). */
export function toCreateRequest(command: CreateReturnOrderCommand, marker: string | null): Record<string, unknown> {
  const options = (command.options ?? {}) as Partial<QianyiReturnOptions>;
  const lineOptions = new Map<string, QianyiLineOptions>((options.lines ?? []).map((l) => [l.sku, l]));
  const data = {
    orderNumber: orderNumberOf(command) ?? undefined,
    warehouse: command.warehouseCode,
    shop: options.shop,
    expectArriveTime: options.expectArriveDate ?? undefined,
    reason: command.reason ?? undefined,
    remark: withReferenceMarker(command.remark, marker),
    carrier: command.carrier ?? undefined,
    customNumber: command.trackingNumber ?? undefined,
    autoCommit: options.autoCommit ?? undefined,
    returnSkuList: command.lines.map((l) => {
      const extra = lineOptions.get(l.sku);
      return {
        orderSkuId: extra?.orderSkuId ? Number(extra.orderSkuId) : undefined,
        sku: l.sku,
        quantity: l.quantity,
        storageLocationCode: extra?.storageLocationCode ?? undefined,
        remark: l.remark ?? undefined,
      };
    }),
    refundCustomFieldValueVOList: options.customFields?.length
      ? options.customFields.map((f) => ({ customFieldId: Number(f.customFieldId), value: f.value }))
      : undefined,
  };
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

export interface QianyiListFilter {
  returnNumber?: string;
  warehouse?: string;
  status?: string;
  fromCreateTime?: Date;
  toCreateTime?: Date;
}

/** The `bizParam` of QUERY_RETURN_ORDER_LIST. */
export function toListRequest(filter: QianyiListFilter, page: number, pageSize: number): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      returnNumber: filter.returnNumber,
      warehouse: filter.warehouse,
      status: filter.status,
      fromCreateTime: filter.fromCreateTime ? qianyiDateTime(filter.fromCreateTime) : undefined,
      toCreateTime: filter.toCreateTime ? qianyiDateTime(filter.toCreateTime) : undefined,
      page,
      pageSize,
    }),
  ) as Record<string, unknown>;
}

/** PUSH_RETURN_ORDER_INFO's `bizParam`. */
export interface QianyiPushInfo {
  returnNumber: string;
  status: string;
  orderNumber: string | null;
  onlineOrderNumber: string | null;
  returnSkuList: QianyiWireSku[];
}

/** A JSON object, or null for anything else (invalid JSON, arrays, scalars). */
export function parseJsonObject(textValue: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(textValue);
  } catch {
    return null;
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads a push's `bizParam`; null when it is not the documented shape. */
export function parsePushInfo(bizParam: string): QianyiPushInfo | null {
  const v = parseJsonObject(bizParam);
  if (!v) return null;
  const returnNumber = text(v["returnNumber"]);
  const status = text(v["status"]);
  if (!returnNumber || !status) return null;
  const skus = Array.isArray(v["returnSkuList"]) ? (v["returnSkuList"] as unknown[]) : [];
  return {
    returnNumber,
    status,
    orderNumber: text(v["orderNumber"]),
    onlineOrderNumber: text(v["onlineOrderNumber"]),
    returnSkuList: skus.filter((s): s is QianyiWireSku => !!s && typeof s === "object"),
  };
}

/** What a push tells of an order: enough for the order index and its event, nothing invented. */
export function orderFromPush(push: QianyiPushInfo, account: string): ReturnOrder {
  return parseOrder(
    {
      returnNumber: push.returnNumber,
      status: push.status,
      orderNumber: push.orderNumber,
      onlineOrderNumber: push.onlineOrderNumber,
      returnSkuList: push.returnSkuList,
    },
    account,
  );
}
