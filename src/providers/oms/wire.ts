import { z } from "zod";
import { coercion, wireCode, wireListOf, wireOptionalListOf, wireQuantity, wireText } from "../kit/wire.js";
import { parseOmsTime } from "./time.js";

/*
 * The OMS's answers as schemas. Seed 000 documents the update answer; a list item is assumed to
 * carry the same fields plus the warehouse, times and items. The sibling modules of the same API
 * nest items as `openItems` and the warehouse as `openWarehouse`, so both spellings are read.
 * Phone numbers, postcodes and door numbers are codes: an OMS may send them as numbers.
 */

/** An id the OMS assigned (a number in seed 000), sent back exactly as it came. */
const wireId = coercion((v): number | string | null => ((typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length > 0) ? v : null));

const wireOmsTime = coercion(parseOmsTime);

/** The sibling modules' `openWarehouse: { warehouseCode }`, read as the code alone. */
const nestedWarehouse = coercion((v) => (v && typeof v === "object" ? wireText.parse((v as { warehouseCode?: unknown }).warehouseCode) : null));

/** The country objects of the sibling answers (`openCountry: { code2 }`), read as the two-letter code alone. */
const nestedCountry = coercion((v) => (v && typeof v === "object" ? wireText.parse((v as { code2?: unknown }).code2) : null));

/** An attached file as the sibling answers describe it (`openAttachments`); its base64 content is not kept. */
export const omsAttachmentSchema = z.object({
  fileName: wireText,
  attachmentType: wireText,
  fileType: wireText,
});

/** Attachments are read when present in either spelling; an entry that is not an object is left out. */
const omsAttachments = wireListOf(omsAttachmentSchema);
const attachmentList = coercion((v) => (Array.isArray(v) ? omsAttachments.parse(v) : null));

export const omsItemSchema = z.object({
  returnOrderId: wireId,
  productId: wireId,
  productSku: wireText,
  productName: wireText,
  qty: wireQuantity,
  receiveQty: wireQuantity,
  productQuality: wireCode,
  handleType: wireCode,
  remark: wireText,
});

/** Items are a list when present (a list of another shape is the OMS's fault); an item that is not an object is left out. */
const itemList = wireOptionalListOf(omsItemSchema);

export const omsOrderSchema = z.object({
  orderNo: z.string().min(1),
  referenceNo: wireText,
  signatureNo: wireText,
  outboundOrderNo: wireText,
  trackingNo: wireText,
  pickupType: wireCode,
  pickupDate: wireText,
  etaDate: wireText,
  companyName: wireText,
  contactName: wireText,
  contactMobile: wireCode,
  contactCellMobile: wireCode,
  contactEmail: wireText,
  province: wireText,
  city: wireText,
  district: wireText,
  doorplate: wireCode,
  address: wireText,
  postcode: wireCode,
  qty: wireQuantity,
  receiveQty: wireQuantity,
  goodQty: wireQuantity,
  badQty: wireQuantity,
  putawayQty: wireQuantity,
  putawayBadQty: wireQuantity,
  destroyQty: wireQuantity,
  returnType: wireCode,
  status: wireCode,
  isSplitAsn: wireCode,
  handleAdvice: wireText,
  remark: wireText,
  cancelType: wireCode,
  cancelRemark: wireText,
  errorReason: wireText,
  warehouseCode: wireText,
  openWarehouse: nestedWarehouse,
  code2: wireText,
  openCountry: nestedCountry,
  openAttachments: attachmentList,
  attachmentOpenDTOs: attachmentList,
  createTime: wireOmsTime,
  updateTime: wireOmsTime,
  itemDTOs: itemList,
  openItems: itemList,
});

export type OmsOrder = z.output<typeof omsOrderSchema>;
export type OmsItem = z.output<typeof omsItemSchema>;
export type OmsAttachmentWire = z.output<typeof omsAttachmentSchema>;

/** A `data` that is null or not an object carries nothing: read as an empty object. */
const objectOrEmpty = z.unknown().transform((v): unknown => (v && typeof v === "object" ? v : {}));

/** One warehouse of `/open/common-data/warehouse-list` (the Java client's `WarehouseResponse.Warehouse`). */
export const omsWarehouseSchema = z.object({
  warehouseCode: z.string().min(1),
  province: wireText,
  city: wireText,
  openCountry: coercion((v) => {
    const country = v && typeof v === "object" ? (v as Record<string, unknown>) : {};
    return { name: wireText.parse(country["name"]), nameEn: wireText.parse(country["nameEn"]), code2: wireText.parse(country["code2"]) };
  }),
});

export type OmsWarehouseWire = z.output<typeof omsWarehouseSchema>;

const hasWarehouseCode = (v: unknown) => !!v && typeof v === "object" && typeof (v as { warehouseCode?: unknown }).warehouseCode === "string";

/** The warehouse list's page (`PageResponse`): the list must be a list; an entry without a code is not a warehouse. */
export const omsWarehousePageSchema = objectOrEmpty.pipe(
  z.object({
    totalPage: wireQuantity,
    list: z
      .array(z.unknown())
      .nullish()
      .transform((v) => (v ?? []).filter(hasWarehouseCode))
      .pipe(z.array(omsWarehouseSchema)),
  }),
);

const hasOrderNo = (v: unknown) =>
  !!v && typeof v === "object" && typeof (v as { orderNo?: unknown }).orderNo === "string" && (v as { orderNo: string }).orderNo !== "";

/**
 * The list answer (`PageResponse` in the sibling modules: numbers as text). The list must be a
 * list; an entry without an order number is not an order and is left out, while an order whose
 * items are not a list fails the answer rather than lose its lines.
 */
export const omsPageSchema = objectOrEmpty.pipe(
  z.object({
    pageNum: wireQuantity,
    pageSize: wireQuantity,
    totalCount: wireQuantity,
    totalPage: wireQuantity,
    list: z
      .array(z.unknown())
      .nullish()
      .transform((v) => (v ?? []).filter(hasOrderNo))
      .pipe(z.array(omsOrderSchema)),
  }),
);

export type OmsPage = z.output<typeof omsPageSchema>;

/** The update answer (seed 000): the order without its items and warehouse; a field it leaves out stays absent. */
export const omsUpdateAnswerSchema = objectOrEmpty.pipe(omsOrderSchema.partial().extend({ orderNo: wireText }));
export type OmsUpdateAnswer = z.output<typeof omsUpdateAnswerSchema>;

/** The create answer: the new order's number, and its status when the OMS says it. */
export const omsCreateAnswerSchema = objectOrEmpty.pipe(z.object({ orderNo: wireText, status: wireCode }));

const cancelEntry = z.object({ orderNo: wireText, message: wireText });

/** The batch cancel answer of the sibling modules (`OutboundB2cCancelResponse`). */
export const omsCancelAnswerSchema = objectOrEmpty.pipe(
  z.object({
    totalQty: wireQuantity,
    successQty: wireQuantity,
    failQty: wireQuantity,
    successList: wireListOf(cancelEntry),
    failList: wireListOf(cancelEntry),
  }),
);

export type OmsCancelAnswer = z.output<typeof omsCancelAnswerSchema>;

/** The answer around every payload (`BaseResponse`): `success` decides, `code` is "20000" when it holds. */
export const omsEnvelopeSchema = z.object({
  code: wireCode,
  success: z.boolean(),
  data: z.unknown(),
  message: wireText,
  errors: z.unknown(),
});
