import { randomUUID } from "node:crypto";
import type { ReturnOrder } from "../../returns/model.js";
import type { PushReply } from "../../webhooks/types.js";
import type { QianyiForm } from "./client.js";
import { parseOrder } from "./mapper.js";
import { qianyiOrderWire, qianyiPushInfoWire, type QianyiPushInfo } from "./wire.js";

// Qianyi's envelope, for answers to pushes (and the emulator's answers), and the reading of a push
// body in either shape seed 001 shows: a JSON object, or form fields (multipart or urlencoded).

export const QIANYI_CODES = {
  /** Documented: the signature check failed (also: unknown appId). */
  auth: "AUTH_001",
  /** Not documented: the timestamp is outside the 5-minute window (this subgraph's and its emulator's own code). */
  stale: "AUTH_002",
  /** Documented: the input is not right. */
  input: "DATA_INPUT_ERROR",
  /** Not documented: nothing was applied, send it again later (this subgraph's own code). */
  unavailable: "SERVICE_UNAVAILABLE",
} as const;

export function qianyiEnvelope(state: "success" | "failure", errorCode = "", errorMsg = "", bizContent: unknown = { notSuccess: false, state: "success" }) {
  return {
    state,
    errorCode,
    errorMsg,
    bizContent: state === "success" ? JSON.stringify(bizContent) : "",
    requestId: randomUUID(),
  };
}

export function qianyiReply(status: number, errorCode?: string, errorMsg?: string): PushReply {
  const body = status < 400 ? qianyiEnvelope("success") : qianyiEnvelope("failure", errorCode, errorMsg);
  return { status, contentType: "application/json; charset=utf-8", body: JSON.stringify(body) };
}

const FIELDS = ["appId", "serviceType", "bizParam", "timestamp", "sign"] as const;

function pick(get: (name: string) => unknown): QianyiForm | null {
  const form: Partial<QianyiForm> = {};
  for (const name of FIELDS) {
    const value = get(name);
    // A JSON push may carry the timestamp as a number; every other field is text.
    const text = typeof value === "number" && name === "timestamp" ? String(value) : value;
    if (typeof text !== "string" || text.length === 0) return null;
    form[name] = text;
  }
  return form as QianyiForm;
}

/** The five fields of a push, from a JSON body or form fields; null when neither shape holds them. */
export async function readQianyiFields(body: Buffer, contentType: string): Promise<QianyiForm | null> {
  const type = contentType.toLowerCase();
  const textBody = body.toString("utf8");
  if (type.includes("json") || (!type.includes("form") && textBody.trimStart().startsWith("{"))) {
    const value = parseJsonObject(textBody);
    return value && pick((name) => value[name]);
  }
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    try {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
      return pick((name) => form.get(name));
    } catch {
      return null;
    }
  }
  return null;
}

/** A JSON object, or null for anything else (invalid JSON, arrays, scalars). */
function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Reads a push's `bizParam`; null when it is not the documented shape. */
export function parsePushInfo(bizParam: string): QianyiPushInfo | null {
  const parsed = qianyiPushInfoWire.safeParse(parseJsonObject(bizParam));
  return parsed.success ? parsed.data : null;
}

/** What a push tells of an order: enough for the order index and its event, nothing invented. */
export function orderFromPush(push: QianyiPushInfo, account: string): ReturnOrder {
  const known = { ...qianyiOrderWire.parse({ returnNumber: push.returnNumber }), ...push };
  return parseOrder(known, account);
}
