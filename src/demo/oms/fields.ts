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
] as const;

export function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
