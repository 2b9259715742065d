import { z } from "zod";
import { envAccount, type ProviderModule } from "../plugin.js";
import { QimenAdapter } from "./adapter.js";
import { QimenReceipt, QimenReturnDetails } from "./graphql.js";
import { QimenReturnOptions } from "./options.js";
import { QimenClient } from "./client.js";

const settingsSchema = z.object({
  baseUrl: z.url(),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  /** The warehouse's customer (owner) id Qimen routes calls by. */
  customerId: z.string().min(1),
});

export type QimenSettings = z.infer<typeof settingsSchema>;

const ENV = {
  baseUrl: "QIMEN_BASE_URL",
  appKey: "QIMEN_APP_KEY",
  appSecret: "QIMEN_APP_SECRET",
  customerId: "QIMEN_CUSTOMER_ID",
} as const;

export const qimenModule: ProviderModule<QimenSettings> = {
  provider: "QIMEN",
  graphql: {
    description: "Taobao Qimen (奇门): warehouses behind Taobao's Qimen WMS API.",
    details: QimenReturnDetails,
    receipt: QimenReceipt,
    createOptions: QimenReturnOptions,
    wireNames: { providerOrderNo: "returnOrderCode", referenceNo: null },
  },
  accountSchema: settingsSchema,
  envVariables: Object.values(ENV),
  accountFromEnv(env) {
    return envAccount(env, ENV, [ENV.appKey, ENV.appSecret, ENV.customerId], { baseUrl: "https://qimen.api.taobao.com" });
  },
  createAdapter(account, settings, deps) {
    const client = new QimenClient(settings, deps.http, deps.clock);
    return new QimenAdapter(account, client, settings, deps.store, deps.logger, deps.clock);
  },
};
