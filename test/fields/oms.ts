import type { CoverageRow, DocumentedField, ProviderCoverage } from "./coverage.js";
import { jsonAfter, pathsOf } from "./seed-tables.js";

// The 众包 OMS's fields: seed 000 documents the update, its request body and its answer, by their
// literal examples. Create takes the same body (inferred), so each settable field names both inputs.

const SEED = "000_bd83f288224ccc7c.txt";

const ORDER = "ReturnOrder";
const DETAILS = `${ORDER}.details.OmsReturnDetails`;
const SENDER = `${ORDER}.sender`;
const ITEMS = `${DETAILS}.items`;

/** Both inputs that set a field: `path` below ReturnOrderCreateInput and ReturnOrderUpdateInput. */
const both = (path: string) => [`ReturnOrderCreateInput.${path}`, `ReturnOrderUpdateInput.${path}`];

/** Each order field of the update body (`request`), its answer (`answer`) or both: the inputs that set it and where it is read. */
const ORDER_FIELDS: Record<string, { in: "request" | "answer" | "both"; set: string[]; read: string[] }> = {
  orderNo: { in: "both", set: [], read: [`${ORDER}.providerOrderNo`, "OmsReceipt.orderNo"] },
  referenceNo: { in: "both", set: both("referenceNo"), read: [`${ORDER}.referenceNo`] },
  signatureNo: { in: "both", set: both("oms.signatureNo"), read: [`${DETAILS}.signatureNo`] },
  outboundOrderNo: { in: "both", set: both("outboundOrderNo"), read: [`${ORDER}.outboundOrderNo`] },
  trackingNo: { in: "both", set: both("trackingNumber"), read: [`${ORDER}.trackingNumber`] },
  pickupType: { in: "both", set: both("oms.pickupType"), read: [`${DETAILS}.pickupType`] },
  pickupDate: { in: "both", set: both("oms.pickupDate"), read: [`${DETAILS}.pickupDate`] },
  etaDate: { in: "both", set: both("oms.etaDate"), read: [`${DETAILS}.etaDate`] },
  companyName: { in: "both", set: both("sender.company"), read: [`${SENDER}.company`] },
  contactName: { in: "both", set: both("sender.name"), read: [`${SENDER}.name`] },
  contactMobile: { in: "both", set: both("sender.phone"), read: [`${SENDER}.phone`] },
  contactCellMobile: { in: "both", set: both("sender.mobile"), read: [`${SENDER}.mobile`] },
  contactEmail: { in: "both", set: both("sender.email"), read: [`${SENDER}.email`] },
  province: { in: "both", set: both("sender.province"), read: [`${SENDER}.province`] },
  city: { in: "both", set: both("sender.city"), read: [`${SENDER}.city`] },
  district: { in: "both", set: both("sender.district"), read: [`${SENDER}.district`] },
  doorplate: { in: "both", set: both("sender.houseNo"), read: [`${SENDER}.houseNo`] },
  address: { in: "both", set: both("sender.address1"), read: [`${SENDER}.address1`] },
  postcode: { in: "both", set: both("sender.postcode"), read: [`${SENDER}.postcode`] },
  returnType: { in: "both", set: both("oms.returnType"), read: [`${DETAILS}.returnType`] },
  isSplitAsn: { in: "both", set: both("oms.isSplitAsn"), read: [`${DETAILS}.isSplitAsn`] },
  handleAdvice: { in: "both", set: both("oms.handleAdvice"), read: [`${DETAILS}.handleAdvice`] },
  remark: { in: "both", set: both("remark"), read: [`${ORDER}.remark`] },
  warehouseCode: { in: "request", set: both("warehouseCode"), read: [`${ORDER}.warehouseCode`] },
  // 国家二字码 in the sibling creates, beside the same contact fields (inferred).
  code2: { in: "request", set: both("sender.country"), read: [`${SENDER}.country`] },
  "itemDTOs.returnOrderId": { in: "request", set: [], read: [`${ITEMS}.itemId`] },
  "itemDTOs.productId": { in: "request", set: [], read: [`${ITEMS}.productId`] },
  "itemDTOs.productSku": { in: "request", set: both("lines.sku"), read: [`${ORDER}.lines.sku`, `${ITEMS}.sku`] },
  "itemDTOs.qty": { in: "request", set: both("lines.quantity"), read: [`${ORDER}.lines.quantity`, `${ITEMS}.quantity`] },
  "itemDTOs.receiveQty": { in: "request", set: [], read: [`${ORDER}.lines.receivedQuantity`, `${ITEMS}.receivedQuantity`] },
  "itemDTOs.productQuality": { in: "request", set: both("oms.lines.productQuality"), read: [`${ITEMS}.productQuality`] },
  "itemDTOs.handleType": { in: "request", set: both("oms.lines.handleType"), read: [`${ITEMS}.handleType`] },
  "itemDTOs.remark": { in: "request", set: both("lines.remark"), read: [`${ORDER}.lines.remark`, `${ITEMS}.remark`] },
  "attachmentOpenDTOs.attachmentType": { in: "request", set: both("oms.attachments.attachmentType"), read: [`${DETAILS}.attachments.attachmentType`] },
  // The content goes out; it is not served back (names and types are).
  "attachmentOpenDTOs.base64": { in: "request", set: both("oms.attachments.base64"), read: [] },
  "attachmentOpenDTOs.fileName": { in: "request", set: both("oms.attachments.fileName"), read: [`${DETAILS}.attachments.fileName`] },
  qty: { in: "answer", set: [], read: [`${ORDER}.totalQuantity`] },
  receiveQty: { in: "answer", set: [], read: [`${ORDER}.receivedQuantity`] },
  goodQty: { in: "answer", set: [], read: [`${DETAILS}.goodQuantity`] },
  badQty: { in: "answer", set: [], read: [`${DETAILS}.badQuantity`] },
  putawayQty: { in: "answer", set: [], read: [`${DETAILS}.putawayQuantity`] },
  putawayBadQty: { in: "answer", set: [], read: [`${DETAILS}.putawayBadQuantity`] },
  destroyQty: { in: "answer", set: [], read: [`${DETAILS}.destroyQuantity`] },
  status: { in: "answer", set: [], read: [`${ORDER}.providerStatus`, `${ORDER}.status`] },
  cancelType: { in: "answer", set: [], read: [`${DETAILS}.cancelType`] },
  // Given on cancel (returnOrderCancel's reason), read back here.
  cancelRemark: { in: "answer", set: [], read: [`${DETAILS}.cancelRemark`] },
  errorReason: { in: "answer", set: [], read: [`${DETAILS}.errorReason`] },
};

