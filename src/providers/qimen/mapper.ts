import { randomBytes } from "node:crypto";
import type { CreateReturnOrderCommand, ReturnOrder, ReturnOrderLine, ReturnParty } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import type { QimenConfirmation, QimenConfirmedLine, QimenLineOptions, QimenOrderLine, QimenReturnDetails, QimenReturnOptions } from "./graphql.js";
import { qimenStatus } from "./status.js";

// Pure mapping between Qimen's documents (as parsed XML: strings) and the unified model. No I/O.

const OFFSET_MS = 8 * 3600_000;
/** Qimen writes "yyyy-MM-dd HH:mm:ss" in China Standard Time (+08:00). */
export function qimenDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function parseQimenTime(value: unknown): Date | null {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!m) return null;
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}

export interface QimenSenderInfo {
  company?: string;
  name?: string;
  zipCode?: string;
  tel?: string;
  mobile?: string;
  email?: string;
  countryCode?: string;
  province?: string;
  city?: string;
  area?: string;
  town?: string;
  detailAddress?: string;
}

/** `returnOrder` of create, confirm and query documents. */
export interface QimenWireReturnOrder {
  returnOrderCode?: string;
  returnOrderId?: string;
  warehouseCode?: string;
  orderType?: string;
  orderFlag?: string;
  preDeliveryOrderCode?: string;
  preDeliveryOrderId?: string;
  logisticsCode?: string;
  logisticsName?: string;
  expressCode?: string;
  returnReason?: string;
  buyerNick?: string;
  senderInfo?: QimenSenderInfo;
  remark?: string;
  sourcePlatformCode?: string;
  sourcePlatformName?: string;
  shopNick?: string;
  sellerNick?: string;
  outBizCode?: string;
  orderConfirmTime?: string;
  returnOrderStatus?: string;
  [other: string]: unknown;
}

export interface QimenWireLine {
  orderLineNo?: string;
  sourceOrderCode?: string;
  subSourceOrderCode?: string;
  ownerCode?: string;
  itemCode?: string;
  itemId?: string;
  inventoryType?: string;
  planQty?: string | number;
  actualQty?: string | number;
  batchCode?: string;
  productDate?: string;
  expireDate?: string;
  produceCode?: string;
  snList?: { sn?: string[] };
  orderFlag?: string;
  returnReason?: string;
  remark?: string;
  [other: string]: unknown;
}

