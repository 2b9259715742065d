// undici's own FormData: the shared HTTP client sends with undici, which does not take Node's global one.
import { FormData } from "undici";
import { ProviderRejectedError, ProviderUnavailableError } from "../../returns/errors.js";
import { parseJsonExact } from "../kit/exact-json.js";
import { parseJsonBody, type ProviderHttp } from "../kit/http.js";
import { parseWire } from "../kit/wire.js";
import { signQianyi } from "./signing.js";
import { qianyiBizContentWire, qianyiEnvelopeWire, type QianyiBizContent } from "./wire.js";

export interface QianyiCredentials {
  baseUrl: string;
  appId: string;
  appSecret: string;
}

export const QIANYI_SERVICES = {
  create: "CREATE_RETURN_ORDER",
  close: "CLOSE_RETURN_ORDER",
  list: "QUERY_RETURN_ORDER_LIST",
  push: "PUSH_RETURN_ORDER_INFO",
} as const;

export interface QianyiForm {
  appId: string;
  serviceType: string;
  bizParam: string;
  timestamp: string;
  sign: string;
}

/** The signed form fields of one call: `bizParam` is serialised once and that text is signed and sent. */
export function buildQianyiForm(credentials: Pick<QianyiCredentials, "appId" | "appSecret">, serviceType: string, bizParam: unknown, now: Date): QianyiForm {
  const fields = { appId: credentials.appId, bizParam: JSON.stringify(bizParam), serviceType, timestamp: String(now.getTime()) };
  return { ...fields, sign: signQianyi(fields, credentials.appSecret) };
}

export function toFormData(form: QianyiForm): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) data.append(name, value);
  return data;
}

/** Qianyi's one endpoint: POST {base}/api/v1/returnOrder, multipart form, the answer's `bizContent` a JSON string inside JSON. */
export class QianyiClient {
  constructor(
    private readonly credentials: QianyiCredentials,
    private readonly http: ProviderHttp,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get appId(): string {
    return this.credentials.appId;
  }

  async call(serviceType: string, bizParam: unknown, options: { idempotent: boolean }): Promise<QianyiBizContent> {
    const form = buildQianyiForm(this.credentials, serviceType, bizParam, this.clock());
    const response = await this.http.send({
      url: `${this.credentials.baseUrl.replace(/\/$/, "")}/api/v1/returnOrder`,
      body: toFormData(form),
      idempotent: options.idempotent,
      operation: serviceType,
    });
    return parseQianyiAnswer(this.http.account, response.text);
  }
}

/** An `errorCode` that means success: none, or "0" (the Go SDK's `IsSuccess`). */
function isSuccessCode(code: string | null): boolean {
  return code === null || code === "0";
}

/**
 * Envelope → business content; a refusal is ProviderRejected, garbage is the provider's fault.
 * A refusal may arrive as `state: success` with an `errorCode` (the Go SDK's `HasError` and its
 * test `TestParseResponse_WrapperWithError`): reading that as success would report a refused
 * create or close as done.
 */
export function parseQianyiAnswer(account: string, body: string): QianyiBizContent {
  // Exact from the envelope on: a `bizContent` sent as an object, not a string, keeps its amounts too.
  const envelope = parseWire(qianyiEnvelopeWire, parseJsonBody("QIANYI", account, body, parseJsonExact), "QIANYI", account, "Qianyi envelope");
  if (envelope.state !== "success" || !isSuccessCode(envelope.errorCode)) {
    throw new ProviderRejectedError("QIANYI", envelope.errorCode, envelope.errorMsg);
  }
  const biz = parseWire(qianyiBizContentWire, decodeBizContent(account, envelope.bizContent), "QIANYI", account, "bizContent");
  if ((biz.state !== null && biz.state !== "success") || biz.notSuccess) {
    throw new ProviderRejectedError(
      "QIANYI",
      biz.errorCode ?? envelope.errorCode,
      biz.errorMsg ?? envelope.errorMsg ?? "Qianyi reported the request as not successful",
    );
  }
  return biz;
}

/** `bizContent` is JSON inside a JSON string; its amounts keep their exact text. */
function decodeBizContent(account: string, raw: unknown): unknown {
  if (raw == null || raw === "") return {};
  if (typeof raw !== "string") return raw;
  try {
    return parseJsonExact(raw);
  } catch {
    throw new ProviderUnavailableError("QIANYI", account, "bizContent is not valid JSON");
  }
}
