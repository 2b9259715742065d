import type {
  CreateReturnOrderCommand,
  ReturnOrder,
  ReturnOrderLine,
  ReturnParty,
} from "../../returns/model.js";
import { sumQuantities } from "../../returns/model.js";
import type { WinitLineOptions, WinitReturnOptions } from "./graphql.js";
import { winitStatus } from "./status.js";

// Pure mapping between WINIT's wire shapes and the unified model. No I/O here.

/** WINIT writes local times without an offset; they are China Standard Time. */
export const WINIT_UTC_OFFSET = "+08:00";
const OFFSET_MS = 8 * 3600_000;

export interface WinitWireGoods {
  merchandiseCode?: string | null;
  merchandiseSerno?: string | null;
  itemSerno?: string | null;
  nameEn?: string | null;
  nameCn?: string | null;
  confirmQty?: number | null;
  merchandiseGrade?: string | null;
  handleMethod?: string | null;
  handleStrategy?: string | null;
  shelveMethod?: string | null;
  imageList?: string[] | null;
  [other: string]: unknown;
}

export interface WinitWireOrder {
  returnGoodsOrderNo: string;
  status: string;
  createDate?: string | null;
  completeTime?: string | null;
  processTime?: string | null;
  expressNo?: string | null;
  customerExpressNo?: string | null;
  customerOrderNo?: string | null;
  outboundOrderNo?: string | null;
  sellerOrderNo?: string | null;
  rmaNo?: string | null;
  isReturnLabel?: string | null;
  retrunReason?: string | null;
  warehouseCode?: string | null;
  buyerName?: string | null;
  buyername?: string | null;
  handleStrategy?: string | null;
  shelveMethod?: string | null;
  originCode?: string | null;
  qtyItemNum?: number | null;
  mdImageList?: string[] | null;
  orderGoodsList?: WinitWireGoods[] | null;
  shelveGoodsList?: WinitWireGoods[] | null;
  [other: string]: unknown;
}

export interface WinitCreateAnswer {
  returnGoodsOrderNo: string;
  rmaNo?: string | null;
  returnAddress?: string | null;
}

/** "yyyy-MM-dd HH:mm:ss" in China time → Date; anything else → null. */
export function parseWinitTime(text: unknown): Date | null {
  if (typeof text !== "string" || !text) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS;
  return Number.isNaN(utc) ? null : new Date(utc);
}

/** The China-time calendar date of an instant, as WINIT's date window wants it. */
export function winitDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The China-time "yyyy-MM-dd HH:mm:ss" of an instant (request timestamps, emulator answers). */
export function winitDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

const REASONS: Record<string, string> = { DF: "Delivery failed", BR: "Buyer return" };

