import type { CoverageRow, DocumentedField, ProviderCoverage, SeedOperation } from "./coverage.js";
import { documentedByTables } from "./seed-tables.js";

// Qianyi ERP's fields (seed 001: create, close, query, push), each with its GraphQL path(s).

const SEED = "001_a0ffdba30d20ed33.txt";

/** Sections 1.1 … 1.4 of seed 001, in order. */
const SECTIONS: SeedOperation[] = ["create", "cancel", "query", "push"];

/** "1.1.2. 请求参数" opens a request table, "1.1.3. 返回参数" an answer table, "1.4.2. 推送消息内容" the push's content. */
function rootTitle(line: string): string | null {
  if (/^1\.\d\.\d\. (请求参数|推送消息内容)$/.test(line)) return "request";
  if (/^1\.\d\.\d\. 返回参数$/.test(line)) return "answer";
  return null;
}

const ORDER = "ReturnOrder";
const DETAILS = `${ORDER}.details.QianyiReturnDetails`;
const SKUS = `${DETAILS}.skus`;
const FIELDS = `${DETAILS}.customFields`;
const CREATE = "ReturnOrderCreateInput";
const OWN = `${CREATE}.qianyi`;
const FILTER = "ReturnOrderFilter";

/** ReturnOrder as Qianyi answers it (the query's `result`, and the create's, which seed 001 types the same). */
const ORDER_READS: Record<string, string[]> = {
  returnNumber: [`${ORDER}.providerOrderNo`],
  createTime: [`${ORDER}.createdAt`],
  updateTime: [`${ORDER}.updatedAt`],
  commitTime: [`${DETAILS}.commitTime`],
  finishTime: [`${ORDER}.completedAt`],
  orderNumber: [`${ORDER}.referenceNo`, `${ORDER}.outboundOrderNo`],
  onlineOrderNumber: [`${DETAILS}.onlineOrderNumber`],
  buyerId: [`${DETAILS}.buyerId`],
  warehouse: [`${ORDER}.warehouseCode`],
  status: [`${ORDER}.providerStatus`, `${ORDER}.status`],
  "returnSkuList.sku": [`${ORDER}.lines.sku`, `${SKUS}.sku`],
  "returnSkuList.orderSkuId": [`${SKUS}.orderSkuId`],
  "returnSkuList.quantity": [`${ORDER}.lines.quantity`, `${SKUS}.quantity`],
  "returnSkuList.itemRefundAmount": [`${SKUS}.itemRefundAmount`],
  "returnSkuList.selected": [`${SKUS}.selected`],
  "returnSkuList.storageLocationCode": [`${SKUS}.storageLocationCode`],
  "returnSkuList.refundAmount": [`${SKUS}.refundAmount`],
  "returnSkuList.goodQuantity": [`${ORDER}.lines.goodQuantity`, `${SKUS}.goodQuantity`],
  "returnSkuList.badQuantity": [`${ORDER}.lines.defectiveQuantity`, `${SKUS}.badQuantity`],
  "returnSkuList.locAndQuantityList.storageLocationCode": [`${SKUS}.locations.storageLocationCode`],
  "returnSkuList.locAndQuantityList.receiveQuantity": [`${SKUS}.locations.receiveQuantity`, `${ORDER}.lines.receivedQuantity`],
  carrier: [`${ORDER}.carrier`],
  customNumber: [`${ORDER}.trackingNumber`],
  reason: [`${ORDER}.reason`],
  shop: [`${DETAILS}.shop`],
  currency: [`${DETAILS}.currency`],
  orderRefundAmount: [`${DETAILS}.orderRefundAmount`],
  asnNumber: [`${DETAILS}.asnNumber`],
  asnId: [`${DETAILS}.asnId`],
  type: [`${DETAILS}.type`],
  "refundCustomFieldValueVOList.tableName": [`${FIELDS}.tableName`],
  "refundCustomFieldValueVOList.columType": [`${FIELDS}.type`],
  "refundCustomFieldValueVOList.columName": [`${FIELDS}.name`],
  "refundCustomFieldValueVOList.defaultValue": [`${FIELDS}.defaultValue`],
  "refundCustomFieldValueVOList.candidateValue": [`${FIELDS}.candidateValues`],
  "refundCustomFieldValueVOList.remark": [`${FIELDS}.remark`],
  "refundCustomFieldValueVOList.required": [`${FIELDS}.required`],
  "refundCustomFieldValueVOList.isQuery": [`${FIELDS}.isQuery`],
  "refundCustomFieldValueVOList.isShow": [`${FIELDS}.isShow`],
  totalAmount: [`${DETAILS}.totalAmount`],
};

/** The envelope of every answer. */
const ENVELOPE: Record<string, CoverageRowBody> = {
  errorCode: { graphql: ["ProviderRejected.providerCode"] },
  errorMsg: { graphql: ["ProviderRejected.providerMessage"] },
  state: { notCarried: "the call's outcome, not order data: success answers the order, anything else is ProviderRejected" },
};

type CoverageRowBody = { graphql: string[] } | { notCarried: string };

