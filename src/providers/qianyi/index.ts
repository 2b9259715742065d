import { z } from "zod";
import { envAccount, type ProviderModule } from "../plugin.js";
import { QianyiAdapter } from "./adapter.js";
import { QianyiOrderFilter, QianyiReceipt, QianyiReturnDetails, QianyiReturnOptions } from "./graphql.js";
import { QianyiClient } from "./client.js";

const settingsSchema = z.object({
  baseUrl: z.url(),
  appId: z.string().min(1),
  appSecret: z.string().min(1),
});

export type QianyiSettings = z.infer<typeof settingsSchema>;

/** Qianyi's published limits: 100 / 60 s for QUERY_RETURN_ORDER_LIST, 100 / 10 s for creates, 200 / 10 s for the rest. */
export const QIANYI_RATE_LIMIT = { points: 100, perSeconds: 60 } as const;

const ENV = {
  baseUrl: "QIANYI_BASE_URL",
  appId: "QIANYI_APP_ID",
  appSecret: "QIANYI_APP_SECRET",
} as const;

export const qianyiModule: ProviderModule<QianyiSettings> = {
  provider: "QIANYI",
  graphql: {
    description: "Qianyi ERP (千易).",
    details: QianyiReturnDetails,
    receipt: QianyiReceipt,
    createOptions: QianyiReturnOptions,
    listFilter: QianyiOrderFilter,
    wireNames: { providerOrderNo: "returnNumber", referenceNo: "orderNumber" },
  },
  // Every read is QUERY_RETURN_ORDER_LIST, published at 100 calls a minute per account (the
  // strictest of Qianyi's limits, so one budget keeps every service under its own).
  rateLimit: QIANYI_RATE_LIMIT,
  accountSchema: settingsSchema,
  envVariables: Object.values(ENV),
  accountFromEnv(env) {
    // Qianyi has a domestic and an overseas host; the domestic one is the default.
    return envAccount(env, ENV, [ENV.appId, ENV.appSecret], { baseUrl: "https://www.qianyierp.com" });
  },
  createAdapter(account, settings, deps) {
    const client = new QianyiClient(settings, deps.http, deps.clock);
    return new QianyiAdapter(account, client, settings.appSecret, { store: deps.store, logger: deps.logger, clock: deps.clock });
  },
};
