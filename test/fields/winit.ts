import type { CoverageRow, DocumentedField, ProviderCoverage, SeedOperation } from "./coverage.js";

// WINIT's field table (issue 17): every field of seed 002 (create) and seed 003 (query), read
// from the seeds' own field tables, and where each one travels in GraphQL.

const CREATE_SEED = "002_f05783ef0cecccb2.txt";
const QUERY_SEED = "003_332733c1f262bd5d.txt";

/**
 * The rows of a seed's field tables, as dotted paths. Seed 002 writes a row as "name Type Y|N|O …"
 * with "–|" per level of nesting; seed 003 writes Markdown rows "| – name | Type | Y|N|O |" with
 * "–" for a nested row, its parent the last row above without one.
 */
function fieldsOf(text: string): string[] {
  const paths: string[] = [];
  const parents: string[] = [];
  for (const line of text.split("\n")) {
    const plain = /^((?:–\|)*)([A-Za-z][A-Za-z0-9_]*) [A-Za-z]+(?:\([\d,]*\))? [YNO]\b/.exec(line);
    const markdown = /^\|\s*(–?)\s*([A-Za-z][A-Za-z0-9_]*)\s*\|[^|]+\|\s*[YNO]\s*\|/.exec(line);
    const depth = plain ? plain[1]!.length / 2 : markdown ? markdown[1]!.length : -1;
    const name = plain?.[2] ?? markdown?.[2];
    if (!name || depth < 0) continue;
    parents.length = depth;
    paths.push([...parents, name].join("."));
    parents.push(name);
  }
  return paths;
}

function documented(seedTexts: Record<string, string>): DocumentedField[] {
  const fields = [
    ...fieldsOf(seedTexts[CREATE_SEED] ?? "").map((field) => ({ operation: "create" as const, field })),
    ...fieldsOf(seedTexts[QUERY_SEED] ?? "").map((field) => ({ operation: "query" as const, field })),
  ];
  // A filter and an answer field of one name (seed 003's returnGoodsOrderNo) are one field.
  return [...new Map(fields.map((f) => [`${f.operation} ${f.field}`, f])).values()];
}

const CREATE_INPUT = "ReturnOrderCreateInput";
const OPTIONS = `${CREATE_INPUT}.winit`;
const ORDER = "ReturnOrder";
const DETAILS = `${ORDER}.details.WinitReturnDetails`;
const SENT = `${DETAILS}.sent`;
const RECEIPT = "ReturnOrderCreateResult.ReturnOrderCreated.receipt.WinitReceipt";
const SEARCH = "ReturnOrderFilter.search";

const row = (operation: SeedOperation, field: string, ...graphql: string[]): CoverageRow => ({ operation, field, graphql });
const notCarried = (operation: SeedOperation, field: string, why: string): CoverageRow => ({ operation, field, notCarried: why });

/** A create field WINIT never reports back: set in the options block, read in `details.sent`. */
const option = (field: string, input: string, sent = input) => row("create", field, `${OPTIONS}.${input}`, `${SENT}.${sent}`);
/** A sender field of the create: the unified sender both ways. */
const sender = (field: string, ...unified: string[]) =>
  row("create", field, ...unified.flatMap((u) => [`${CREATE_INPUT}.sender.${u}`, `${ORDER}.sender.${u}`]));
/** A per-line handling field: the order's default, the line's own, and what each line was sent with. */
const lineHandling = (field: string) => row("create", `ReturnGoodsList.${field}`, `${OPTIONS}.${field}`, `${OPTIONS}.lines.${field}`, `${SENT}.lines.${field}`);

