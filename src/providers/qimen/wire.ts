import { z } from "zod";
import { coercion, wireCode, wireListOf, wireQuantity, wireText } from "../kit/wire.js";

/*
 * Qimen's documents as this client reads them (answers, the create as sent, confirm pushes), after
 * fast-xml-parser: every value is text, list elements are arrays. Element names follow
 * docs/providers/qimen.md. What must hold fails the document; one odd field is read as absent.
 */

/** A nested element that arrives as text (or not at all) is absent: the fields it holds are unknown. */
function element<T extends z.ZodType>(schema: T) {
  return schema
    .nullable()
    .optional()
    .catch(null)
    .transform((v): z.output<T> | null => v ?? null);
}

/** A whole quantity written as digits only: a confirm's count of goods must not be guessed from "1.5". */
export const wireWholeQuantity = coercion((v): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
});

/**
 * An `extendProps` map: each child element is one entry (yellbuy writes `<extendProps><key1>…</key1></extendProps>`);
 * an entry that is not text, or empty, is left out.
 */
export const wireExtendProps = z
  .unknown()
  .optional()
  .transform((v): { key: string; value: string }[] =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.entries(v as Record<string, unknown>).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).flatMap((one) => (typeof one === "string" && one !== "" ? [{ key, value: one }] : [])),
        )
      : [],
  );

export const wireSender = z.object({
  company: wireText,
  name: wireText,
  zipCode: wireText,
  tel: wireText,
  mobile: wireText,
  email: wireText,
  countryCode: wireText,
  province: wireText,
  city: wireText,
  area: wireText,
  town: wireText,
  detailAddress: wireText,
  extendProps: wireExtendProps,
});

const serialNumbers = element(z.object({ sn: wireListOf(z.string().min(1)) })).transform((v) => v?.sn ?? []);

/** One `orderLine` of a create, a query answer or a confirm. */
export const wireLine = z.object({
  orderLineNo: wireText,
  sourceOrderCode: wireText,
  subSourceOrderCode: wireText,
  ownerCode: wireText,
  itemCode: wireText,
  itemId: wireText,
  inventoryType: wireText,
  planQty: wireQuantity,
  actualQty: wireQuantity,
  batchCode: wireText,
  productDate: wireText,
  expireDate: wireText,
  produceCode: wireText,
  snList: serialNumbers,
  orderFlag: wireText,
  returnReason: wireText,
  extendProps: wireExtendProps,
  remark: wireText,
});

/** `returnOrder` of a create, a query answer or a confirm. */
export const wireReturnOrder = z.object({
  returnOrderCode: wireText,
  returnOrderId: wireText,
  warehouseCode: wireText,
  orderType: wireText,
  orderFlag: wireText,
  preDeliveryOrderCode: wireText,
  preDeliveryOrderId: wireText,
  logisticsCode: wireText,
  logisticsName: wireText,
  expressCode: wireText,
  returnReason: wireText,
  buyerNick: wireText,
  senderInfo: element(wireSender),
  remark: wireText,
  sourcePlatformCode: wireText,
  sourcePlatformName: wireText,
  shopNick: wireText,
  sellerNick: wireText,
  outBizCode: wireText,
  orderConfirmTime: wireText,
  /**
   * The return schemas have no status field; a WMS that sends one writes the shared SDK class's
   * `returnOrderStatus` or the entry-order sibling's `status`.
   */
  returnOrderStatus: wireCode,
  status: wireCode,
  confirmType: wireCode,
  extendProps: wireExtendProps,
});

const lineList = element(z.object({ orderLine: wireListOf(wireLine) })).transform((v) => v?.orderLine ?? []);

/** An order as a document: the create as sent, or a query answer's order and lines. */
export const wireOrderDocument = z.object({ returnOrder: wireReturnOrder, orderLines: lineList, extendProps: wireExtendProps });

export type WireSender = z.output<typeof wireSender>;
export type WireLine = z.output<typeof wireLine>;
export type WireReturnOrder = z.output<typeof wireReturnOrder>;
export type WireOrderDocument = z.output<typeof wireOrderDocument>;

/** `returnorder.create`'s answer: the warehouse's own id. */
export const wireCreateAnswer = z.object({ returnOrderId: wireText });

/** `returnorder.query`'s answer: an order with its code must be there; lines come a page at a time. */
export const wireQueryAnswer = z.object({
  returnOrder: wireReturnOrder.refine((order) => order.returnOrderCode != null, { message: "returnOrderCode is required", path: ["returnOrderCode"] }),
  orderLines: lineList,
  extendProps: wireExtendProps,
  /** Only the entry and delivery-order siblings document it: read when a WMS sends it. */
  totalLines: wireQuantity,
});

/** One `batch` of a confirmed line: goods of one grade and batch. */
export const wireConfirmBatch = z.object({
  batchCode: wireText,
  inventoryType: wireText,
  actualQty: wireWholeQuantity,
});

/** A confirmed line: its count must be a whole number, its `batchs` grade parts of it. */
export const wireConfirmLine = wireLine.extend({
  actualQty: wireWholeQuantity,
  batchs: element(z.object({ batch: z.array(z.unknown()).catch([]) })).transform((v) => v?.batch ?? []),
});

/** `taobao.qimen.returnorder.confirm`'s request. Each line is checked on its own: a confirm never loses one silently. */
export const wireConfirmRequest = z.object({
  returnOrder: wireReturnOrder,
  orderLines: element(z.object({ orderLine: z.array(z.unknown()).catch([]) })).transform((v) => v?.orderLine ?? []),
});

/** Qimen's gateway refusal: `<error_response>`. */
const wireGatewayError = z.object({ code: wireText, msg: wireText, sub_code: wireText, sub_msg: wireText });

/** Every answer: `<response>` with its flag (the method's own fields kept for its schema), or the gateway's `<error_response>`. */
export const wireEnvelope = z.object({
  error_response: element(wireGatewayError),
  response: element(z.looseObject({ flag: wireText, code: wireText, message: wireText })),
});
