import { ProviderRejectedError, ProviderUnavailableError } from "../../returns/errors.js";
import { parseJsonBody, type ProviderHttp } from "../kit/http.js";
import { newNonce, omsToken, type OmsCredentials } from "./signing.js";
import { omsEnvelopeSchema } from "./wire.js";

/**
 * The OMS's endpoints. Of the return-order ones only `update` is documented (seed 000); the others
 * follow the API's naming and are not confirmed, so each is written here once and nowhere else.
 */
export const OMS_PATHS = {
  update: "/open/return-order-data/update",
  list: "/open/return-order-data/list",
  create: "/open/return-order-data/create",
  cancel: "/open/return-order-data/cancel",
  /** Listed in seed 000's menu (仓库列表); path and shape from the Java client's `warehouseList`. */
  warehouses: "/open/common-data/warehouse-list",
} as const;

export type OmsPath = (typeof OMS_PATHS)[keyof typeof OMS_PATHS];

/** The OMS's `errors` entries are not documented: strings, or objects with a field and a message. */
export function describeErrors(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    if (typeof e === "string") return e;
    if (e && typeof e === "object") {
      const { field, message } = e as { field?: unknown; message?: unknown };
      if (typeof message === "string") return typeof field === "string" && field ? `${field}: ${message}` : message;
    }
    return JSON.stringify(e);
  });
}

export class OmsClient {
  constructor(
    private readonly credentials: OmsCredentials & { baseUrl: string },
    private readonly http: ProviderHttp,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The envelope's `data`, unread: each caller parses it through its own schema. */
  async call(path: OmsPath, body: unknown, options: { idempotent: boolean }): Promise<unknown> {
    const response = await this.http.send({
      url: `${this.credentials.baseUrl.replace(/\/$/, "")}${path}`,
      // A fresh timestamp and nonce per attempt: the OMS refuses a nonce it has seen.
      headers: () => ({
        authorization: omsToken(this.credentials, String(this.clock().getTime()), newNonce()),
        "content-type": "application/json;charset=utf-8",
      }),
      body: JSON.stringify(body),
      idempotent: options.idempotent,
      operation: path,
    });
    const envelope = omsEnvelopeSchema.safeParse(parseJsonBody("OMS", this.http.account, response.text));
    if (!envelope.success) {
      const retryable = true;
      throw new ProviderUnavailableError("OMS", this.http.account, "the answer is not an OMS envelope", retryable);
    }
    const { success, code, message, errors, data } = envelope.data;
    if (!success) {
      const details = [message ?? "", ...describeErrors(errors)].filter(Boolean);
      throw new ProviderRejectedError("OMS", code, details.length > 0 ? details.join("; ") : null);
    }
    return data;
  }
}
