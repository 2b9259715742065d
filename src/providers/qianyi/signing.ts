import { createHash, timingSafeEqual } from "node:crypto";

/** The signed fields of every Qianyi request and push; `bizParam` is the exact JSON text sent. */
export interface QianyiSignedFields {
  appId: string;
  bizParam: string;
  serviceType: string;
  timestamp: string;
}

/** The text Qianyi hashes: fixed key order (alphabetical), no separators, the secret appended. */
export function qianyiSignBase(fields: QianyiSignedFields, appSecret: string): string {
  return `appId=${fields.appId}bizParam=${fields.bizParam}serviceType=${fields.serviceType}timestamp=${fields.timestamp}${appSecret}`;
}

export function signQianyi(fields: QianyiSignedFields, appSecret: string): string {
  return createHash("md5").update(qianyiSignBase(fields, appSecret), "utf8").digest("hex");
}

/** Constant-time comparison; Qianyi sends lowercase hex but case is not meaningful in hex. */
export function verifyQianyiSign(fields: QianyiSignedFields, appSecret: string, sign: string): boolean {
  const expected = Buffer.from(signQianyi(fields, appSecret), "utf8");
  const given = Buffer.from(sign.toLowerCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Qianyi refuses a timestamp more than 5 minutes from its clock, in either direction. */
export const QIANYI_TIMESTAMP_WINDOW_MS = 5 * 60_000;

/** Epoch milliseconds as Qianyi sends them; anything else (seconds, junk) is not a valid timestamp. */
export function parseQianyiTimestamp(text: string): number | null {
  if (!/^\d{13}$/.test(text)) return null;
  return Number(text);
}

export function withinQianyiWindow(timestamp: string, now: Date): boolean {
  const at = parseQianyiTimestamp(timestamp);
  return at != null && Math.abs(now.getTime() - at) <= QIANYI_TIMESTAMP_WINDOW_MS;
}
