import { createHash } from "node:crypto";

/** The signed system fields of a WINIT request; `data` is the exact JSON text that is sent. */
export interface WinitSignedFields {
  action: string;
  app_key: string;
  data: string;
  format: string;
  platform: string;
  sign_method: string;
  timestamp: string;
  version: string;
}

// The order is WINIT's (alphabetical); client_id and language are deliberately not signed.
const SIGNED_ORDER: (keyof WinitSignedFields)[] = ["action", "app_key", "data", "format", "platform", "sign_method", "timestamp", "version"];

function md5Upper(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex").toUpperCase();
}

function base(fields: WinitSignedFields, key: string): string {
  return key + SIGNED_ORDER.map((name) => name + fields[name]).join("") + key;
}

/** `sign` (with the token) and `client_sign` (with the client secret). */
export function signWinit(fields: WinitSignedFields, token: string, clientSecret: string): { sign: string; client_sign: string } {
  return { sign: md5Upper(base(fields, token)), client_sign: md5Upper(base(fields, clientSecret)) };
}
