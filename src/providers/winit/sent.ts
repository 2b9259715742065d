import type { WinitSentCreate, WinitSentLine } from "./graphql.js";

// What reached WINIT's create, read back from the very `data` that was sent: WINIT's query reports
// none of it (VAT number, parcel, each line's handling), so the order's details keep it.

const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

function sentLine(g: Record<string, unknown>): WinitSentLine {
  const items = Array.isArray(g["itemCodeList"]) ? (g["itemCodeList"] as Record<string, unknown>[]) : [];
  return {
    sku: String(g["productCode"]),
    quantity: Number(g["productNum"]),
    specification: text(g["specification"]),
    productionBatch: text(g["productionBatch"]),
    batchDate: text(g["batchDate"]),
    handleMethod: text(g["handleMethod"]),
    shelveMethod: text(g["shelveMethod"]),
    goodMethod: text(g["goodMethod"]),
    defectiveMethod: text(g["defectiveMethod"]),
    items: items.map((i) => ({ itemCode: String(i["itemCode"]), handleMethod: text(i["handleMethod"]) })),
  };
}

/** The `sent` member of WINIT's details, from a create request's `data` (`toCreateRequest`). */
export function sentOf(data: Record<string, unknown>): WinitSentCreate {
  const goods = Array.isArray(data["ReturnGoodsList"]) ? (data["ReturnGoodsList"] as Record<string, unknown>[]) : [];
  return {
    isWinitOutbound: data["isWinitOutbound"] === "Y",
    userInfoSource: String(data["userInfoSource"]),
    winitProductCode: text(data["winitProductCode"]),
    vatNo: text(data["VATNo"]),
    ownerCode: text(data["ownerCode"]),
    packageLength: text(data["packageLength"]),
    packageWidth: text(data["packageWidth"]),
    packageHeight: text(data["packageHeight"]),
    packageWeight: text(data["packageWeight"]),
    lines: goods.map(sentLine),
  };
}