const CREATE_ROWS: CoverageRow[] = [
  row("create", "customerOrderNo", `${CREATE_INPUT}.referenceNo`, `${ORDER}.referenceNo`),
  option("isWinitOutbound", "isWinitOutbound"),
  row("create", "outboundOrderNo", `${CREATE_INPUT}.outboundOrderNo`, `${ORDER}.outboundOrderNo`),
  option("winitProductCode", "winitProductCode"),
  row("create", "expressNo", `${CREATE_INPUT}.trackingNumber`, `${ORDER}.trackingNumber`),
  row("create", "supplierName", `${CREATE_INPUT}.carrier`, `${ORDER}.carrier`),
  row("create", "warehouseCode", `${CREATE_INPUT}.warehouseCode`, `${ORDER}.warehouseCode`),
  option("VATNo", "vatNo"),
  // IRI when a sender is given, ORI (the outbound order's recipient) when none is.
  row("create", "userInfoSource", `${CREATE_INPUT}.sender`, `${SENT}.userInfoSource`),
  sender("name", "name"),
  sender("email", "email"),
  sender("phone", "phone", "mobile"),
  sender("country", "country"),
  sender("state", "province"),
  sender("city", "city"),
  sender("postcode", "postcode"),
  sender("houseNo", "houseNo"),
  sender("address1", "address1"),
  sender("address2", "address2"),
  option("packageLength", "packageLength"),
  option("packageWidth", "packageWidth"),
  option("packageHeight", "packageHeight"),
  option("packageWeight", "packageWeight"),
  option("ownerCode", "ownerCode"),
  row("create", "ReturnGoodsList", `${CREATE_INPUT}.lines`, `${ORDER}.lines`, `${SENT}.lines`),
  row("create", "ReturnGoodsList.productCode", `${CREATE_INPUT}.lines.sku`, `${ORDER}.lines.sku`, `${SENT}.lines.sku`),
  row("create", "ReturnGoodsList.productNum", `${CREATE_INPUT}.lines.quantity`, `${ORDER}.lines.quantity`, `${SENT}.lines.quantity`),
  row("create", "ReturnGoodsList.specification", `${OPTIONS}.lines.specification`, `${SENT}.lines.specification`, `${DETAILS}.orderedGoods.specification`),
  row("create", "ReturnGoodsList.productionBatch", `${OPTIONS}.lines.productionBatch`, `${SENT}.lines.productionBatch`),
  row("create", "ReturnGoodsList.batchDate", `${OPTIONS}.lines.batchDate`, `${SENT}.lines.batchDate`),
  lineHandling("handleMethod"),
  lineHandling("shelveMethod"),
  lineHandling("goodMethod"),
  lineHandling("defectiveMethod"),
  row("create", "ReturnGoodsList.itemCodeList", `${OPTIONS}.lines.items`, `${OPTIONS}.lines.itemCodes`, `${SENT}.lines.items`),
  row("create", "ReturnGoodsList.itemCodeList.itemCode", `${OPTIONS}.lines.items.itemCode`, `${OPTIONS}.lines.itemCodes`, `${SENT}.lines.items.itemCode`),
  row("create", "ReturnGoodsList.itemCodeList.handleMethod", `${OPTIONS}.lines.items.handleMethod`, `${SENT}.lines.items.handleMethod`),
  row("create", "returnGoodsOrderNo", `${RECEIPT}.returnGoodsOrderNo`, `${ORDER}.providerOrderNo`),
  row("create", "rmaNo", `${RECEIPT}.rmaNo`, `${DETAILS}.rmaNo`),
  row("create", "returnAddress", `${RECEIPT}.returnAddress`, `${DETAILS}.returnAddress`),
];

const PAGING = "paging is the subgraph's own (first / after cursors over every provider): the adapter picks WINIT's page size and number itself";

/** A goods entry's field on both of seed 003's lists, by its WinitGoods name. */
const GOODS: Record<string, string> = {
  merchandiseCode: "merchandiseCode",
  merchandiseSerno: "merchandiseSerno",
  specification: "specification",
  originalMerchandiseCode: "originalMerchandiseCode",
  originalMerchandiseSerno: "originalMerchandiseSerno",
  itemSerno: "itemSerno",
  ownerCode: "ownerCode",
  skuCodeThird: "skuCodeThird",
  confirmQty: "quantity",
  skuType: "skuType",
  standardPartsNum: "standardPartsNum",
  merchandiseGrade: "grade",
  nameCn: "nameCn",
  nameEn: "nameEn",
  confirmWidth: "confirmWidth",
  confirmLength: "confirmLength",
  confirmHeight: "confirmHeight",
  confirmVolume: "confirmVolume",
  confirmWeight: "confirmWeight",
  managementType: "managementType",
  handleMethod: "handleMethod",
  handleStrategy: "handleStrategy",
  shelveMethod: "shelveMethod",
  imageList: "imageUrls",
  inventoryAttribute: "inventoryAttribute",
};

