import type { CreateReturnOrderCommand, ReturnOrder, ReturnOrderFilter, ReturnOrderLine, ReturnParty, UpdateReturnOrderCommand } from "../../returns/model.js";
import type { OmsAttachmentInput, OmsReturnOptions } from "./graphql.js";
import { omsStatus } from "./status.js";

// Pure mapping between the OMS's wire shapes and the unified model. No I/O here.
// Seed 000 documents the update request and its answer; the list items are assumed to carry the
// same fields plus warehouseCode, createTime, updateTime and itemDTOs (the README says so).

export interface OmsWireItem {
  returnOrderId?: number | null;
  productId?: number | null;
  productSku?: string | null;
  productName?: string | null;
  qty?: number | string | null;
  receiveQty?: number | string | null;
  productQuality?: number | string | null;
  handleType?: number | string | null;
  remark?: string | null;
  [other: string]: unknown;
}

export interface OmsWireOrder {
  orderNo: string;
  referenceNo?: string | null;
  signatureNo?: string | null;
  outboundOrderNo?: string | null;
  trackingNo?: string | null;
  pickupType?: number | string | null;
  pickupDate?: string | null;
  etaDate?: string | null;
  companyName?: string | null;
  contactName?: string | null;
  contactMobile?: string | null;
  contactCellMobile?: string | null;
  contactEmail?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  doorplate?: string | null;
  address?: string | null;
  postcode?: string | null;
  qty?: number | string | null;
  receiveQty?: number | string | null;
  goodQty?: number | string | null;
  badQty?: number | string | null;
  putawayQty?: number | string | null;
  putawayBadQty?: number | string | null;
  destroyQty?: number | string | null;
  returnType?: number | string | null;
  status?: number | string | null;
  isSplitAsn?: number | string | null;
  handleAdvice?: string | null;
  remark?: string | null;
  cancelType?: number | string | null;
  cancelRemark?: string | null;
  errorReason?: string | null;
  warehouseCode?: string | null;
  createTime?: string | number | null;
  updateTime?: string | number | null;
  itemDTOs?: OmsWireItem[] | null;
  [other: string]: unknown;
}

/** The OMS's list answer (`data`). */
export interface OmsPage {
  pageNum?: number;
  totalPage?: number;
  list?: OmsWireOrder[];
}

/** Offset-less times are taken as China Standard Time (an assumption: the OMS is a Chinese system). */
const OFFSET_MS = 8 * 3600_000;

