import { existsInCalendar, quantity, type OrderDocument } from "./wire.js";

// The emulator's own reading of seed 004's create rules (required fields, closed code lists,
// dates, lengths): written here again, never imported from the client.

const ORDER_TYPES = new Set(["THRK", "HHRK"]);
const INVENTORY_TYPES = new Set(["ZP", "CC", "JS", "XS"]);
/** Seed 004's logisticsCode list ("只传英文编码"). */
const CARRIERS = new Set("SF EMS EYB ZJS YTO ZTO HTKY UC STO TTKDEX QFKD FAST POSTB GTO YUNDA JD DD AMAZON OTHER".split(" "));
/** Codes the warehouse keeps as string (50): sourcePlatformCode as the create documents it, the others as its SDK example sizes them. */
const CODE_FIELDS = ["returnOrderCode", "warehouseCode", "preDeliveryOrderCode", "preDeliveryOrderId", "expressCode", "sourcePlatformCode"];
const LINE_CODE_FIELDS = ["ownerCode", "itemCode", "itemId", "orderLineNo", "batchCode", "produceCode"];
const CODE_MAX = 50;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function requiredMissing(object: Record<string, unknown> | undefined, fields: string[], prefix: string): string | null {
  for (const field of fields) if (!str(object?.[field])) return `${prefix}${field}`;
  return null;
}

/** What the create document lacks that Qimen requires (seed 004's 必须 fields), or null. */
function missingField(document: OrderDocument): string | null {
  const ro = document.returnOrder as Record<string, unknown> | undefined;
  if (!ro || typeof ro !== "object") return "returnOrder";
  const missing =
    requiredMissing(ro, ["returnOrderCode", "warehouseCode", "preDeliveryOrderCode", "logisticsCode"], "returnOrder.") ??
    requiredMissing(
      ro["senderInfo"] as Record<string, unknown> | undefined,
      ["name", "mobile", "province", "city", "detailAddress"],
      "returnOrder.senderInfo.",
    );
  if (missing) return missing;
  const lines = document.orderLines?.orderLine;
  if (!Array.isArray(lines) || lines.length === 0) return "orderLines.orderLine";
  for (const line of lines) {
    // orderFlag and returnReason are 必须 per line in seed 004's table (the order's own are optional).
    const m = requiredMissing(line as Record<string, unknown>, ["ownerCode", "itemCode", "planQty", "orderFlag", "returnReason"], "orderLines.orderLine.");
    if (m) return m;
  }
  return null;
}

/** Why the warehouse refuses this create document (its 非法参数 text), or null when it takes it. */
export function createRefusal(document: OrderDocument): string | null {
  const missing = missingField(document);
  if (missing) return `${missing} is required`;
  const ro = document.returnOrder;
  if (ro.orderType && !ORDER_TYPES.has(ro.orderType)) return "orderType must be THRK or HHRK";
  if (!CARRIERS.has(str(ro.logisticsCode))) return `logisticsCode ${str(ro.logisticsCode)} is not one of the documented carrier codes`;
  const country = str(ro.senderInfo?.["countryCode"]);
  if (country && !/^[A-Za-z]{2}$/.test(country)) return "senderInfo.countryCode is a two-letter country code";
  for (const field of CODE_FIELDS) if (str(ro[field]).length > CODE_MAX) return `returnOrder.${field} is longer than ${CODE_MAX}`;
  for (const line of document.orderLines.orderLine) {
    const planned = quantity(line.planQty);
    if (planned == null || planned < 1) return "planQty must be a positive whole number";
    if (line.inventoryType && !INVENTORY_TYPES.has(line.inventoryType)) return "inventoryType must be ZP, CC, JS or XS";
    for (const field of ["productDate", "expireDate"]) {
      const value = str(line[field]);
      if (value && (value.length !== 10 || !existsInCalendar(value))) return `orderLine.${field} ${value} is not a day (YYYY-MM-DD)`;
    }
    for (const field of LINE_CODE_FIELDS) if (str(line[field]).length > CODE_MAX) return `orderLine.${field} is longer than ${CODE_MAX}`;
  }
  return null;
}