export interface QimenOrderDocument {
  returnOrder: QimenWireReturnOrder;
  orderLines: { orderLine: QimenWireLine[] };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** A non-negative whole quantity, or null for anything else. */
export function quantity(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The flags list ⇄ Qimen's "A^B" (upper case, as Qimen documents them). */
export function joinFlags(flags: readonly string[] | null | undefined): string | undefined {
  const cleaned = (flags ?? []).map((f) => f.trim()).filter((f) => f.length > 0);
  return cleaned.length > 0 ? cleaned.join("^") : undefined;
}

export function splitFlags(value: unknown): string[] {
  return typeof value === "string" ? value.split("^").map((f) => f.trim()).filter((f) => f.length > 0) : [];
}

/**
 * The ERP's (our) returnOrderCode. From an idempotent create's attempt token it is deterministic,
 * so a retried attempt re-sends the same code. A token of the earlier versions' shape (`QR` and
 * 26 hex digits, made from the key) is that code already.
 */
export function qimenReturnOrderCode(attemptToken: string | null, now: Date): string {
  if (attemptToken) return /^QR[0-9A-F]{26}$/.test(attemptToken) ? attemptToken : `QR${attemptToken}`;
  return `QR${qimenDateTime(now).replace(/\D/g, "")}${randomBytes(6).toString("hex").toUpperCase()}`;
}

/** The `request` of `taobao.qimen.returnorder.create` (seed 004's shape). */
export function toCreateRequest(command: CreateReturnOrderCommand, returnOrderCode: string, outBizCode: string | null): QimenOrderDocument {
  const options = (command.options ?? {}) as unknown as QimenReturnOptions;
  const sender = command.sender ?? {};
  const lineOptions = new Map<string, QimenLineOptions>();
  for (const line of options.lines ?? []) if (!lineOptions.has(line.sku)) lineOptions.set(line.sku, line);
  const orderFlag = joinFlags(options.orderFlags);
  return {
    returnOrder: {
      returnOrderCode,
      warehouseCode: command.warehouseCode,
      orderType: options.orderType ?? "THRK",
      orderFlag,
      preDeliveryOrderCode: command.outboundOrderNo ?? undefined,
      preDeliveryOrderId: options.preDeliveryOrderId ?? undefined,
      logisticsCode: options.logisticsCode,
      logisticsName: command.carrier ?? undefined,
      expressCode: command.trackingNumber ?? undefined,
      returnReason: command.reason ?? undefined,
      buyerNick: options.buyerNick ?? undefined,
      senderInfo: {
        company: sender.company ?? undefined,
        name: sender.name ?? undefined,
        zipCode: sender.postcode ?? undefined,
        tel: sender.phone ?? undefined,
        mobile: sender.mobile ?? undefined,
        email: sender.email ?? undefined,
        countryCode: sender.country ?? undefined,
        province: sender.province ?? undefined,
        city: sender.city ?? undefined,
        area: sender.district ?? undefined,
        town: options.senderTown ?? undefined,
        detailAddress: [sender.address1, sender.address2].filter(Boolean).join(" ") || undefined,
      },
      remark: command.remark ?? undefined,
      sourcePlatformCode: options.sourcePlatformCode ?? undefined,
      sourcePlatformName: options.sourcePlatformName ?? undefined,
      shopNick: options.shopNick ?? undefined,
      sellerNick: options.sellerNick ?? undefined,
      outBizCode: outBizCode ?? undefined,
    },
    orderLines: {
      orderLine: command.lines.map((line) => {
        const extra = lineOptions.get(line.sku);
        return {
          orderLineNo: extra?.orderLineNo ?? undefined,
          sourceOrderCode: extra?.sourceOrderCode ?? undefined,
          subSourceOrderCode: extra?.subSourceOrderCode ?? undefined,
          ownerCode: extra?.ownerCode ?? options.ownerCode,
          itemCode: line.sku,
          itemId: extra?.itemId ?? undefined,
          inventoryType: extra?.inventoryType ?? "ZP",
          planQty: line.quantity,
          batchCode: extra?.batchCode ?? undefined,
          productDate: extra?.productDate ?? undefined,
          expireDate: extra?.expireDate ?? undefined,
          produceCode: extra?.produceCode ?? undefined,
          snList: extra?.serialNumbers?.length ? { sn: [...extra.serialNumbers] } : undefined,
          orderFlag: joinFlags(extra?.orderFlags) ?? orderFlag,
          returnReason: extra?.returnReason ?? command.reason ?? undefined,
          remark: line.remark ?? undefined,
        };
      }),
    },
  };
}

function detailLine(wire: QimenWireLine): QimenOrderLine {
  return {
    orderLineNo: text(wire.orderLineNo),
    ownerCode: text(wire.ownerCode) ?? "",
    itemCode: text(wire.itemCode) ?? "",
    itemId: text(wire.itemId),
    inventoryType: text(wire.inventoryType),
    planQty: quantity(wire.planQty) ?? 0,
    actualQty: quantity(wire.actualQty),
    batchCode: text(wire.batchCode),
    productDate: text(wire.productDate),
    expireDate: text(wire.expireDate),
    produceCode: text(wire.produceCode),
    serialNumbers: (wire.snList?.sn ?? []).filter((s): s is string => typeof s === "string" && s.length > 0),
    sourceOrderCode: text(wire.sourceOrderCode),
    subSourceOrderCode: text(wire.subSourceOrderCode),
  };
}

const GOOD = new Set(["ZP", ""]);

/** Unified lines, one per item: planned, received, and received good (ZP) or not (CC, JS, XS). */
export function unifyLines(lines: QimenOrderLine[], remarks: Map<string, string> = new Map()): ReturnOrderLine[] {
  const received = lines.some((l) => l.actualQty != null);
  const bySku = new Map<string, ReturnOrderLine>();
  for (const line of lines) {
    const unified = bySku.get(line.itemCode) ?? {
      sku: line.itemCode,
      quantity: 0,
      receivedQuantity: received ? 0 : null,
      goodQuantity: received ? 0 : null,
      defectiveQuantity: received ? 0 : null,
      productName: null,
      remark: remarks.get(line.itemCode) ?? null,
    };
    unified.quantity += line.planQty;
    if (received) {
      const actual = line.actualQty ?? 0;
      unified.receivedQuantity! += actual;
      if (GOOD.has(line.inventoryType ?? "")) unified.goodQuantity! += actual;
      else unified.defectiveQuantity! += actual;
    }
    bySku.set(line.itemCode, unified);
  }
  return [...bySku.values()];
}

function party(info: QimenSenderInfo | undefined): ReturnParty | null {
  if (!info) return null;
  const result: ReturnParty = {
    name: text(info.name),
    company: text(info.company),
    phone: text(info.tel),
    mobile: text(info.mobile),
    email: text(info.email),
    country: text(info.countryCode),
    province: text(info.province),
    city: text(info.city),
    district: text(info.area),
    address1: text(info.detailAddress),
    address2: null,
    houseNo: null,
    postcode: text(info.zipCode),
  };
  return Object.values(result).some((v) => v != null) ? result : null;
}

export interface OrderMeta {
  account: string;
  providerStatus: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  completedAt: Date | null;
  referenceNo: string | null;
  confirmations: QimenConfirmation[];
}

/** The unified order of a Qimen document (the create as sent, or a query answer). */
export function orderFromDocument(document: QimenOrderDocument, meta: OrderMeta): ReturnOrder {
  const ro = document.returnOrder;
  const wireLines = document.orderLines.orderLine;
  const orderLines = wireLines.map(detailLine);
  const remarks = new Map<string, string>();
  for (const l of wireLines) if (text(l.remark) && text(l.itemCode)) remarks.set(l.itemCode!, l.remark!);
  const lines = unifyLines(orderLines, remarks);
  const details: QimenReturnDetails & { __typename: string } = {
    __typename: "QimenReturnDetails",
    returnOrderId: text(ro.returnOrderId),
    orderType: text(ro.orderType),
    orderFlags: splitFlags(ro.orderFlag),
    logisticsCode: text(ro.logisticsCode),
    logisticsName: text(ro.logisticsName),
    preDeliveryOrderCode: text(ro.preDeliveryOrderCode),
    sourcePlatformCode: text(ro.sourcePlatformCode),
    buyerNick: text(ro.buyerNick),
    ownerCode: orderLines[0]?.ownerCode || null,
    preDeliveryOrderId: text(ro.preDeliveryOrderId),
    sourcePlatformName: text(ro.sourcePlatformName),
    shopNick: text(ro.shopNick),
    sellerNick: text(ro.sellerNick),
    outBizCode: text(ro.outBizCode),
    orderLines,
    confirmations: meta.confirmations,
  };
  return {
    provider: "QIMEN",
    account: meta.account,
    providerOrderNo: ro.returnOrderCode ?? "",
    referenceNo: meta.referenceNo,
    outboundOrderNo: text(ro.preDeliveryOrderCode),
    status: qimenStatus(meta.providerStatus),
    providerStatus: meta.providerStatus,
    warehouseCode: text(ro.warehouseCode),
    carrier: text(ro.logisticsName) ?? text(ro.logisticsCode),
    trackingNumber: text(ro.expressCode),
    reason: text(ro.returnReason),
    remark: text(ro.remark),
    sender: party(ro.senderInfo),
    lines,
    totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
    receivedQuantity: sumQuantities(lines.map((l) => l.receivedQuantity)),
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    completedAt: meta.completedAt,
    details,
  };
}

/** What a create answer says: `<returnOrderId>`, the warehouse's own id. */
export function parseCreateAnswer(response: Record<string, unknown>, returnOrderCode: string) {
  return { __typename: "QimenReceipt", returnOrderCode, returnOrderId: text(response["returnOrderId"]) };
}

/** A confirm the warehouse sent, checked: the code of the order, the confirm's own code and its lines. */
export interface QimenConfirm {
  returnOrderCode: string;
  returnOrderId: string | null;
  outBizCode: string;
  confirmTime: string | null;
  /** The warehouse's own status when it sends one; otherwise derived from the quantities. */
  status: string | null;
  lines: QimenConfirmedLine[];
}

export class QimenConfirmError extends Error {}

const MAX_CONFIRM_QTY = 1_000_000;

export function parseConfirm(document: Record<string, unknown>): QimenConfirm {
  const request = document["request"];
  if (!request || typeof request !== "object") throw new QimenConfirmError("the body has no <request>");
  const { returnOrder, orderLines } = request as { returnOrder?: QimenWireReturnOrder; orderLines?: { orderLine?: QimenWireLine[] } };
  if (!returnOrder || typeof returnOrder !== "object") throw new QimenConfirmError("returnOrder is required");
  const returnOrderCode = text(returnOrder.returnOrderCode);
  if (!returnOrderCode) throw new QimenConfirmError("returnOrder.returnOrderCode is required");
  const outBizCode = text(returnOrder.outBizCode);
  if (!outBizCode) throw new QimenConfirmError("returnOrder.outBizCode is required");
  const wireLines = orderLines && typeof orderLines === "object" && Array.isArray(orderLines.orderLine) ? orderLines.orderLine : [];
  if (wireLines.length === 0) throw new QimenConfirmError("orderLines.orderLine is required");
  const lines = wireLines.map((wire, i) => {
    const itemCode = text(wire?.itemCode);
    if (!itemCode) throw new QimenConfirmError(`orderLine ${i + 1}: itemCode is required`);
    const actualQty = quantity(wire.actualQty);
    if (actualQty == null || actualQty > MAX_CONFIRM_QTY) throw new QimenConfirmError(`orderLine ${i + 1}: actualQty must be a whole number from 0 to ${MAX_CONFIRM_QTY}`);
    return { orderLineNo: text(wire.orderLineNo), itemCode, inventoryType: text(wire.inventoryType), actualQty, batchCode: text(wire.batchCode) };
  });
  return {
    returnOrderCode,
    returnOrderId: text(returnOrder.returnOrderId),
    outBizCode,
    confirmTime: text(returnOrder.orderConfirmTime),
    status: text(returnOrder.returnOrderStatus),
    lines,
  };
}

/** The planned line a confirmed line belongs to: same line number, else same item and type, else none. */
function matchLine(lines: QimenOrderLine[], confirmed: QimenConfirmedLine): QimenOrderLine | undefined {
  if (confirmed.orderLineNo) {
    const byNo = lines.find((l) => l.orderLineNo === confirmed.orderLineNo && l.itemCode === confirmed.itemCode);
    if (byNo) return byNo;
  }
  const type = confirmed.inventoryType ?? "ZP";
  return lines.find((l) => l.itemCode === confirmed.itemCode && (l.inventoryType ?? "ZP") === type);
}

/**
 * Adds one confirm's quantities to the order (confirms add up; one already applied changes
 * nothing). Goods graded otherwise than planned, or not planned at all, become lines of their own
 * with planQty 0, so nothing the warehouse reports is lost.
 */
export function applyConfirm(order: ReturnOrder, confirm: QimenConfirm, receivedAt: Date): ReturnOrder {
  const details = order.details as unknown as QimenReturnDetails & { __typename: string };
  if (details.confirmations.some((c) => c.outBizCode === confirm.outBizCode)) return order;
  const lines = details.orderLines.map((l) => ({ ...l, serialNumbers: [...l.serialNumbers] }));
  for (const confirmed of confirm.lines) {
    const line = matchLine(lines, confirmed);
    if (line) {
      line.actualQty = (line.actualQty ?? 0) + confirmed.actualQty;
    } else {
      lines.push({
        orderLineNo: confirmed.orderLineNo,
        ownerCode: details.ownerCode ?? "",
        itemCode: confirmed.itemCode,
        itemId: null,
        inventoryType: confirmed.inventoryType,
        planQty: 0,
        actualQty: confirmed.actualQty,
        batchCode: confirmed.batchCode,
        productDate: null,
        expireDate: null,
        produceCode: null,
        serialNumbers: [],
        sourceOrderCode: null,
        subSourceOrderCode: null,
      });
    }
  }
  for (const line of lines) line.actualQty ??= 0;
  const remarks = new Map(order.lines.filter((l) => l.remark).map((l) => [l.sku, l.remark!]));
  const unified = unifyLines(lines, remarks);
  const providerStatus =
    confirm.status && qimenStatus(confirm.status) !== "UNKNOWN"
      ? confirm.status
      : unified.every((l) => (l.receivedQuantity ?? 0) >= l.quantity)
        ? "FULFILLED"
        : "PARTFULFILLED";
  const at = parseQimenTime(confirm.confirmTime) ?? receivedAt;
  const confirmation: QimenConfirmation = {
    outBizCode: confirm.outBizCode,
    confirmTime: confirm.confirmTime,
    quantity: confirm.lines.reduce((n, l) => n + l.actualQty, 0),
    lines: confirm.lines,
  };
  const status = qimenStatus(providerStatus);
  return {
    ...order,
    status,
    providerStatus,
    lines: unified,
    receivedQuantity: sumQuantities(unified.map((l) => l.receivedQuantity)),
    updatedAt: at,
    completedAt: status === "COMPLETED" ? at : order.completedAt,
    details: {
      ...details,
      returnOrderId: details.returnOrderId ?? confirm.returnOrderId,
      orderLines: lines,
      confirmations: [...details.confirmations, confirmation],
    } as unknown as ReturnOrder["details"],
  };
}

/** The `request` of `taobao.qimen.order.cancel` for a return order. */
export function toCancelRequest(order: ReturnOrder, reason: string | null) {
  const details = order.details as unknown as QimenReturnDetails;
  return {
    warehouseCode: order.warehouseCode ?? undefined,
    ownerCode: details.ownerCode ?? undefined,
    orderCode: order.providerOrderNo,
    orderId: details.returnOrderId ?? undefined,
    // A return order is cancelled under its own type: THRK, or HHRK for an exchange.
    orderType: details.orderType ?? "THRK",
    cancelReason: reason ?? undefined,
  };
}

/** A `taobao.qimen.returnorder.query` answer as a document (its lines page by page, joined by the caller). */
export function queryDocument(response: Record<string, unknown>): { document: QimenOrderDocument; status: string | null; totalLines: number | null } | null {
  const returnOrder = response["returnOrder"];
  if (!returnOrder || typeof returnOrder !== "object" || !text((returnOrder as QimenWireReturnOrder).returnOrderCode)) return null;
  const lines = (response["orderLines"] as { orderLine?: QimenWireLine[] } | undefined)?.orderLine;
  return {
    document: { returnOrder: returnOrder as QimenWireReturnOrder, orderLines: { orderLine: Array.isArray(lines) ? lines : [] } },
    status: text((returnOrder as QimenWireReturnOrder).returnOrderStatus),
    totalLines: quantity(response["totalLines"]),
  };
}
