import type { WireGoods } from "./wire.js";

// The emulator's reading of seed 002's create rules. Codes of the real service where seed 002
// documents them (02010250344, 02050240099, 02050240124); the others are this emulator's own.

export type Refusal = { code: string; msg: string };

const HANDLE_METHODS = new Set(["SA", "NS", "DE", "WI"]);
const SHELVE_METHODS = new Set(["GOOD_SA", "DEFECTIVE_SA"]);
const DEFECTIVE_METHODS = new Set(["SA", "NS", "DE"]);

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** Why WINIT would refuse this create's header, or null. */
export function refuseHeader(data: Record<string, unknown>): Refusal | null {
  if (!str(data["warehouseCode"])) return { code: "02010250301", msg: "退货目的仓库不能为空 warehouseCode is required" };
  const outbound = data["isWinitOutbound"] === "Y";
  if (outbound && !str(data["outboundOrderNo"])) return { code: "02010250302", msg: "出库单号不能为空 outboundOrderNo is required" };
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
  const items = g["itemCodeList"];
  if (items != null) {
    if (!Array.isArray(items)) return { code: "02010250309", msg: "itemCodeList must be a list" };
    if (items.length > 0 && items.length !== n) return { code: "02050240099", msg: "若填写单品列表,列表内单品数量须等于退货数量" };
    for (const item of items as Record<string, unknown>[]) {
      if (!str(item?.["handleMethod"])) return { code: "02010250344", msg: "退货单品的处理方式不能为空" };
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

/** An ordered-goods entry as the query answer shows it: the deprecated handleMethod still carries the create's value. */
export function orderedGoods(g: Record<string, unknown>): WireGoods {
  return {
    merchandiseCode: str(g["productCode"]),
    confirmQty: Number(g["productNum"]),
    specification: str(g["specification"]),
    handleMethod: str(g["handleMethod"]),
    handleStrategy: str(g["handleMethod"]),
    shelveMethod: shelveMethodOf(g),
    merchandiseGrade: null,
    skuType: "SINGLE",
  };
}

/** The order-level strategy and shelve method: the seller's values at create (seed 003), taken from the first line. */
export function orderMethods(goods: Record<string, unknown>[]): { handleStrategy: string | null; shelveMethod: string | null } {
  const first = goods[0] ?? {};
  return { handleStrategy: str(first["handleMethod"]) || null, shelveMethod: shelveMethodOf(first) };
}