const ENVELOPE: Record<string, { graphql: string[] } | { notCarried: string }> = {
  code: { graphql: ["ProviderRejected.providerCode"] },
  success: { notCarried: "the call's outcome, not order data: true answers the order, false is ProviderRejected" },
  message: { graphql: ["ProviderRejected.providerMessage"] },
  errors: { graphql: ["ProviderRejected.providerMessage"] },
  timestamp: { notCarried: "the OMS's own bookkeeping of the call (when it answered), not order data" },
  duration: { notCarried: "the OMS's own bookkeeping of the call (how long it took), not order data" },
  requestId: { notCarried: "the OMS's own id of the call, not order data" },
};

const rows: CoverageRow[] = [
  ...Object.entries(ORDER_FIELDS).flatMap(([field, { in: where, set, read }]): CoverageRow[] => [
    ...(where !== "answer" ? [{ operation: "update" as const, field, graphql: [...set, ...read] }] : []),
    ...(where !== "request" ? [{ operation: "update" as const, field: `answer.data.${field}`, graphql: read }] : []),
  ]),
  ...Object.entries(ENVELOPE).map(([field, body]) => ({ operation: "update", field: `answer.${field}`, ...body }) as CoverageRow),
];

export const omsCoverage: ProviderCoverage = {
  seeds: [SEED],
  documented(seedTexts: Record<string, string>): DocumentedField[] {
    const text = seedTexts[SEED]!;
    const request = jsonAfter(text, "Body 参数application/json");
    const answer = jsonAfter(text, "返回响应", request.end);
    return [...pathsOf(request.value), ...pathsOf(answer.value).map((p) => `answer.${p}`)].map((field) => ({ operation: "update", field }));
  },
  rows,
};
