import { ProviderRejectedError, ProviderUnavailableError } from "../../returns/errors.js";
import type { ProviderHttp } from "../kit/http.js";
import { signQimen } from "./signing.js";
import { qimenDateTime } from "./time.js";
import { wireEnvelope } from "./wire.js";
import { buildQimenXml, parseQimenXml, QimenXmlError } from "./xml.js";

export interface QimenCredentials {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  customerId: string;
}

export const QIMEN_METHODS = {
  create: "taobao.qimen.returnorder.create",
  cancel: "taobao.qimen.order.cancel",
  query: "taobao.qimen.returnorder.query",
  confirm: "taobao.qimen.returnorder.confirm",
} as const;

export const QIMEN_PATH = "/router/qimen/service";

export interface QimenSignedCall {
  /** The query parameters, `sign` included. */
  params: Record<string, string>;
  body: string;
}

/** Builds one signed call: system parameters in the query, the XML document as the body, signed over both as sent. */
export function buildQimenCall(
  credentials: Pick<QimenCredentials, "appKey" | "appSecret" | "customerId">,
  method: string,
  request: Record<string, unknown>,
  now: Date,
): QimenSignedCall {
  const body = buildQimenXml("request", request);
  const params: Record<string, string> = {
    method,
    timestamp: qimenDateTime(now),
    format: "xml",
    app_key: credentials.appKey,
    v: "2.0",
    sign_method: "md5",
    customerId: credentials.customerId,
  };
  for (const [k, v] of Object.entries(params)) if (v === "") delete params[k];
  return { params: { ...params, sign: signQimen(params, body, credentials.appSecret) }, body };
}

export function qimenUrl(baseUrl: string, params: Record<string, string>): string {
  return `${baseUrl.replace(/\/$/, "")}${QIMEN_PATH}?${new URLSearchParams(params).toString()}`;
}

/** An answer Qimen garbled is worth asking again: the next one may be whole. */
const RETRYABLE = true;

/**
 * Reads a Qimen answer: `<response>` with flag success|failure, or the gateway's `<error_response>`
 * (code, msg, sub_code, sub_msg). A refusal is ProviderRejected; anything unreadable is the
 * provider's fault (ProviderUnavailable), never a crash.
 */
export function readQimenAnswer(text: string, account: string): Record<string, unknown> {
  let document: Record<string, unknown>;
  try {
    document = parseQimenXml(text);
  } catch (error) {
    const reason = error instanceof QimenXmlError ? error.message : "unreadable";
    throw new ProviderUnavailableError("QIMEN", account, `the answer is not a Qimen document (${reason})`, RETRYABLE);
  }
  const { error_response: gatewayError, response } = wireEnvelope.parse(document);
  if (gatewayError) throw new ProviderRejectedError("QIMEN", gatewayError.sub_code ?? gatewayError.code, gatewayError.sub_msg ?? gatewayError.msg);
  if (!response) throw new ProviderUnavailableError("QIMEN", account, "the answer is not a Qimen <response>", RETRYABLE);
  if (response.flag !== "success") {
    if (response.flag !== "failure") throw new ProviderUnavailableError("QIMEN", account, "the answer has no success/failure flag", RETRYABLE);
    throw new ProviderRejectedError("QIMEN", response.code, response.message);
  }
  return response;
}

/** POST {base}/router/qimen/service?…&sign=… with the XML request. */
export class QimenClient {
  constructor(
    private readonly credentials: QimenCredentials,
    private readonly http: ProviderHttp,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async call(method: string, request: Record<string, unknown>, options: { idempotent: boolean }): Promise<Record<string, unknown>> {
    const { params, body } = buildQimenCall(this.credentials, method, request, this.clock());
    const response = await this.http.send({
      url: qimenUrl(this.credentials.baseUrl, params),
      headers: { "content-type": "text/xml;charset=utf-8" },
      body,
      idempotent: options.idempotent,
      operation: method,
    });
    return readQimenAnswer(response.text, this.http.account);
  }
}