/** What the unified lines also take from a goods list: the SKU and its count, and from shelved goods what was received. */
const UNIFIED_FROM_GOODS: Record<string, Record<string, string[]>> = {
  orderGoodsList: { merchandiseCode: ["lines.sku"], confirmQty: ["lines.quantity"], nameEn: ["lines.productName"], nameCn: ["lines.productName"] },
  shelveGoodsList: {
    merchandiseCode: ["lines.sku"],
    confirmQty: ["lines.receivedQuantity", "receivedQuantity"],
    merchandiseGrade: ["lines.goodQuantity", "lines.defectiveQuantity"],
  },
};

/** Seed 003 lists these on shelved goods only. */
const SHELVED_ONLY = new Set(["imageList", "inventoryAttribute"]);

const goodsRows = (list: "orderGoodsList" | "shelveGoodsList", member: string): CoverageRow[] =>
  Object.entries(GOODS)
    .filter(([field]) => list === "shelveGoodsList" || !SHELVED_ONLY.has(field))
    .map(([field, name]) =>
      row("query", `${list}.${field}`, `${DETAILS}.${member}.${name}`, ...(UNIFIED_FROM_GOODS[list]![field] ?? []).map((u) => `${ORDER}.${u}`)),
    );

const QUERY_ROWS: CoverageRow[] = [
  row("query", "returnGoodsOrderNo", SEARCH, `${ORDER}.providerOrderNo`),
  row("query", "expressNo", SEARCH, `${ORDER}.trackingNumber`),
  row("query", "outboundOrderNo", SEARCH, `${ORDER}.outboundOrderNo`),
  // The answer does not carry it: the reference is what the create recorded (or the filter that found it).
  row("query", "customerOrderNo", SEARCH, `${ORDER}.referenceNo`),
  row("query", "rmaNo", SEARCH, `${DETAILS}.rmaNo`),
  row("query", "originCode", `${DETAILS}.originCode`),
  row("query", "warehouseCode", "ReturnOrderFilter.warehouseCode", `${ORDER}.warehouseCode`),
  row("query", "OderStartDatetime", "ReturnOrderFilter.createdFrom"),
  row("query", "OderEndDatetime", "ReturnOrderFilter.createdTo"),
  notCarried("query", "pageParams", PAGING),
  notCarried("query", "pageParams.pageSize", PAGING),
  notCarried("query", "pageParams.pageNo", PAGING),
  notCarried("query", "pageNo", PAGING),
  notCarried("query", "pageSize", PAGING),
  row("query", "totalCount", "ReturnOrderConnection.totalCount"),
  row("query", "list", "Query.returnOrders.nodes"),
  row("query", "customerExpressNo", SEARCH, `${DETAILS}.customerExpressNo`, `${ORDER}.trackingNumber`),
  row("query", "mdImageList", `${DETAILS}.labelImageUrls`),
  row("query", "sellerOrderNo", SEARCH, `${DETAILS}.sellerOrderNo`),
  row("query", "qtyItemNum", `${ORDER}.totalQuantity`),
  row("query", "isReturnLabel", `${DETAILS}.isReturnLabel`),
  row("query", "retrunReason", `${ORDER}.reason`, `${DETAILS}.returnReasonCode`),
  row("query", "status", `${ORDER}.status`, `${ORDER}.providerStatus`),
  row("query", "buyername", `${ORDER}.sender.name`, `${DETAILS}.buyerName`),
  row("query", "createDate", `${ORDER}.createdAt`),
  row("query", "completeTime", `${ORDER}.completedAt`),
  row("query", "processTime", `${DETAILS}.processTime`),
  row("query", "allVasOrderCompletedTime", `${DETAILS}.allVasOrderCompletedTime`),
  row("query", "handleStrategy", `${DETAILS}.handleStrategy`),
  row("query", "shelveMethod", `${DETAILS}.shelveMethod`),
  row("query", "orderGoodsList", `${DETAILS}.orderedGoods`, `${ORDER}.lines`),
  row("query", "shelveGoodsList", `${DETAILS}.shelvedGoods`),
  ...goodsRows("orderGoodsList", "orderedGoods"),
  ...goodsRows("shelveGoodsList", "shelvedGoods"),
];

export const winitCoverage: ProviderCoverage = {
  seeds: [CREATE_SEED, QUERY_SEED],
  documented,
  rows: [...CREATE_ROWS, ...QUERY_ROWS],
};
