import type { ReturnOrder, ReturnOrderLine } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import { withoutMarker } from "./reference-marker.js";
import { qianyiStatus } from "./status.js";
import type { QianyiWireCustomField, QianyiWireOrder, QianyiWireSku } from "./wire.js";

// Pure mapping from Qianyi's parsed answers (wire.ts) to the unified model. No I/O here.

/**
 * A line Qianyi hides from its pages (`selected` 0) is bookkeeping, not goods the buyer returns:
 * it stays out of the unified lines and totals, and is kept in the details with `selected: false`.
 */
function shown(sku: QianyiWireSku): boolean {
  return sku.selected !== false;
}

function received(sku: QianyiWireSku): number | null {
  if (sku.locAndQuantityList) return sumQuantities(sku.locAndQuantityList.map((l) => l.receiveQuantity));
  return sumQuantities([sku.goodQuantity, sku.badQuantity]);
}

function line(sku: QianyiWireSku): ReturnOrderLine {
  return {
    sku: sku.sku ?? "",
    quantity: sku.quantity ?? 0,
    receivedQuantity: received(sku),
    goodQuantity: sku.goodQuantity,
    defectiveQuantity: sku.badQuantity,
    productName: null,
    remark: sku.remark,
  };
}

function skuDetails(sku: QianyiWireSku) {
  return {
    sku: sku.sku ?? "",
    orderSkuId: sku.orderSkuId,
    quantity: sku.quantity ?? 0,
    goodQuantity: sku.goodQuantity,
    badQuantity: sku.badQuantity,
    itemRefundAmount: sku.itemRefundAmount,
    refundAmount: sku.refundAmount,
    storageLocationCode: sku.storageLocationCode,
    selected: sku.selected,
    remark: sku.remark,
    locations: (sku.locAndQuantityList ?? []).map((l) => ({ storageLocationCode: l.storageLocationCode, receiveQuantity: l.receiveQuantity ?? 0 })),
  };
}

function customField(field: QianyiWireCustomField) {
  return {
    id: field.customFieldId ?? field.id ?? "",
    tableName: field.tableName,
    name: field.columName,
    value: field.value,
    type: field.columType,
    defaultValue: field.defaultValue,
    candidateValues: field.candidateValue,
    remark: field.remark,
    required: field.required,
    isQuery: field.isQuery,
    isShow: field.isShow,
  };
}

export function parseOrder(wire: QianyiWireOrder, account: string): ReturnOrder {
  // A deleted line is gone from the order; it is shown nowhere.
  const skus = wire.returnSkuList.filter((sku) => sku.isDeleted !== true);
  const lines = skus.filter(shown).map(line);
  return {
    provider: "QIANYI",
    account,
    providerOrderNo: wire.returnNumber,
    // Qianyi's sales order number is both the seller's reference and the original order.
    referenceNo: wire.orderNumber,
    outboundOrderNo: wire.orderNumber,
    status: qianyiStatus(wire.status ?? ""),
    providerStatus: wire.status ?? "",
    warehouseCode: wire.warehouse,
    carrier: wire.carrier,
    trackingNumber: wire.customNumber,
    reason: wire.reason,
    remark: withoutMarker(wire.remark),
    sender: null,
    lines,
    totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
    receivedQuantity: sumQuantities(lines.map((l) => l.receivedQuantity)),
    createdAt: wire.createTime,
    updatedAt: wire.updateTime,
    completedAt: wire.finishTime,
    details: {
      __typename: "QianyiReturnDetails",
      shop: wire.shop,
      type: wire.type,
      currency: wire.currency,
      orderRefundAmount: wire.orderRefundAmount,
      totalAmount: wire.totalAmount,
      onlineOrderNumber: wire.onlineOrderNumber,
      buyerId: wire.buyerId,
      asnNumber: wire.asnNumber ?? wire.warehouseEntryNumber,
      asnId: wire.asnId ?? wire.warehouseEntryID,
      commitTime: wire.commitTime,
      customFields: wire.refundCustomFieldValueVOList.map(customField),
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

export function parseCreateAnswer(result: { returnNumber: string; status: string | null; type: string | null }): QianyiReceiptData {
  return { __typename: "QianyiReceipt", returnNumber: result.returnNumber, status: result.status, type: result.type };
}
