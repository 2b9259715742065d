import type { ReturnOrder, ReturnOrderLine, ReturnParty } from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import { winitStatus } from "./status.js";
import { parseWinitTime } from "./time.js";
import { winitOrderSchema, type WinitCreateAnswer, type WinitRawOrder, type WinitWireGoods, type WinitWireOrder } from "./wire.js";

// Pure mapping from WINIT's answers (parsed by wire.ts) to the unified model. No I/O here.

const REASONS: Record<string, string> = { DF: "Delivery failed", BR: "Buyer return" };

/** The reason's label when WINIT's code is a known one (own keys only: a code may be "toString"), else the code. */
function reasonOf(code: string | null): string | null {
  return code && Object.hasOwn(REASONS, code) ? REASONS[code]! : code;
}

/** The values a goods entry's deprecated `handleMethod` can carry, by the field they belong to (seed 003). */
const STRATEGIES = new Set(["SA", "NS", "DE", "WI"]);
const SHELVE_METHODS = new Set(["GOOD_SA", "DEFECTIVE_SA"]);

/**
 * A goods entry. Its deprecated `handleMethod` still arrives, holding a strategy on ordered goods
 * ("WI") and a shelve method on shelved goods ("GOOD_SA"): it only fills the field its value
 * belongs to, and DE (both a strategy and a shelve method) counts as a strategy.
 */
function goods(wire: WinitWireGoods) {
  const legacy = wire.handleMethod;
  return {
    merchandiseCode: wire.merchandiseCode ?? "",
    merchandiseSerno: wire.merchandiseSerno,
    itemSerno: wire.itemSerno,
    nameEn: wire.nameEn,
    nameCn: wire.nameCn,
    specification: wire.specification,
    originalMerchandiseCode: wire.originalMerchandiseCode,
    originalMerchandiseSerno: wire.originalMerchandiseSerno,
    ownerCode: wire.ownerCode,
    skuCodeThird: wire.skuCodeThird,
    skuType: wire.skuType,
    standardPartsNum: wire.standardPartsNum,
    managementType: wire.managementType,
    confirmWidth: wire.confirmWidth,
    confirmLength: wire.confirmLength,
    confirmHeight: wire.confirmHeight,
    confirmVolume: wire.confirmVolume,
    confirmWeight: wire.confirmWeight,
    inventoryAttribute: wire.inventoryAttribute,
    quantity: wire.confirmQty ?? 0,
    grade: wire.merchandiseGrade,
    handleMethod: legacy,
    handleStrategy: wire.handleStrategy ?? (legacy && STRATEGIES.has(legacy) ? legacy : null),
    shelveMethod: wire.shelveMethod ?? (legacy && SHELVE_METHODS.has(legacy) ? legacy : null),
    imageUrls: wire.imageList,
  };
}

function lines(ordered: WinitWireGoods[], shelved: WinitWireGoods[]): ReturnOrderLine[] {
  const received = new Map<string, { total: number; good: number; defective: number }>();
  for (const g of shelved) {
    const code = g.merchandiseCode ?? "";
    const r = received.get(code) ?? { total: 0, good: 0, defective: 0 };
    const q = g.confirmQty ?? 0;
    r.total += q;
    if (g.merchandiseGrade === "GOOD") r.good += q;
    if (g.merchandiseGrade === "DEFECTIVE") r.defective += q;
    received.set(code, r);
  }
  // Delivery-failed and no-RMA returns have no ordered goods: the shelved goods are the lines.
  const base = ordered.length > 0 ? ordered : shelved;
  const bySku = new Map<string, ReturnOrderLine>();
  for (const g of base) {
    const sku = g.merchandiseCode ?? "";
    const line = bySku.get(sku);
    if (line) {
      line.quantity += g.confirmQty ?? 0;
      continue;
    }
    const r = received.get(sku);
    bySku.set(sku, {
      sku,
      quantity: g.confirmQty ?? 0,
      receivedQuantity: shelved.length > 0 ? (r?.total ?? 0) : null,
      goodQuantity: r ? r.good : null,
      defectiveQuantity: r ? r.defective : null,
      productName: g.nameEn ?? g.nameCn,
      remark: null,
    });
  }
  return [...bySku.values()];
}

