import type { CoverageRow, DocumentedField, ProviderCoverage } from "./coverage.js";

/*
 * Seed 004 (`taobao.qimen.returnorder.create`): its request and answer tables, field by field.
 *
 * The page lists the request's rows flat, each as bullets (name, type, 必须/可选, example,
 * description); a row without "└" opens an object (returnOrder, senderInfo, orderLines, snList),
 * but the page lost the indentation that says where an object ends. The official Java example on
 * the same page says it: which object sets which field to the row's example value, and which
 * object is set into which. So each field goes to the innermost open object whose Java setter
 * takes the row's example; a row without an example stays in the innermost open object that does
 * not have that field yet (an object has each field once). Fields land on dotted paths from the
 * request (`returnOrder.senderInfo.town`, `orderLines.snList.sn`, `extendProps`); the answer's
 * fields are under `response.`.
 */

const SEED = "004_0e7922bc0614de21.txt";
const REQUIRED = new Set(["必须", "可选"]);
const PRIMITIVES = new Set(["String", "Number", "Map", "Boolean", "Date", "String []", "Number []"]);
const TYPE = /^[A-Z][A-Za-z]*( ?\[\])?$/;
const NAME = /^(└ )?([A-Za-z][A-Za-z0-9]*)$/;

interface Row {
  name: string;
  type: string;
  nested: boolean;
  example: string | null;
}

function bulletsBetween(text: string, from: string, to: string): string[] {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`seed 004 has no section between ${from} and ${to}`);
  return text
    .slice(start, end)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("•"))
    .map((line) => line.slice(1).trim());
}

/** A table's rows: a row starts at a name bullet followed by a type bullet. */
function rowsOf(bullets: string[], withRequired: boolean): Row[] {
  const starts: number[] = [];
  bullets.forEach((b, i) => {
    if (NAME.test(b) && TYPE.test(bullets[i + 1] ?? "") && (!withRequired || REQUIRED.has(bullets[i + 2] ?? ""))) starts.push(i);
  });
  return starts.map((start, k) => {
    const cells = bullets.slice(start, starts[k + 1] ?? bullets.length);
    const [, nested, name] = NAME.exec(cells[0]!)!;
    // Cells: name, type, (必须/可选,) example, description; four (or three) mean no example.
    const exampleAt = withRequired ? 3 : 2;
    return { name: name!, type: cells[1]!, nested: nested !== undefined, example: cells.length > exampleAt + 1 ? cells[exampleAt]! : null };
  });
}

/** The Java example's objects: what each sets (field → the literal it passes) and which object it is set into. */
function javaObjects(text: string) {
  const sets = new Map<string, Map<string, string>>();
  const parentOf = new Map<string, { object: string; field: string }>();
  for (const m of text.matchAll(/^(\w+)\.set(\w+)\((.*)\);$/gm)) {
    const [, object, setter, argument] = m as unknown as [string, string, string, string];
    const field = setter.charAt(0).toLowerCase() + setter.slice(1);
    const literal = /^"(.*)"$/.exec(argument)?.[1] ?? /^(\d+)L?$/.exec(argument)?.[1];
    if (literal !== undefined) (sets.get(object) ?? sets.set(object, new Map()).get(object)!).set(field, literal);
    else if (/^\w+$/.test(argument)) parentOf.set(argument, { object, field });
  }
  return { sets, parentOf };
}

/** A path and its ancestors, innermost first, the root last. */
const prefixes = (path: string[]): string[][] => path.map((_, n) => path.slice(0, path.length - n)).concat([[]]);

function requestFields(text: string): string[] {
  const { sets, parentOf } = javaObjects(text);
  const objectNamed = (path: string[]): string => {
    if (path.length === 0) return "req";
    const parent = objectNamed(path.slice(0, -1));
    return [...parentOf].find(([, p]) => p.object === parent && p.field === path.at(-1))?.[0] ?? `?${path.join(".")}`;
  };
  const fields: string[] = [];
  const placed = new Set<string>();
  let open: string[] = [];
  for (const row of rowsOf(bulletsBetween(text, "请求参数", "响应参数"), true)) {
    if (row.name === "request") continue;
    if (!row.nested && !PRIMITIVES.has(row.type)) {
      // An object opens inside the innermost open object the Java example sets it into.
      const into = prefixes(open).find((p) => !objectNamed([...p, row.name]).startsWith("?")) ?? [];
      open = [...into, row.name];
      continue;
    }
    const candidates = prefixes(open);
    const byExample = row.example !== null ? candidates.find((p) => sets.get(objectNamed(p))?.get(row.name) === row.example) : undefined;
    const home = byExample ?? candidates.find((p) => !placed.has([...p, row.name].join("."))) ?? [];
    const path = [...home, row.name].join(".");
    if (placed.has(path)) throw new Error(`seed 004: ${path} placed twice`);
    placed.add(path);
    fields.push(path);
    open = home;
  }
  return fields;
}