/** The reason's label when WINIT's code is a known one (own keys only: a code may be "toString"), else the code. */
function reasonOf(code: string | null): string | null {
  return code && Object.hasOwn(REASONS, code) ? REASONS[code]! : code;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function qty(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function goods(wire: WinitWireGoods) {
  return {
    merchandiseCode: text(wire.merchandiseCode) ?? "",
    merchandiseSerno: text(wire.merchandiseSerno),
    itemSerno: text(wire.itemSerno),
    nameEn: text(wire.nameEn),
    nameCn: text(wire.nameCn),
    quantity: qty(wire.confirmQty),
    grade: text(wire.merchandiseGrade),
    handleStrategy: text(wire.handleStrategy) ?? text(wire.handleMethod),
    shelveMethod: text(wire.shelveMethod),
    imageUrls: (wire.imageList ?? []).filter((u): u is string => typeof u === "string"),
  };
}

function lines(ordered: WinitWireGoods[], shelved: WinitWireGoods[]): ReturnOrderLine[] {
  const received = new Map<string, { total: number; good: number; defective: number }>();
  for (const g of shelved) {
    const code = text(g.merchandiseCode) ?? "";
    const r = received.get(code) ?? { total: 0, good: 0, defective: 0 };
    const q = qty(g.confirmQty);
    r.total += q;
    if (g.merchandiseGrade === "GOOD") r.good += q;
    if (g.merchandiseGrade === "DEFECTIVE") r.defective += q;
    received.set(code, r);
  }
  // Delivery-failed and no-RMA returns have no ordered goods: the shelved goods are the lines.
  const base = ordered.length > 0 ? ordered : shelved;
  const bySku = new Map<string, ReturnOrderLine>();
  for (const g of base) {
    const sku = text(g.merchandiseCode) ?? "";
    const line = bySku.get(sku);
    if (line) {
      line.quantity += qty(g.confirmQty);
      continue;
    }
    const r = received.get(sku);
    bySku.set(sku, {
      sku,
      quantity: qty(g.confirmQty),
      receivedQuantity: shelved.length > 0 ? (r?.total ?? 0) : null,
      goodQuantity: r ? r.good : null,
      defectiveQuantity: r ? r.defective : null,
      productName: text(g.nameEn) ?? text(g.nameCn),
      remark: null,
    });
  }
  return [...bySku.values()];
}

export function parseOrder(wire: WinitWireOrder, account: string): ReturnOrder {
  const ordered = wire.orderGoodsList ?? [];
  const shelved = wire.shelveGoodsList ?? [];
  const orderLines = lines(ordered, shelved);
  const buyerName = text(wire.buyerName) ?? text(wire.buyername);
  const sender: ReturnParty | null = buyerName ? { name: buyerName } : null;
  const totalFromLines = orderLines.reduce((n, l) => n + l.quantity, 0);
  return {
    provider: "WINIT",
    account,
    providerOrderNo: wire.returnGoodsOrderNo,
    referenceNo: text(wire.customerOrderNo),
    outboundOrderNo: text(wire.outboundOrderNo),
    status: winitStatus(wire.status),
    providerStatus: text(wire.status) ?? "",
    warehouseCode: text(wire.warehouseCode),
    carrier: null,
    trackingNumber: text(wire.expressNo) ?? text(wire.customerExpressNo),
    reason: reasonOf(text(wire.retrunReason)),
    remark: null,
    sender,
    lines: orderLines,
    totalQuantity: totalFromLines > 0 ? totalFromLines : qty(wire.qtyItemNum),
    receivedQuantity: shelved.length > 0 ? sumQuantities(shelved.map((g) => qty(g.confirmQty))) : null,
    createdAt: parseWinitTime(wire.createDate),
    updatedAt: parseWinitTime(wire.processTime),
    completedAt: parseWinitTime(wire.completeTime),
    details: {
      __typename: "WinitReturnDetails",
      rmaNo: text(wire.rmaNo),
      returnAddress: text(wire["returnAddress"]),
      isReturnLabel: wire.isReturnLabel == null ? null : wire.isReturnLabel === "Y",
      labelImageUrls: (wire.mdImageList ?? []).filter((u): u is string => typeof u === "string"),
      handleStrategy: text(wire.handleStrategy),
      shelveMethod: text(wire.shelveMethod),
      originCode: text(wire.originCode),
      returnReasonCode: text(wire.retrunReason),
      customerExpressNo: text(wire.customerExpressNo),
      sellerOrderNo: text(wire.sellerOrderNo),
      buyerName,
      shelvedGoods: shelved.map(goods),
      orderedGoods: ordered.map(goods),
    } as { __typename: string },
  };
}

export function parseCreateAnswer(answer: WinitCreateAnswer) {
  return {
    __typename: "WinitReceipt",
    returnGoodsOrderNo: answer.returnGoodsOrderNo,
    rmaNo: text(answer.rmaNo),
    returnAddress: text(answer.returnAddress),
  };
}

function decimal(value: number | null | undefined): string | undefined {
  return value == null ? undefined : String(value);
}

/** The `data` of `createReturnGoodsOrder` (seed 002's shape, including its capitalised keys). */
export function toCreateRequest(command: CreateReturnOrderCommand, customerOrderNo: string | null): Record<string, unknown> {
  const options = (command.options ?? {}) as WinitReturnOptions;
  const sender = command.sender;
  const lineOptions = new Map<string, WinitLineOptions>((options.lines ?? []).map((l) => [l.sku, l]));
  const isWinitOutbound = options.isWinitOutbound ?? Boolean(command.outboundOrderNo);
  const data: Record<string, unknown> = {
    winitProductCode: options.winitProductCode ?? undefined,
    isWinitOutbound: isWinitOutbound ? "Y" : "N",
    warehouseCode: command.warehouseCode,
    customerOrderNo: customerOrderNo ?? "",
    outboundOrderNo: command.outboundOrderNo ?? "",
    // Without a sender the warehouse takes the outbound order's recipient (ORI).
    userInfoSource: sender ? "IRI" : "ORI",
    expressNo: command.trackingNumber ?? "",
    supplierName: command.carrier ?? undefined,
    VATNo: options.vatNo ?? "",
  };
  if (sender) {
    Object.assign(data, {
      name: sender.name ?? undefined,
      email: sender.email ?? undefined,
      phone: sender.phone ?? sender.mobile ?? undefined,
      country: sender.country ?? undefined,
      state: sender.province ?? undefined,
      houseNo: sender.houseNo ?? undefined,
      city: sender.city ?? undefined,
      postcode: sender.postcode ?? undefined,
      address1: sender.address1 ?? undefined,
      address2: sender.address2 ?? undefined,
    });
  }
  Object.assign(data, {
    packageLength: decimal(options.packageLength),
    packageWidth: decimal(options.packageWidth),
    packageHeight: decimal(options.packageHeight),
    packageWeight: decimal(options.packageWeight),
    ReturnGoodsList: command.lines.map((line) => {
      const extra = lineOptions.get(line.sku);
      const handleMethod = options.handleMethod ?? "SA";
      return {
        defectiveMethod: handleMethod === "WI" ? (options.defectiveMethod ?? undefined) : undefined,
        goodMethod: handleMethod === "WI" ? (options.goodMethod ?? undefined) : undefined,
        handleMethod,
        shelveMethod: handleMethod === "SA" ? (options.shelveMethod ?? undefined) : undefined,
        itemCodeList: extra?.itemCodes?.length
          ? extra.itemCodes.map((itemCode) => ({ handleMethod: handleMethod === "WI" ? (options.goodMethod ?? "SA") : handleMethod, itemCode }))
          : undefined,
        productCode: line.sku,
        productNum: String(line.quantity),
        productionBatch: extra?.productionBatch ?? undefined,
        batchDate: extra?.batchDate ?? undefined,
        specification: extra?.specification ?? "",
      };
    }),
  });
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

export interface WinitListFilter {
  returnGoodsOrderNo?: string;
  customerOrderNo?: string;
  outboundOrderNo?: string;
  expressNo?: string;
  warehouseCode?: string;
}

/** The `data` of `queryReturnOderList` ("Oder" is WINIT's spelling). */
export function toListRequest(filter: WinitListFilter, from: Date, to: Date, pageNo: number, pageSize: number) {
  return {
    ...filter,
    OderStartDatetime: winitDate(from),
    OderEndDatetime: winitDate(to),
    pageParams: { pageNo, pageSize },
  };
}
