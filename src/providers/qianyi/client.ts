// undici's own FormData: the shared HTTP client sends with undici, which does not take Node's global one.
import { FormData } from "undici";
import { ProviderRejectedError, ProviderUnavailableError } from "../../returns/errors.js";
import { parseJsonBody, type ProviderHttp } from "../kit/http.js";
import { signQianyi } from "./signing.js";

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

/** The decoded `bizContent`: `result` is an order (create), a list (query) or absent (close). */
export interface QianyiBizContent<T> {
  state?: string;
  notSuccess?: boolean;
  total?: number;
  result?: T;
  errorCode?: string;
  errorMsg?: string;
}

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

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

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

  async call<T>(serviceType: string, bizParam: unknown, options: { idempotent: boolean }): Promise<QianyiBizContent<T>> {
    const form = buildQianyiForm(this.credentials, serviceType, bizParam, this.clock());
    const response = await this.http.send({
      url: `${this.credentials.baseUrl.replace(/\/$/, "")}/api/v1/returnOrder`,
      body: toFormData(form),
      idempotent: options.idempotent,
      operation: serviceType,
    });
    return parseQianyiAnswer<T>(this.http.account, response.text);
  }
}

/** Envelope → business content; a refusal is ProviderRejected, garbage is the provider's fault. */
export function parseQianyiAnswer<T>(account: string, body: string): QianyiBizContent<T> {
  const envelope = parseJsonBody("QIANYI", account, body) as Record<string, unknown> | null;
  if (!envelope || typeof envelope !== "object" || typeof envelope["state"] !== "string") {
    throw new ProviderUnavailableError("QIANYI", account, "the answer is not a Qianyi envelope", true);
  }
  if (envelope["state"] !== "success") {
    throw new ProviderRejectedError("QIANYI", str(envelope["errorCode"]), str(envelope["errorMsg"]));
  }
  const raw = envelope["bizContent"];
  let content: unknown;
  if (raw == null || raw === "") {
    content = {};
  } else if (typeof raw === "string") {
    try {
      content = JSON.parse(raw);
    } catch {
      throw new ProviderUnavailableError("QIANYI", account, "bizContent is not valid JSON", true);
    }
  } else {
    content = raw;
  }
  if (!content || typeof content !== "object" || Array.isArray(content)) {
    throw new ProviderUnavailableError("QIANYI", account, "bizContent is not an object", true);
  }
  const biz = content as QianyiBizContent<T>;
  if ((biz.state != null && biz.state !== "success") || biz.notSuccess === true) {
    throw new ProviderRejectedError("QIANYI", str(biz.errorCode) ?? str(envelope["errorCode"]), str(biz.errorMsg) ?? str(envelope["errorMsg"]) ?? "Qianyi reported the request as not successful");
  }
  return biz;
}
