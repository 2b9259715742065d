import { registeredGoods, VAT_WAREHOUSES } from "./catalogue.js";
import type { WireGoods } from "./wire.js";

// The emulator's reading of seed 002's create rules. Codes of the real service where seed 002
// documents them (02010250344, 02050240099, 02050240124); the others are this emulator's own.

export type Refusal = { code: string; msg: string };

const HANDLE_METHODS = new Set(["SA", "NS", "DE", "WI"]);
const SHELVE_METHODS = new Set(["GOOD_SA", "DEFECTIVE_SA"]);
const DEFECTIVE_METHODS = new Set(["SA", "NS", "DE"]);
const ITEM_METHODS = DEFECTIVE_METHODS;
const SENDER_FIELDS = ["name", "email", "phone", "country", "state", "city", "postcode", "houseNo", "address1", "address2"];

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** A positive decimal, as a number or its text ("11.22" in seed 002's example). */
function positiveDecimal(v: unknown): boolean {
  const text = typeof v === "number" ? String(v) : str(v);
  return /^\d+(\.\d+)?$/.test(text.trim()) && Number(text) > 0;
}

/** yyyy-MM-dd (one-digit month and day accepted) naming a real day: 2024-02-31 is none. */
export function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]!;
}

/**
 * Goods that did not leave with a WINIT outbound order come back only by WINIT's return label:
 * a channel, the parcel's four measures, and the sender typed in (IRI), seed 002 says.
 */
function refuseNotShippedByWinit(data: Record<string, unknown>): Refusal | null {
  if (!str(data["winitProductCode"])) return { code: "02010250315", msg: "非WINIT出库仅支持ReturnLabel服务 winitProductCode is required" };
  for (const field of ["packageLength", "packageWidth", "packageHeight", "packageWeight"]) {
    if (!positiveDecimal(data[field])) return { code: "02010250316", msg: `非WINIT出库时包裹信息必填 ${field} is required` };
  }
  if (data["userInfoSource"] !== "IRI") return { code: "02010250317", msg: "非WINIT出库时发件人地址来源只能是IRI userInfoSource must be IRI" };
  return null;
}

/** Why WINIT would refuse this create's header, or null; `warehouses` are the codes this account may return to. */
export function refuseHeader(data: Record<string, unknown>, warehouses: ReadonlySet<string>): Refusal | null {
  const warehouse = str(data["warehouseCode"]);
  if (!warehouse) return { code: "02010250301", msg: "退货目的仓库不能为空 warehouseCode is required" };
  if (!warehouses.has(warehouse)) return { code: "02010250318", msg: `退货目的仓库[${warehouse}]不存在 unknown warehouseCode` };
  if (VAT_WAREHOUSES.has(warehouse) && !str(data["VATNo"])) return { code: "02010250322", msg: "退货到英国和德国时需要填写VAT VATNo is required" };
  const outbound = data["isWinitOutbound"] === "Y";
  if (outbound && !str(data["outboundOrderNo"])) return { code: "02010250302", msg: "出库单号不能为空 outboundOrderNo is required" };
  if (!outbound) {
    const refused = refuseNotShippedByWinit(data);
    if (refused) return refused;
  }
  if (data["userInfoSource"] === "ORI" && SENDER_FIELDS.some((f) => str(data[f]))) {
    return { code: "02010250319", msg: "发件人地址来源为ORI时请勿录入退货人信息 no sender with ORI" };
  }
  if (data["userInfoSource"] === "IRI" || !outbound) {
    for (const field of ["name", "country", "city", "postcode", "address1"]) {
      if (!str(data[field])) return { code: "02010250303", msg: `退货人信息不完整: ${field} is required` };
    }
  }
  return null;
}

/** Why WINIT would refuse one line of `ReturnGoodsList`, or null. */
export function refuseLine(g: Record<string, unknown>, knownProducts: ReadonlySet<string>): Refusal | null {
  if (!str(g["productCode"])) return { code: "02010250305", msg: "商品编码不能为空 productCode is required" };
  const n = Number(g["productNum"]);
  if (!Number.isInteger(n) || n <= 0) return { code: "02010250306", msg: "商品数量必须大于0 productNum must be positive" };
  const method = str(g["handleMethod"]);
  if (!method) return { code: "02010250344", msg: "退货单品的处理方式不能为空" };
  if (!HANDLE_METHODS.has(method)) return { code: "02010250307", msg: `处理方式[${method}]不存在 handleMethod is SA, NS, DE or WI` };
  if (g["shelveMethod"] != null && !SHELVE_METHODS.has(str(g["shelveMethod"]))) {
    return { code: "02010250308", msg: "上架方式错误 shelveMethod is GOOD_SA or DEFECTIVE_SA" };
  }
  if (method === "WI" && (str(g["goodMethod"]) !== "SA" || !DEFECTIVE_METHODS.has(str(g["defectiveMethod"])))) {
    return { code: "02010250345", msg: "WI需填写良品处理方式(SA)和不良品处理方式(SA/NS/DE) goodMethod and defectiveMethod are required with WI" };
  }
  if (g["batchDate"] != null && !isDay(str(g["batchDate"]))) return { code: "02010250346", msg: "批次日期格式错误 batchDate is a yyyy-MM-dd day" };
  const items = g["itemCodeList"];
  if (items != null) {
    if (!Array.isArray(items)) return { code: "02010250309", msg: "itemCodeList must be a list" };
    if (items.length > 0 && items.length !== n) return { code: "02050240099", msg: "若填写单品列表,列表内单品数量须等于退货数量" };
    for (const item of items as Record<string, unknown>[]) {
      const itemMethod = str(item?.["handleMethod"]);
      if (!itemMethod) return { code: "02010250344", msg: "退货单品的处理方式不能为空" };
      if (!ITEM_METHODS.has(itemMethod)) return { code: "02010250347", msg: `单品处理方式[${itemMethod}]不存在 an item's handleMethod is SA, NS or DE` };
    }
  }
  if (!knownProducts.has(str(g["productCode"]))) return { code: "02050240124", msg: "商品编码不存在" };
  return null;
}

/** The shelve method a line asked for, as the query answer reports the seller's value. */
function shelveMethodOf(g: Record<string, unknown>): string | null {
  const method = str(g["handleMethod"]);
  if (method === "SA") return str(g["shelveMethod"]) || "GOOD_SA";
  return method === "DE" ? "DE" : null;
}

/**
 * An ordered-goods entry as the query answer shows it: the product's registered facts, the
 * line's specification, the return's owner code, and the create's handleMethod still carried
 * in the deprecated field.
 */
export function orderedGoods(g: Record<string, unknown>, ownerCode: string | null): WireGoods {
  return {
    ...registeredGoods(str(g["productCode"])),
    ownerCode,
    confirmQty: Number(g["productNum"]),
    specification: str(g["specification"]),
    handleMethod: str(g["handleMethod"]),
    handleStrategy: str(g["handleMethod"]),
    shelveMethod: shelveMethodOf(g),
    merchandiseGrade: null,
  };
}

/** The order-level strategy and shelve method: the seller's values at create (seed 003), taken from the first line. */
export function orderMethods(goods: Record<string, unknown>[]): { handleStrategy: string | null; shelveMethod: string | null } {
  const first = goods[0] ?? {};
  return { handleStrategy: str(first["handleMethod"]) || null, shelveMethod: shelveMethodOf(first) };
}
