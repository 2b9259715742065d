import { RETURN_PROVIDERS, type OrderKey, type ReturnProvider } from "./model.js";

// Frozen id scheme, v1: base64url("ro1|" + provider + "|" + account + "|" + providerOrderNo).
// Clients store these ids; never change the layout, add a new version prefix instead.
const PREFIX = "ro1";
const ACCOUNT = /^[A-Za-z0-9_.-]{1,64}$/;
// Provider numbers are short printable codes; "|" is the separator and never appears in them.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const ORDER_NO = /^[^|\u0000-\u001f]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function isValidAccountName(account: string): boolean {
  return ACCOUNT.test(account);
}

export function isValidOrderNo(no: string): boolean {
  return ORDER_NO.test(no);
}

export function encodeOrderId(key: OrderKey): string {
  if (!isValidAccountName(key.account) || !isValidOrderNo(key.providerOrderNo)) {
    throw new Error(`cannot encode an id for ${key.provider} order ${JSON.stringify(key.providerOrderNo)}`);
  }
  return Buffer.from([PREFIX, key.provider, key.account, key.providerOrderNo].join("|"), "utf8").toString("base64url");
}

/** Strict decoding: anything but a canonical v1 id gives null. */
export function decodeOrderId(id: unknown): OrderKey | null {
  if (typeof id !== "string" || id.length === 0 || id.length > 400 || !BASE64URL.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  // Re-encoding must give the same id: rejects padding tricks, non-canonical bits and invalid UTF-8.
  if (Buffer.from(text, "utf8").toString("base64url") !== id) return null;
  const parts = text.split("|");
  if (parts.length !== 4) return null;
  const [prefix, provider, account, providerOrderNo] = parts as [string, string, string, string];
  if (prefix !== PREFIX) return null;
  if (!(RETURN_PROVIDERS as readonly string[]).includes(provider)) return null;
  if (!isValidAccountName(account) || !isValidOrderNo(providerOrderNo)) return null;
  return { provider: provider as ReturnProvider, account, providerOrderNo };
}
