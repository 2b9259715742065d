import { z } from "zod";
import { coercion, wireCode, wireDecimal, wireFlag, wireListOf, wireQuantity, wireRequiredShapeListOf, wireText } from "../kit/wire.js";

/*
 * Every WINIT answer the adapter reads, as schemas (seed 002, seed 003, the public SDK). What must
 * hold: an order has its number, a goods list is a list, the list answer's list is a list. Any
 * other field of the wrong kind is read as absent.
 */

/**
 * URLs of label files or photos: an array in seed 003, but a single String in the public SDK's
 * ReturnOrder, so a text is read as comma-separated URLs rather than dropped.
 */
const wireUrls = coercion((v): string[] => {
  if (typeof v === "string")
    return v
      .split(",")
      .map((u) => u.trim())
      .filter((u) => u.length > 0);
  return Array.isArray(v) ? v.filter((u): u is string => typeof u === "string" && u.length > 0) : [];
});

/** One `inventoryAttribute` pair (seed 003: tagName stockOrg / stockType / stockOwner, and its tagValue). */
const inventoryTagSchema = z.object({ tagName: wireText, tagValue: wireCode });

export const winitGoodsSchema = z.object({
  merchandiseCode: wireText,
  merchandiseSerno: wireText,
  itemSerno: wireText,
  nameEn: wireText,
  nameCn: wireText,
  specification: wireText,
  originalMerchandiseCode: wireText,
  originalMerchandiseSerno: wireText,
  ownerCode: wireText,
  skuCodeThird: wireText,
  skuType: wireText,
  standardPartsNum: wireQuantity,
  managementType: wireText,
  // BigDecimal / decimal(16,2) in seed 003, Double in the SDK: kept as the decimal's text.
  confirmWidth: wireDecimal,
  confirmLength: wireDecimal,
  confirmHeight: wireDecimal,
  confirmVolume: wireDecimal,
  confirmWeight: wireDecimal,
  // An Array of tagName/tagValue pairs in seed 003, List<?> in the SDK: pairs that do not parse are left out.
  inventoryAttribute: wireListOf(inventoryTagSchema),
  // An Int in seed 003, a Double in the SDK: read as a whole quantity either way.
  confirmQty: wireQuantity,
  merchandiseGrade: wireText,
  /** Deprecated by WINIT; still sent, carrying a strategy on ordered goods and a shelve method on shelved goods. */
  handleMethod: wireText,
  handleStrategy: wireText,
  shelveMethod: wireText,
  imageList: wireUrls,
});

/** A goods list must be a list (or absent); a goods entry that is not an object is left out. */
const goodsList = wireRequiredShapeListOf(winitGoodsSchema);

export const winitOrderSchema = z.object({
  returnGoodsOrderNo: z.string().min(1),
  status: wireCode,
  createDate: wireText,
  completeTime: wireText,
  processTime: wireText,
  allVasOrderCompletedTime: wireText,
  expressNo: wireCode,
  customerExpressNo: wireCode,
  outboundOrderNo: wireCode,
  sellerOrderNo: wireCode,
  rmaNo: wireCode,
  isReturnLabel: wireFlag,
  retrunReason: wireText,
  warehouseCode: wireText,
  // "buyername" in seed 003's field table, "buyerName" in its example and the SDK.
  buyerName: wireText,
  buyername: wireText,
  handleStrategy: wireText,
  shelveMethod: wireText,
  originCode: wireText,
  qtyItemNum: wireQuantity,
  mdImageList: wireUrls,
  /** Not in the list answer; present on orders built from a create's answer. */
  returnAddress: wireText,
  orderGoodsList: goodsList,
  shelveGoodsList: goodsList,
});

export const winitListAnswerSchema = z.object({
  pageParams: z.object({ totalCount: wireQuantity }).nullish().catch(null),
  list: z.array(winitOrderSchema).nullish(),
});

export const winitCreateAnswerSchema = z.object({
  returnGoodsOrderNo: z.string().min(1),
  rmaNo: wireCode,
  returnAddress: wireText,
});

export const winitVoidAnswerSchema = z.object({
  successCount: wireQuantity,
  failedCount: wireQuantity,
  results: z
    .array(
      z.object({
        returnGoodsOrder: wireText,
        // A String in the SDK's ReturnOrderVoidResult ("SUCCESS"); some answers send a boolean.
        result: z.unknown(),
        reason: wireText,
      }),
    )
    .nullish(),
});

const warehouseSchema = z.object({ warehouseCode: z.string().min(1), warehouseName: wireText, warehouseID: wireCode, warehouseAddress: wireText });

/** `queryWarehouse`'s answer: a list of warehouses (the public SDK's List<WarehousePayload>); one without a code is left out. */
export const winitWarehouseListSchema = wireRequiredShapeListOf(warehouseSchema);

export type WinitWireGoods = z.output<typeof winitGoodsSchema>;
export type WinitWireOrder = z.output<typeof winitOrderSchema>;
/** An order as WINIT sends it, before parsing (tests and read-back build these). */
export type WinitRawOrder = z.input<typeof winitOrderSchema>;
export type WinitListAnswer = z.output<typeof winitListAnswerSchema>;
export type WinitCreateAnswer = z.output<typeof winitCreateAnswerSchema>;
export type WinitVoidAnswer = z.output<typeof winitVoidAnswerSchema>;