const CREATE_REQUEST: Record<string, string[]> = {
  orderNumber: [`${CREATE}.referenceNo`, `${CREATE}.outboundOrderNo`, `${ORDER}.referenceNo`],
  warehouse: [`${CREATE}.warehouseCode`, `${ORDER}.warehouseCode`],
  shop: [`${OWN}.shop`, `${DETAILS}.shop`],
  // The query answer has no expectArriveTime (seed 001): it is sent, and shown by what the subgraph kept of the create.
  expectArriveTime: [`${OWN}.expectArriveDate`],
  reason: [`${CREATE}.reason`, `${ORDER}.reason`],
  remark: [`${CREATE}.remark`, `${ORDER}.remark`],
  carrier: [`${CREATE}.carrier`, `${ORDER}.carrier`],
  customNumber: [`${CREATE}.trackingNumber`, `${ORDER}.trackingNumber`],
  autoCommit: [`${OWN}.autoCommit`, `${ORDER}.providerStatus`, `${DETAILS}.commitTime`],
  "returnSkuList.orderSkuId": [`${OWN}.lines.orderSkuId`, `${SKUS}.orderSkuId`],
  "returnSkuList.sku": [`${CREATE}.lines.sku`, `${ORDER}.lines.sku`],
  "returnSkuList.quantity": [`${CREATE}.lines.quantity`, `${ORDER}.lines.quantity`],
  "returnSkuList.storageLocationCode": [`${OWN}.lines.storageLocationCode`, `${SKUS}.storageLocationCode`],
  "returnSkuList.remark": [`${CREATE}.lines.remark`, `${ORDER}.lines.remark`],
  "refundCustomFieldValueVOList.customFieldId": [`${OWN}.customFields.customFieldId`, `${FIELDS}.id`],
  "refundCustomFieldValueVOList.value": [`${OWN}.customFields.value`, `${FIELDS}.value`],
};

const QUERY_REQUEST: Record<string, CoverageRowBody> = {
  returnNumber: { graphql: [`${FILTER}.search`, `${ORDER}.id`] },
  warehouse: { graphql: [`${FILTER}.warehouseCode`] },
  status: { graphql: [`${FILTER}.statuses`] },
  fromCreateTime: { graphql: [`${FILTER}.createdFrom`] },
  toCreateTime: { graphql: [`${FILTER}.createdTo`] },
  // Sent as the China days holding the bounds; the exact instants are matched after the fetch.
  updateTimeFrom: { graphql: [`${FILTER}.updatedFrom`] },
  updateTimeTo: { graphql: [`${FILTER}.updatedTo`] },
  finishTimeFrom: { graphql: [`${FILTER}.qianyi.finishedFrom`] },
  finishTimeTo: { graphql: [`${FILTER}.qianyi.finishedTo`] },
  shopIdList: { graphql: [`${FILTER}.qianyi.shopIds`] },
  shopGroupIdList: { graphql: [`${FILTER}.qianyi.shopGroupIds`] },
  page: { notCarried: "paging is the subgraph's: returnOrders reads Qianyi's pages behind its own cursors (first / after)" },
  pageSize: { notCarried: "paging is the subgraph's: pages of at most 200 are read behind returnOrders' first / after" },
  withoutType: {
    notCarried: "decided by the adapter: true when one returnNumber is asked for (every document type), else Qianyi's default; details.type tells them apart",
  },
  withCommitTime: { notCarried: "always sent true, so that details.commitTime is filled" },
};

const PUSH: Record<string, string[]> = {
  returnNumber: [`${ORDER}.providerOrderNo`],
  orderNumber: [`${ORDER}.referenceNo`],
  onlineOrderNumber: [`${DETAILS}.onlineOrderNumber`],
  status: [`${ORDER}.providerStatus`, "ReturnOrderEvent.providerStatus"],
  "returnSkuList.sku": [`${ORDER}.lines.sku`],
  "returnSkuList.orderSkuId": [`${SKUS}.orderSkuId`],
  "returnSkuList.quantity": [`${ORDER}.lines.quantity`],
};

const row = (operation: SeedOperation, field: string, body: CoverageRowBody): CoverageRow => ({ operation, field, ...body }) as CoverageRow;
const rowsOf = (operation: SeedOperation, prefix: string, table: Record<string, string[] | CoverageRowBody>): CoverageRow[] =>
  Object.entries(table).map(([field, body]) => row(operation, `${prefix}${field}`, Array.isArray(body) ? { graphql: body } : body));

export const qianyiCoverage: ProviderCoverage = {
  seeds: [SEED],
  documented(seedTexts: Record<string, string>): DocumentedField[] {
    return documentedByTables(seedTexts[SEED]!, /^1\.\d\. /, SECTIONS, rootTitle);
  },
  rows: [
    ...rowsOf("create", "", CREATE_REQUEST),
    ...rowsOf("create", "answer.", ENVELOPE),
    ...rowsOf("create", "answer.result.", ORDER_READS),
    row("cancel", "returnNumber", { graphql: [`${ORDER}.id`, `${ORDER}.providerOrderNo`] }),
    ...rowsOf("cancel", "answer.", ENVELOPE),
    ...rowsOf("query", "", QUERY_REQUEST),
    ...rowsOf("query", "answer.", ENVELOPE),
    row("query", "answer.total", { graphql: ["ReturnOrderConnection.totalCount"] }),
    ...rowsOf("query", "answer.result.", ORDER_READS),
    ...rowsOf("push", "", PUSH),
  ],
};
