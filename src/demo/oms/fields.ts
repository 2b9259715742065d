// The emulator's reading of which request fields are codes, text and dates (seed 000's update body).

export const NUMERIC_CODES = ["pickupType", "returnType", "isSplitAsn"] as const;

export const TEXT_FIELDS = [
  "referenceNo",
  "signatureNo",
  "outboundOrderNo",
  "trackingNo",
  "pickupDate",
  "etaDate",
  "companyName",
  "contactName",
  "contactMobile",
  "contactCellMobile",
  "contactEmail",
  "province",
  "city",
  "district",
  "doorplate",
  "address",
  "postcode",
  "handleAdvice",
  "remark",
  "warehouseCode",
  "code2",
] as const;

export function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "yyyy-MM-dd" naming a day the calendar has (2019-02-29 and 2024-02-31 are refused, as the OMS's date type would). */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return day.toISOString().slice(0, 10) === text;
}
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