/** Epoch milliseconds (number or digits) or "yyyy-MM-dd[ HH:mm:ss]" in China time → Date; else null. */
export function parseOmsTime(value: unknown): Date | null {
  if (typeof value === "number" || (typeof value === "string" && /^\d{13}$/.test(value))) {
    const at = new Date(Number(value));
    return Number.isNaN(at.getTime()) ? null : at;
  }
  if (typeof value !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - OFFSET_MS);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An instant as the OMS writes it: "yyyy-MM-dd HH:mm:ss" in China time. */
export function omsDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Numeric codes arrive as numbers in answers and go out as strings in requests; kept as strings. */
export function code(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return text(value);
}

function quantity(value: unknown): number | null {
  if (value == null || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

function senderOf(wire: OmsWireOrder): ReturnParty | null {
  const party: ReturnParty = {
    name: text(wire.contactName),
    company: text(wire.companyName),
    phone: text(wire.contactMobile),
    mobile: text(wire.contactCellMobile),
    email: text(wire.contactEmail),
    province: text(wire.province),
    city: text(wire.city),
    district: text(wire.district),
    address1: text(wire.address),
    houseNo: text(wire.doorplate),
    postcode: text(wire.postcode),
  };
  return Object.values(party).some((v) => v != null) ? party : null;
}

function lineOf(item: OmsWireItem): ReturnOrderLine {
  return {
    sku: text(item.productSku) ?? "",
    quantity: quantity(item.qty) ?? 0,
    receivedQuantity: quantity(item.receiveQty),
    // productQuality's codes are not published: good / defective per line stay unknown.
    goodQuantity: null,
    defectiveQuantity: null,
    productName: text(item.productName),
    remark: text(item.remark),
  };
}

export function parseOrder(wire: OmsWireOrder, account: string): ReturnOrder {
  const lines = (wire.itemDTOs ?? []).map(lineOf);
  const status = code(wire.status) ?? "";
  return {
    provider: "OMS",
    account,
    providerOrderNo: wire.orderNo,
    referenceNo: text(wire.referenceNo),
    outboundOrderNo: text(wire.outboundOrderNo),
    status: omsStatus(status),
    providerStatus: status,
    warehouseCode: text(wire.warehouseCode),
    carrier: null,
    trackingNumber: text(wire.trackingNo),
    reason: null,
    remark: text(wire.remark),
    sender: senderOf(wire),
    lines,
    totalQuantity: quantity(wire.qty) ?? lines.reduce((n, l) => n + l.quantity, 0),
    receivedQuantity: quantity(wire.receiveQty),
    createdAt: parseOmsTime(wire.createTime),
    updatedAt: parseOmsTime(wire.updateTime),
    completedAt: null,
    details: {
      __typename: "OmsReturnDetails",
      signatureNo: text(wire.signatureNo),
      pickupType: code(wire.pickupType),
      pickupDate: text(wire.pickupDate),
      etaDate: text(wire.etaDate),
      returnType: code(wire.returnType),
      isSplitAsn: code(wire.isSplitAsn),
      handleAdvice: text(wire.handleAdvice),
      goodQuantity: quantity(wire.goodQty),
      badQuantity: quantity(wire.badQty),
      putawayQuantity: quantity(wire.putawayQty),
      putawayBadQuantity: quantity(wire.putawayBadQty),
      destroyQuantity: quantity(wire.destroyQty),
      cancelType: code(wire.cancelType),
      cancelRemark: text(wire.cancelRemark),
      errorReason: text(wire.errorReason),
    } as { __typename: string },
  };
}

export function parseCreateAnswer(data: { orderNo: string; status?: unknown }) {
  return { __typename: "OmsReceipt", orderNo: data.orderNo, status: code(data.status) };
}

/** The fields common to create and update that a command sets; absent (or null) means unchanged. */
type Changes = Pick<UpdateReturnOrderCommand, "referenceNo" | "outboundOrderNo" | "trackingNumber" | "warehouseCode" | "remark" | "sender" | "options">;

function changedFields(changes: Changes): Record<string, string> {
  const options = (changes.options ?? {}) as OmsReturnOptions;
  const sender = changes.sender ?? {};
  const candidates: Record<string, string | null | undefined> = {
    referenceNo: changes.referenceNo,
    signatureNo: options.signatureNo,
    outboundOrderNo: changes.outboundOrderNo,
    trackingNo: changes.trackingNumber,
    pickupType: options.pickupType,
    pickupDate: options.pickupDate,
    etaDate: options.etaDate,
    companyName: sender.company,
    contactName: sender.name,
    contactMobile: sender.phone,
    contactCellMobile: sender.mobile,
    contactEmail: sender.email,
    province: sender.province,
    city: sender.city,
    district: sender.district,
    doorplate: sender.houseNo,
    address: sender.address1,
    postcode: sender.postcode,
    returnType: options.returnType,
    isSplitAsn: options.isSplitAsn,
    handleAdvice: options.handleAdvice,
    remark: changes.remark,
    warehouseCode: changes.warehouseCode,
  };
  return Object.fromEntries(Object.entries(candidates).filter((e): e is [string, string] => e[1] != null));
}

function attachmentDtos(attachments: OmsAttachmentInput[] | null | undefined) {
  return (attachments ?? []).map((a) => ({ attachmentType: a.attachmentType ?? "", base64: a.base64, fileName: a.fileName }));
}

/** Every field the update request carries, in seed 000's order (code2 is left out: its meaning is unpublished). */
const UPDATE_FIELDS = [
  "referenceNo", "signatureNo", "outboundOrderNo", "trackingNo", "pickupType", "pickupDate", "etaDate", "companyName",
  "contactName", "contactMobile", "contactCellMobile", "contactEmail", "province", "city", "district", "doorplate",
  "address", "postcode", "returnType", "isSplitAsn", "handleAdvice", "remark", "warehouseCode",
] as const;

const ITEM_CODES = ["productQuality", "handleType"] as const;

/**
 * The body of POST /open/return-order-data/update: the order as the OMS last reported it with the
 * command's changes applied. Whole, because the documentation does not say whether a field left
 * out keeps its value or is cleared.
 */
export function toUpdateRequest(current: OmsWireOrder, command: UpdateReturnOrderCommand): Record<string, unknown> {
  const changes = changedFields(command);
  const body: Record<string, unknown> = { orderNo: current.orderNo };
  for (const field of UPDATE_FIELDS) body[field] = changes[field] ?? code(current[field]) ?? "";
  const existing = new Map((current.itemDTOs ?? []).map((item) => [item.productSku ?? "", item]));
  const items = command.lines
    ? command.lines.map((line) => ({ old: existing.get(line.sku), sku: line.sku, qty: line.quantity, remark: line.remark }))
    : (current.itemDTOs ?? []).map((old) => ({ old, sku: old.productSku ?? "", qty: quantity(old.qty) ?? 0, remark: undefined }));
  body["itemDTOs"] = items.map(({ old, sku, qty, remark }) => {
    const item: Record<string, unknown> = {};
    if (old?.returnOrderId != null) item["returnOrderId"] = old.returnOrderId;
    if (old?.productId != null) item["productId"] = old.productId;
    item["productSku"] = sku;
    item["qty"] = String(qty);
    if (old?.receiveQty != null) item["receiveQty"] = String(old.receiveQty);
    for (const key of ITEM_CODES) if (old?.[key] != null) item[key] = String(old[key]);
    item["remark"] = remark ?? old?.remark ?? "";
    return item;
  });
  body["attachmentOpenDTOs"] = attachmentDtos(((command.options ?? {}) as OmsReturnOptions).attachments);
  return body;
}

/** The body of the (inferred) create call: the update's shape without orderNo. */
export function toCreateRequest(command: CreateReturnOrderCommand, referenceNo: string | null): Record<string, unknown> {
  const changes = changedFields({ ...command, referenceNo });
  const body: Record<string, unknown> = {};
  for (const field of UPDATE_FIELDS) if (changes[field] != null) body[field] = changes[field];
  body["itemDTOs"] = command.lines.map((line) => ({ productSku: line.sku, qty: String(line.quantity), remark: line.remark ?? "" }));
  body["attachmentOpenDTOs"] = attachmentDtos(((command.options ?? {}) as OmsReturnOptions).attachments);
  return body;
}

/** The single-value filters the list request carries (names inferred from the order's own fields). */
export interface OmsListFilter {
  orderNo?: string;
  referenceNo?: string;
  trackingNo?: string;
  outboundOrderNo?: string;
  warehouseCode?: string;
  createTimeStart?: string;
  createTimeEnd?: string;
}

export function toListFilter(filter: ReturnOrderFilter): OmsListFilter {
  const pushed: OmsListFilter = {};
  if (filter.warehouseCode) pushed.warehouseCode = filter.warehouseCode;
  if (filter.createdFrom) pushed.createTimeStart = omsDateTime(filter.createdFrom);
  if (filter.createdTo) pushed.createTimeEnd = omsDateTime(filter.createdTo);
  return pushed;
}

/** The body of the list call: the API's `commonParam.pageParam` paging plus filters. */
export function toListRequest(filter: OmsListFilter, pageNum: number, pageSize: number): Record<string, unknown> {
  return { commonParam: { pageParam: { pageNum, pageSize } }, ...filter };
}
