import type { CreateReturnOrderCommand, ReturnOrderFilter, UpdateReturnOrderCommand } from "../../returns/model.js";
import type { OmsAttachmentInput, OmsLineOptions, OmsReturnOptions } from "./graphql.js";
import { itemsOf } from "./mapper.js";
import { omsDateTime } from "./time.js";
import type { OmsItem, OmsOrder } from "./wire.js";

// The bodies the adapter sends. Seed 000 documents the update request; the list and cancel bodies
// follow the sibling modules of the same API (`OutboundB2cQueryRequest`, `OverseasOutboundCancelRequest`).

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
    // The sibling creates' 国家二字码 beside the same contact fields: the sender's country code.
    code2: sender.country?.toUpperCase(),
  };
  return Object.fromEntries(Object.entries(candidates).filter((e): e is [string, string] => e[1] != null));
}

function attachmentDtos(attachments: OmsAttachmentInput[] | null | undefined) {
  return (attachments ?? []).map((a) => ({ attachmentType: a.attachmentType ?? "", base64: a.base64, fileName: a.fileName }));
}

/** Every field the update request carries, in seed 000's order. */
const UPDATE_FIELDS = [
  "referenceNo",
  "signatureNo",
  "outboundOrderNo",
  "trackingNo",
  "pickupType",
  "pickupDate",
  "etaDate",
  "companyName",
  "contactName",
  "contactMobile",
  "contactCellMobile",
  "contactEmail",
  "province",
  "city",
  "district",
  "doorplate",
  "address",
  "postcode",
  "returnType",
  "isSplitAsn",
  "handleAdvice",
  "remark",
  "warehouseCode",
  "code2",
] as const;

const ITEM_CODES = ["productQuality", "handleType"] as const;

/** The caller's per-item codes by sku; a code given wins over the one the OMS holds. */
function itemCodesOf(options: OmsReturnOptions): Map<string, OmsLineOptions> {
  return new Map((options.lines ?? []).map((l) => [l.sku, l]));
}

function withCodes(item: Record<string, unknown>, given: OmsLineOptions | undefined, held?: OmsItem): Record<string, unknown> {
  for (const key of ITEM_CODES) {
    const code = given?.[key] ?? held?.[key];
    if (code != null) item[key] = code;
  }
  return item;
}

/**
 * The body of POST /open/return-order-data/update: the order as the OMS last reported it with the
 * command's changes applied. Whole, because the documentation does not say whether a field left
 * out keeps its value or is cleared.
 */
export function toUpdateRequest(current: OmsOrder, command: UpdateReturnOrderCommand): Record<string, unknown> {
  const changes = changedFields(command);
  const body: Record<string, unknown> = { orderNo: current.orderNo };
  for (const field of UPDATE_FIELDS) body[field] = changes[field] ?? (field === "code2" ? (current.code2 ?? current.openCountry) : current[field]) ?? "";
  const codes = itemCodesOf((command.options ?? {}) as OmsReturnOptions);
  const currentItems = itemsOf(current);
  const existing = new Map(currentItems.map((item) => [item.productSku ?? "", item]));
  const items = command.lines
    ? command.lines.map((line) => ({ old: existing.get(line.sku), sku: line.sku, qty: line.quantity, remark: line.remark }))
    : currentItems.map((old) => ({ old, sku: old.productSku ?? "", qty: old.qty ?? 0, remark: undefined }));
  body["itemDTOs"] = items.map(({ old, sku, qty, remark }) => {
    const item: Record<string, unknown> = {};
    if (old?.returnOrderId != null) item["returnOrderId"] = old.returnOrderId;
    if (old?.productId != null) item["productId"] = old.productId;
    item["productSku"] = sku;
    item["qty"] = String(qty);
    if (old?.receiveQty != null) item["receiveQty"] = String(old.receiveQty);
    withCodes(item, codes.get(sku), old);
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
  const codes = itemCodesOf((command.options ?? {}) as OmsReturnOptions);
  body["itemDTOs"] = command.lines.map((line) => {
    const item = withCodes({ productSku: line.sku, qty: String(line.quantity) }, codes.get(line.sku));
    return { ...item, remark: line.remark ?? "" };
  });
  body["attachmentOpenDTOs"] = attachmentDtos(((command.options ?? {}) as OmsReturnOptions).attachments);
  return body;
}

/** The body of the cancel call: a batch of order numbers, as every sibling cancel takes. */
export function toCancelRequest(orderNo: string, reason: string | null): Record<string, unknown> {
  return { orderNos: [orderNo], cancelRemark: reason ?? "" };
}

/**
 * The list request's filters, as the sibling lists name them. There is no tracking-number or
 * outbound-number filter. The update window (`startUpdateTime`/`endUpdateTime`) excludes the
 * creation window (the sibling DTOs' comments: 与修改时间互斥), so only one of them is sent.
 */
export interface OmsListFilter {
  orderNo?: string;
  referenceNo?: string;
  orderNos?: string[];
  referenceNos?: string[];
  warehouseCode?: string;
  startCreateTime?: string;
  endCreateTime?: string;
  startUpdateTime?: string;
  endUpdateTime?: string;
}

/**
 * What the OMS filters itself. With a change window that window goes upstream (it is the narrower
 * one for a sync, and a change window cannot be matched without reading every order), and the
 * creation window, which may not travel with it, is matched after the fetch.
 */
export function toListFilter(filter: ReturnOrderFilter): OmsListFilter {
  const pushed: OmsListFilter = {};
  if (filter.warehouseCode) pushed.warehouseCode = filter.warehouseCode;
  if (filter.updatedFrom || filter.updatedTo) {
    if (filter.updatedFrom) pushed.startUpdateTime = omsDateTime(filter.updatedFrom);
    if (filter.updatedTo) pushed.endUpdateTime = omsDateTime(filter.updatedTo);
    return pushed;
  }
  if (filter.createdFrom) pushed.startCreateTime = omsDateTime(filter.createdFrom);
  if (filter.createdTo) pushed.endCreateTime = omsDateTime(filter.createdTo);
  return pushed;
}

/** The body of the list call: the API's `commonParam.pageParam` paging plus filters. */
export function toListRequest(filter: OmsListFilter, pageNum: number, pageSize: number): Record<string, unknown> {
  return { commonParam: { pageParam: { pageNum, pageSize } }, ...filter };
}
