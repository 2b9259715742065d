import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Qimen's md5 signature: secret + every query parameter but `sign` as key+value (keys sorted,
 * empty values left out, as they are not sent) + the body exactly as sent + secret, upper-case hex.
 */
export function signQimen(params: Record<string, string | undefined>, body: string, secret: string): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[0] !== "sign" && entry[1] != null && entry[1] !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + v)
    .join("");
  return createHash("md5")
    .update(secret + pairs + body + secret, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** Constant-time check of a received `sign` (case-insensitive hex, as some gateways lower-case it). */
export function qimenSignatureMatches(params: Record<string, string | undefined>, body: string, secret: string): boolean {
  const given = (params["sign"] ?? "").toUpperCase();
  const expected = signQimen(params, body, secret);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
