import type { ReturnOrder, ReturnOrderLine, ReturnParty } from "../../returns/model.js";
import { unifiedStatus } from "../kit/status-table.js";
import { OMS_STATUS_TABLE } from "./status.js";
import type { OmsCancelAnswer, OmsItem, OmsOrder, OmsUpdateAnswer, OmsWarehouseWire } from "./wire.js";

// Pure mapping from the OMS's parsed answers to the unified model. No I/O here.

/** The order's items, under either name the API uses for them. */
export function itemsOf(wire: OmsOrder): OmsItem[] {
  return wire.openItems ?? wire.itemDTOs ?? [];
}

function senderOf(wire: OmsOrder): ReturnParty | null {
  const party: ReturnParty = {
    name: wire.contactName,
    company: wire.companyName,
    phone: wire.contactMobile,
    mobile: wire.contactCellMobile,
    email: wire.contactEmail,
    // code2: the country's two-letter code, as the sibling creates name it (国家二字码).
    country: wire.code2 ?? wire.openCountry,
    province: wire.province,
    city: wire.city,
    district: wire.district,
    address1: wire.address,
    houseNo: wire.doorplate,
    postcode: wire.postcode,
  };
  return Object.values(party).some((v) => v != null) ? party : null;
}

function itemDetails(item: OmsItem) {
  return {
    sku: item.productSku ?? "",
    itemId: item.returnOrderId == null ? null : String(item.returnOrderId),
    productId: item.productId == null ? null : String(item.productId),
    quantity: item.qty ?? 0,
    receivedQuantity: item.receiveQty,
    productQuality: item.productQuality,
    handleType: item.handleType,
    remark: item.remark,
  };
}

function lineOf(item: OmsItem): ReturnOrderLine {
  return {
    sku: item.productSku ?? "",
    quantity: item.qty ?? 0,
    receivedQuantity: item.receiveQty,
    // productQuality's codes are not published: good / defective per line stay unknown.
    goodQuantity: null,
    defectiveQuantity: null,
    productName: item.productName,
    remark: item.remark,
  };
}

export function parseOrder(wire: OmsOrder, account: string): ReturnOrder {
  const lines = itemsOf(wire).map(lineOf);
  const status = wire.status ?? "";
  return {
    provider: "OMS",
    account,
    providerOrderNo: wire.orderNo,
    referenceNo: wire.referenceNo,
    outboundOrderNo: wire.outboundOrderNo,
    status: unifiedStatus(OMS_STATUS_TABLE, status),
    providerStatus: status,
    warehouseCode: wire.warehouseCode ?? wire.openWarehouse,
    carrier: null,
    trackingNumber: wire.trackingNo,
    reason: null,
    remark: wire.remark,
    sender: senderOf(wire),
    lines,
    totalQuantity: wire.qty ?? lines.reduce((n, l) => n + l.quantity, 0),
    receivedQuantity: wire.receiveQty,
    createdAt: wire.createTime,
    updatedAt: wire.updateTime,
    completedAt: null,
    details: {
      __typename: "OmsReturnDetails",
      signatureNo: wire.signatureNo,
      pickupType: wire.pickupType,
      pickupDate: wire.pickupDate,
      etaDate: wire.etaDate,
      returnType: wire.returnType,
      isSplitAsn: wire.isSplitAsn,
      handleAdvice: wire.handleAdvice,
      goodQuantity: wire.goodQty,
      badQuantity: wire.badQty,
      putawayQuantity: wire.putawayQty,
      putawayBadQuantity: wire.putawayBadQty,
      destroyQuantity: wire.destroyQty,
      cancelType: wire.cancelType,
      cancelRemark: wire.cancelRemark,
      errorReason: wire.errorReason,
      items: itemsOf(wire).map(itemDetails),
      attachments: wire.openAttachments ?? wire.attachmentOpenDTOs ?? [],
    } as { __typename: string },
  };
}

/** A warehouse of the warehouse list, as the port describes one: the list has a code, a place and a country, no name. */
export function warehouseOf(wire: OmsWarehouseWire): { code: string; name: string | null; country: string | null } {
  return { code: wire.warehouseCode, name: null, country: wire.openCountry.code2 };
}

/**
 * The order after an update: the answer is the order (seed 000) without its items, warehouse and
 * files, so those are what was sent, and the files sent join those the OMS already reported.
 */
export function orderAfterUpdate(current: OmsOrder, sent: OmsOrder, answer: OmsUpdateAnswer): OmsOrder {
  const { orderNo: answeredNo, ...fresh } = answer;
  return {
    ...current,
    warehouseCode: sent.warehouseCode,
    openWarehouse: null,
    itemDTOs: sent.itemDTOs,
    openItems: null,
    openAttachments: [...(current.openAttachments ?? current.attachmentOpenDTOs ?? []), ...(sent.attachmentOpenDTOs ?? [])],
    attachmentOpenDTOs: null,
    ...(answeredNo === current.orderNo ? fresh : {}),
  };
}

export function receiptOf(orderNo: string, status: string | null) {
  return { __typename: "OmsReceipt", orderNo, status };
}

export type CancelOutcome = { kind: "cancelled" } | { kind: "refused"; message: string | null } | { kind: "unknown" };

/**
 * What a batch cancel answer says about one order. The envelope's `success` covers the batch, so
 * an order in `failList` was refused; one in neither list has an unknown outcome.
 */
export function cancelOutcome(answer: OmsCancelAnswer, orderNo: string): CancelOutcome {
  const failed = answer.failList.find((e) => e.orderNo === orderNo);
  if (failed) return { kind: "refused", message: failed.message };
  if (answer.successList.some((e) => e.orderNo === orderNo)) return { kind: "cancelled" };
  // One order was sent: counts without lists still say which way it went.
  if (answer.successList.length === 0 && answer.failList.length === 0) {
    if ((answer.failQty ?? 0) > 0 && !answer.successQty) return { kind: "refused", message: null };
    if ((answer.successQty ?? 0) > 0 && !answer.failQty) return { kind: "cancelled" };
  }
  return { kind: "unknown" };
}
