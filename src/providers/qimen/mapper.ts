import type { ReturnOrder, ReturnOrderLine, ReturnParty } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import { parseWire } from "../kit/wire.js";
import type { QimenConfirmation, QimenOrderLine, QimenReturnDetails } from "./graphql.js";
import { detailAddress, type QimenCreateRequest } from "./requests.js";
import { qimenStatus } from "./status.js";
import { wireCreateAnswer, wireOrderDocument, wireQueryAnswer, type WireLine, type WireOrderDocument, type WireSender } from "./wire.js";

// Qimen's documents (parsed through ./wire.ts) as the unified model. No I/O.

export function splitFlags(value: string | null): string[] {
  return (value ?? "")
    .split("^")
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
}

/** Goods graded ZP (or not graded at all, ZP being the default) are good; CC, JS and XS are not. */
export function isGoodGrade(inventoryType: string | null | undefined): boolean {
  return !inventoryType || inventoryType === "ZP";
}

function detailLine(wire: WireLine): QimenOrderLine {
  return {
    orderLineNo: wire.orderLineNo,
    ownerCode: wire.ownerCode ?? "",
    itemCode: wire.itemCode ?? "",
    itemId: wire.itemId,
    inventoryType: wire.inventoryType,
    planQty: wire.planQty ?? 0,
    actualQty: wire.actualQty,
    batchCode: wire.batchCode,
    productDate: wire.productDate,
    expireDate: wire.expireDate,
    produceCode: wire.produceCode,
    serialNumbers: wire.snList,
    sourceOrderCode: wire.sourceOrderCode,
    subSourceOrderCode: wire.subSourceOrderCode,
    orderFlags: splitFlags(wire.orderFlag),
    returnReason: wire.returnReason,
    extendProps: wire.extendProps,
  };
}

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
      if (isGoodGrade(line.inventoryType)) unified.goodQuantity! += actual;
      else unified.defectiveQuantity! += actual;
    }
    bySku.set(line.itemCode, unified);
  }
  return [...bySku.values()];
}

function party(info: WireSender | null): ReturnParty | null {
  if (!info) return null;
  const result: ReturnParty = {
    name: info.name,
    company: info.company,
    phone: info.tel,
    mobile: info.mobile,
    email: info.email,
    country: info.countryCode,
    province: info.province,
    city: info.city,
    district: info.area,
    address1: info.detailAddress,
    address2: null,
    houseNo: null,
    postcode: info.zipCode,
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
export function orderFromDocument(document: WireOrderDocument, meta: OrderMeta): ReturnOrder {
  const ro = document.returnOrder;
  const orderLines = document.orderLines.map(detailLine);
  const remarks = new Map<string, string>();
  for (const l of document.orderLines) if (l.remark && l.itemCode) remarks.set(l.itemCode, l.remark);
  const lines = unifyLines(orderLines, remarks);
  const details: QimenReturnDetails & { __typename: string } = {
    __typename: "QimenReturnDetails",
    returnOrderId: ro.returnOrderId,
    orderType: ro.orderType,
    orderFlags: splitFlags(ro.orderFlag),
    logisticsCode: ro.logisticsCode,
    logisticsName: ro.logisticsName,
    preDeliveryOrderCode: ro.preDeliveryOrderCode,
    sourcePlatformCode: ro.sourcePlatformCode,
    buyerNick: ro.buyerNick,
    ownerCode: orderLines[0]?.ownerCode || null,
    preDeliveryOrderId: ro.preDeliveryOrderId,
    sourcePlatformName: ro.sourcePlatformName,
    shopNick: ro.shopNick,
    sellerNick: ro.sellerNick,
    outBizCode: ro.outBizCode,
    senderTown: ro.senderInfo?.town ?? null,
    extendProps: ro.extendProps,
    senderExtendProps: ro.senderInfo?.extendProps ?? [],
    requestExtendProps: document.extendProps,
    orderLines,
    confirmations: meta.confirmations,
  };
  return {
    provider: "QIMEN",
    account: meta.account,
    providerOrderNo: ro.returnOrderCode ?? "",
    referenceNo: meta.referenceNo,
    outboundOrderNo: ro.preDeliveryOrderCode,
    status: qimenStatus(meta.providerStatus),
    providerStatus: meta.providerStatus,
    warehouseCode: ro.warehouseCode,
    carrier: ro.logisticsName ?? ro.logisticsCode,
    trackingNumber: ro.expressCode,
    reason: ro.returnReason,
    remark: ro.remark,
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

/**
 * Qimen has one address field, into which the house number and both address lines were joined:
 * while the warehouse's address is still what they make, the order shows the parts as the caller
 * gave them; an address the warehouse changed is shown as it has it.
 */
export function keepAddressParts(order: ReturnOrder, sent: ReturnParty | null | undefined): ReturnOrder {
  const reported = order.sender;
  if (!reported?.address1 || !sent || reported.address1 !== detailAddress(sent)) return order;
  return { ...order, sender: { ...reported, address1: sent.address1 ?? null, address2: sent.address2 ?? null, houseNo: sent.houseNo ?? null } };
}

/** A snapshot recorded before the order's lines and maps were kept shows them empty, never missing. */
export function withCurrentDetails(order: ReturnOrder): ReturnOrder {
  const d = order.details as unknown as QimenReturnDetails;
  const details = {
    ...d,
    extendProps: d.extendProps ?? [],
    senderExtendProps: d.senderExtendProps ?? [],
    requestExtendProps: d.requestExtendProps ?? [],
    orderLines: (d.orderLines ?? []).map((l) => ({ ...l, orderFlags: l.orderFlags ?? [], extendProps: l.extendProps ?? [] })),
  };
  return { ...order, details: details as unknown as ReturnOrder["details"] };
}

/** The order a create sent, as the subgraph records it. */
export function orderFromRequest(request: QimenCreateRequest, meta: OrderMeta): ReturnOrder {
  return orderFromDocument(wireOrderDocument.parse(request), meta);
}

/** What a create answer says: `<returnOrderId>`, the warehouse's own id. */
export function parseCreateAnswer(response: Record<string, unknown>, returnOrderCode: string, account: string) {
  const answer = parseWire(wireCreateAnswer, response, "QIMEN", account, "create answer");
  return { __typename: "QimenReceipt", returnOrderCode, returnOrderId: answer.returnOrderId };
}

/** One page of a `taobao.qimen.returnorder.query` answer (the caller joins the pages' lines). */
export function readQueryPage(response: Record<string, unknown>, account: string) {
  const answer = parseWire(wireQueryAnswer, response, "QIMEN", account, "returnorder.query answer");
  return {
    document: { returnOrder: answer.returnOrder, orderLines: answer.orderLines, extendProps: answer.extendProps } satisfies WireOrderDocument,
    status: answer.returnOrder.returnOrderStatus ?? answer.returnOrder.status,
    totalLines: answer.totalLines,
  };
}