/**
 * WINIT reports no update time: `processTime` is when the seller first asked for a value-added
 * service on a held order. The last change it does report is the latest of its event times.
 */
function latestOf(times: (Date | null)[]): Date | null {
  return times.reduce<Date | null>((latest, t) => (t && (!latest || t > latest) ? t : latest), null);
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

/**
 * An order of the list answer. `referenceNo` is null: the answer carries no `customerOrderNo`
 * (seed 003, the SDK's ReturnOrder); where the reference is known, the caller fills it. The
 * details have no `sent` member: WINIT does not report what the create sent, so the list answer
 * says nothing of it (rather than that nothing was sent).
 */
export function readOrder(wire: WinitWireOrder, account: string): ReturnOrder {
  const ordered = wire.orderGoodsList;
  const shelved = wire.shelveGoodsList;
  const orderLines = lines(ordered, shelved);
  const buyerName = wire.buyerName ?? wire.buyername;
  const sender: ReturnParty | null = buyerName ? { name: buyerName } : null;
  const totalFromLines = orderLines.reduce((n, l) => n + l.quantity, 0);
  const createdAt = parseWinitTime(wire.createDate);
  const completedAt = parseWinitTime(wire.completeTime);
  const processTime = parseWinitTime(wire.processTime);
  const allVasOrderCompletedTime = parseWinitTime(wire.allVasOrderCompletedTime);
  const details = {
    __typename: "WinitReturnDetails",
    rmaNo: wire.rmaNo,
    returnAddress: wire.returnAddress,
    isReturnLabel: wire.isReturnLabel,
    labelImageUrls: wire.mdImageList,
    handleStrategy: wire.handleStrategy,
    shelveMethod: wire.shelveMethod,
    originCode: wire.originCode,
    returnReasonCode: wire.retrunReason,
    customerExpressNo: wire.customerExpressNo,
    sellerOrderNo: wire.sellerOrderNo,
    buyerName,
    // Text, not Date: details are stored as JSON in snapshots and must read back the same.
    processTime: iso(processTime),
    allVasOrderCompletedTime: iso(allVasOrderCompletedTime),
    shelvedGoods: shelved.map(goods),
    orderedGoods: ordered.map(goods),
  };
  return {
    provider: "WINIT",
    account,
    providerOrderNo: wire.returnGoodsOrderNo,
    referenceNo: null,
    outboundOrderNo: wire.outboundOrderNo,
    status: winitStatus(wire.status ?? ""),
    providerStatus: wire.status ?? "",
    warehouseCode: wire.warehouseCode,
    carrier: null,
    trackingNumber: wire.expressNo ?? wire.customerExpressNo,
    reason: reasonOf(wire.retrunReason),
    remark: null,
    sender,
    lines: orderLines,
    totalQuantity: totalFromLines > 0 ? totalFromLines : (wire.qtyItemNum ?? 0),
    receivedQuantity: shelved.length > 0 ? sumQuantities(shelved.map((g) => g.confirmQty ?? 0)) : null,
    createdAt,
    updatedAt: latestOf([createdAt, processTime, allVasOrderCompletedTime, completedAt]),
    completedAt,
    details,
  };
}

/** An order as WINIT sends it (tests, and the order built from a create's answer). */
export function parseOrder(raw: WinitRawOrder, account: string): ReturnOrder {
  return readOrder(winitOrderSchema.parse(raw), account);
}

export function parseCreateAnswer(answer: WinitCreateAnswer) {
  return {
    __typename: "WinitReceipt",
    returnGoodsOrderNo: answer.returnGoodsOrderNo,
    rmaNo: answer.rmaNo,
    returnAddress: answer.returnAddress,
  };
}
