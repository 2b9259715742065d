import { createHmac, randomBytes } from "node:crypto";

// The OMS's per-request token (a public Java client, AuthUtils.getToken). Pure but for `newNonce`.

export interface OmsCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface OmsTokenParts {
  apiKey: string;
  ts: string;
  nonce: string;
  signature: string;
}

/** base64(hmacSha256(key = apiSecret, msg = ts + "-" + nonce)). */
export function omsSignature(apiSecret: string, ts: string, nonce: string): string {
  return createHmac("sha256", apiSecret).update(`${ts}-${nonce}`, "utf8").digest("base64");
}

/** base64(apiKey + "-" + ts + "-" + nonce + "-" + signature): the whole `Authorization` header value. */
export function omsToken(credentials: OmsCredentials, ts: string, nonce: string): string {
  const signature = omsSignature(credentials.apiSecret, ts, nonce);
  return Buffer.from(`${credentials.apiKey}-${ts}-${nonce}-${signature}`, "utf8").toString("base64");
}

/** 32 hex characters, fresh per request. */
export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Splits a token into its parts, or null. Read from the right: the api key may itself contain
 * "-", while ts (digits), nonce (hex) and the base64 signature never do.
 */
export function parseOmsToken(token: string): OmsTokenParts | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return null;
  const text = Buffer.from(token, "base64").toString("utf8");
  const parts = text.split("-");
  if (parts.length < 4) return null;
  const signature = parts.pop()!;
  const nonce = parts.pop()!;
  const ts = parts.pop()!;
  const apiKey = parts.join("-");
  if (!apiKey || !/^\d{13}$/.test(ts) || !/^[0-9a-f]{32}$/i.test(nonce) || !signature) return null;
  return { apiKey, ts, nonce, signature };
}
