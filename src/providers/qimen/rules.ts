import { existingWallClock } from "./time.js";

// What taobao.qimen.returnorder.create documents as allowed (seed 004, docs/providers/qimen.md),
// checked before anything is sent. Pure data and pure checks.

/** `logisticsCode`'s documented codes (seed 004: "只传英文编码", only the English code). */
export const LOGISTICS_CODES = [
  "SF",
  "EMS",
  "EYB",
  "ZJS",
  "YTO",
  "ZTO",
  "HTKY",
  "UC",
  "STO",
  "TTKDEX",
  "QFKD",
  "FAST",
  "POSTB",
  "GTO",
  "YUNDA",
  "JD",
  "DD",
  "AMAZON",
  "OTHER",
] as const;

/**
 * Lengths. `sourcePlatformCode` is documented as string (50) on the create itself; the warehouse
 * fields the create leaves unsized are string (50) in seed 004's SDK example and in the sibling
 * `returnpackage.report` (warehouse, owner, carrier code, waybill, name; carrier name 200, remark 500).
 */
export const QIMEN_CODE_LENGTH = 50;
export const QIMEN_NAME_LENGTH = 200;
export const QIMEN_REMARK_LENGTH = 500;

/** An extendProps key becomes an XML element name (yellbuy writes `<extendProps><key1>…</key1></extendProps>`). */
export const EXTEND_PROP_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
export const EXTEND_PROP_VALUE_LENGTH = 500;
export const MAX_EXTEND_PROPS = 50;

/** `yyyy-MM-dd` naming a day that exists (2024-02-29 does, 2023-02-29 and 2024-02-31 do not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && existingWallClock(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}