function answerFields(text: string): string[] {
  return rowsOf(bulletsBetween(text, "响应参数", "请求示例"), false)
    .filter((row) => row.name !== "response")
    .map((row) => `response.${row.name}`);
}

const create = (field: string, graphql: string[]): CoverageRow => ({ operation: "create", field, graphql });
const notCarried = (field: string, why: string): CoverageRow => ({ operation: "create", field, notCarried: why });

const INPUT = "ReturnOrderCreateInput";
const QIMEN = `${INPUT}.qimen`;
const DETAILS = "ReturnOrder.details.QimenReturnDetails";
const LINES = `${DETAILS}.orderLines`;
const RECEIPT = "ReturnOrderCreated.receipt.QimenReceipt";

export const qimenCoverage: ProviderCoverage = {
  seeds: [SEED],
  documented(seedTexts): DocumentedField[] {
    const text = seedTexts[SEED];
    if (!text) throw new Error(`seed ${SEED} not given`);
    return [...requestFields(text), ...answerFields(text)].map((field) => ({ operation: "create", field }));
  },
  rows: [
    create("returnOrder.returnOrderCode", [`${QIMEN}.returnOrderCode`, "ReturnOrder.providerOrderNo", `${RECEIPT}.returnOrderCode`]),
    create("returnOrder.warehouseCode", [`${INPUT}.warehouseCode`, "ReturnOrder.warehouseCode"]),
    create("returnOrder.orderType", [`${QIMEN}.orderType`, `${DETAILS}.orderType`]),
    create("returnOrder.orderFlag", [`${QIMEN}.orderFlags`, `${DETAILS}.orderFlags`]),
    create("returnOrder.preDeliveryOrderCode", [`${INPUT}.outboundOrderNo`, "ReturnOrder.outboundOrderNo", `${DETAILS}.preDeliveryOrderCode`]),
    create("returnOrder.preDeliveryOrderId", [`${QIMEN}.preDeliveryOrderId`, `${DETAILS}.preDeliveryOrderId`]),
    create("returnOrder.logisticsCode", [`${QIMEN}.logisticsCode`, `${DETAILS}.logisticsCode`]),
    create("returnOrder.logisticsName", [`${INPUT}.carrier`, "ReturnOrder.carrier", `${DETAILS}.logisticsName`]),
    create("returnOrder.expressCode", [`${INPUT}.trackingNumber`, "ReturnOrder.trackingNumber"]),
    create("returnOrder.returnReason", [`${INPUT}.reason`, "ReturnOrder.reason"]),
    create("returnOrder.buyerNick", [`${QIMEN}.buyerNick`, `${DETAILS}.buyerNick`]),
    create("returnOrder.senderInfo.company", [`${INPUT}.sender.company`, "ReturnOrder.sender.company"]),
    create("returnOrder.senderInfo.name", [`${INPUT}.sender.name`, "ReturnOrder.sender.name"]),
    create("returnOrder.senderInfo.zipCode", [`${INPUT}.sender.postcode`, "ReturnOrder.sender.postcode"]),
    create("returnOrder.senderInfo.tel", [`${INPUT}.sender.phone`, "ReturnOrder.sender.phone"]),
    create("returnOrder.senderInfo.mobile", [`${INPUT}.sender.mobile`, "ReturnOrder.sender.mobile"]),
    create("returnOrder.senderInfo.email", [`${INPUT}.sender.email`, "ReturnOrder.sender.email"]),
    create("returnOrder.senderInfo.countryCode", [`${INPUT}.sender.country`, "ReturnOrder.sender.country"]),
    create("returnOrder.senderInfo.province", [`${INPUT}.sender.province`, "ReturnOrder.sender.province"]),
    create("returnOrder.senderInfo.city", [`${INPUT}.sender.city`, "ReturnOrder.sender.city"]),
    create("returnOrder.senderInfo.area", [`${INPUT}.sender.district`, "ReturnOrder.sender.district"]),
    create("returnOrder.senderInfo.town", [`${QIMEN}.senderTown`, `${DETAILS}.senderTown`]),
    // Qimen's one address field: the house number and both lines are joined into it and read back apart.
    create("returnOrder.senderInfo.detailAddress", [
      `${INPUT}.sender.houseNo`,
      `${INPUT}.sender.address1`,
      `${INPUT}.sender.address2`,
      "ReturnOrder.sender.houseNo",
      "ReturnOrder.sender.address1",
      "ReturnOrder.sender.address2",
    ]),
    create("returnOrder.senderInfo.extendProps", [`${QIMEN}.senderExtendProps`, `${DETAILS}.senderExtendProps`]),
    create("returnOrder.remark", [`${INPUT}.remark`, "ReturnOrder.remark"]),
    create("returnOrder.sourcePlatformCode", [`${QIMEN}.sourcePlatformCode`, `${DETAILS}.sourcePlatformCode`]),
    create("returnOrder.sourcePlatformName", [`${QIMEN}.sourcePlatformName`, `${DETAILS}.sourcePlatformName`]),
    create("returnOrder.shopNick", [`${QIMEN}.shopNick`, `${DETAILS}.shopNick`]),
    create("returnOrder.sellerNick", [`${QIMEN}.sellerNick`, `${DETAILS}.sellerNick`]),
    create("returnOrder.extendProps", [`${QIMEN}.extendProps`, `${DETAILS}.extendProps`]),
    create("orderLines.orderLineNo", [`${QIMEN}.lines.orderLineNo`, `${LINES}.orderLineNo`]),
    create("orderLines.sourceOrderCode", [`${QIMEN}.lines.sourceOrderCode`, `${LINES}.sourceOrderCode`]),
    create("orderLines.subSourceOrderCode", [`${QIMEN}.lines.subSourceOrderCode`, `${LINES}.subSourceOrderCode`]),
    create("orderLines.ownerCode", [`${QIMEN}.ownerCode`, `${QIMEN}.lines.ownerCode`, `${LINES}.ownerCode`, `${DETAILS}.ownerCode`]),
    create("orderLines.itemCode", [`${INPUT}.lines.sku`, "ReturnOrder.lines.sku", `${LINES}.itemCode`]),
    create("orderLines.itemId", [`${QIMEN}.lines.itemId`, `${LINES}.itemId`]),
    create("orderLines.inventoryType", [`${QIMEN}.lines.inventoryType`, `${LINES}.inventoryType`]),
    create("orderLines.planQty", [`${INPUT}.lines.quantity`, "ReturnOrder.lines.quantity", `${LINES}.planQty`]),
    create("orderLines.batchCode", [`${QIMEN}.lines.batchCode`, `${LINES}.batchCode`]),
    create("orderLines.productDate", [`${QIMEN}.lines.productDate`, `${LINES}.productDate`]),
    create("orderLines.expireDate", [`${QIMEN}.lines.expireDate`, `${LINES}.expireDate`]),
    create("orderLines.produceCode", [`${QIMEN}.lines.produceCode`, `${LINES}.produceCode`]),
    create("orderLines.snList.sn", [`${QIMEN}.lines.serialNumbers`, `${LINES}.serialNumbers`]),
    create("orderLines.orderFlag", [`${QIMEN}.lines.orderFlags`, `${QIMEN}.orderFlags`, `${LINES}.orderFlags`]),
    create("orderLines.returnReason", [`${QIMEN}.lines.returnReason`, `${INPUT}.reason`, `${LINES}.returnReason`]),
    create("orderLines.extendProps", [`${QIMEN}.lines.extendProps`, `${LINES}.extendProps`]),
    create("extendProps", [`${QIMEN}.requestExtendProps`, `${DETAILS}.requestExtendProps`]),
    notCarried("response.flag", "the envelope's verdict: success answers ReturnOrderCreated, failure ProviderRejected (its code and message below)"),
    create("response.code", ["ProviderRejected.providerCode"]),
    create("response.message", ["ProviderRejected.providerMessage"]),
    create("response.returnOrderId", [`${RECEIPT}.returnOrderId`, `${DETAILS}.returnOrderId`]),
  ],
};
