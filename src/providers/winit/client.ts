import { ProviderRejectedError, ProviderUnavailableError } from "../../returns/errors.js";
import { stableJson } from "../../returns/stable-json.js";
import { parseJsonBody, type ProviderHttp } from "../kit/http.js";
import { winitDateTime } from "./time.js";
import { signWinit, type WinitSignedFields } from "./signing.js";

export interface WinitCredentials {
  baseUrl: string;
  appKey: string;
  token: string;
  clientId: string;
  clientSecret: string;
  platform: string;
}

export const WINIT_ACTIONS = {
  create: "rma.returnGoodsOrder.createReturnGoodsOrder",
  list: "rma.returnGoodsOrder.queryReturnOderList",
  void: "rma.returnGoodsOrder.voidOrder",
  /** 查询仓库代码 (the public SDK's OswhClient.queryWarehouse): the account's warehouses, asked without data. */
  warehouses: "queryWarehouse",
} as const;

/**
 * `data` as text with keys sorted at every depth and nulls left out. The public SDK signs that form
 * but sends another (declaration order, nulls included), so WINIT presumably verifies a canonical
 * re-serialisation; sending the signed text itself, already in that form, passes whether WINIT
 * checks the raw text or its canonical form.
 */
export const canonicalWinitData = (data: unknown): string => stableJson(data);

/**
 * Builds the signed body of one call: `data` is serialised once and that exact text is signed and
 * sent. A call without data signs empty text and sends `"data":null`, as the public SDK does.
 */
export function buildWinitBody(credentials: WinitCredentials, action: string, data: unknown, now: Date): string {
  const dataText = data == null ? "" : canonicalWinitData(data);
  const fields: WinitSignedFields = {
    action,
    app_key: credentials.appKey,
    data: dataText,
    format: "json",
    platform: credentials.platform,
    sign_method: "md5",
    timestamp: winitDateTime(now),
    version: "1.0",
  };
  const { sign, client_sign } = signWinit(fields, credentials.token, credentials.clientSecret);
  // The body is assembled as text so that `data` goes out byte-identical to what was signed.
  const head = JSON.stringify({
    action,
    app_key: fields.app_key,
    client_id: credentials.clientId,
    client_sign,
    format: fields.format,
    language: "zh_CN",
    platform: fields.platform,
    sign,
    sign_method: fields.sign_method,
    timestamp: fields.timestamp,
    version: fields.version,
  });
  return `${head.slice(0, -1)},"data":${dataText || "null"}}`;
}

/** WINIT's one endpoint: POST {base}/openapi/service with the signed JSON envelope. */
export class WinitClient {
  constructor(
    private readonly credentials: WinitCredentials,
    private readonly http: ProviderHttp,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async call<T>(action: string, data: unknown, options: { idempotent: boolean }): Promise<T> {
    const body = buildWinitBody(this.credentials, action, data, this.clock());
    const response = await this.http.send({
      url: `${this.credentials.baseUrl.replace(/\/$/, "")}/openapi/service`,
      headers: { "content-type": "application/json;charset=utf-8" },
      body,
      idempotent: options.idempotent,
      operation: action,
    });
    const envelope = parseJsonBody("WINIT", this.http.account, response.text) as { code?: unknown; msg?: unknown; data?: unknown } | null;
    if (!envelope || typeof envelope !== "object" || typeof envelope.code !== "string") {
      throw new ProviderUnavailableError("WINIT", this.http.account, "the answer is not a WINIT envelope", true);
    }
    if (envelope.code !== "0") {
      throw new ProviderRejectedError("WINIT", envelope.code, typeof envelope.msg === "string" ? envelope.msg : null);
    }
    return envelope.data as T;
  }
}
