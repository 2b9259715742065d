import { z } from "zod";
import { envAccount, type ProviderModule } from "../plugin.js";
import { WinitAdapter } from "./adapter.js";
import { WinitReceipt, WinitReturnDetails, WinitReturnOptions } from "./graphql.js";
import { WinitClient } from "./client.js";

const settingsSchema = z.object({
  baseUrl: z.url(),
  appKey: z.string().min(1),
  token: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  platform: z.string().min(1),
  listWindowDays: z.coerce.number().int().min(1).max(3660).default(365),
  lookbackDays: z.coerce.number().int().min(1).max(3660).default(1826),
});

export type WinitSettings = z.infer<typeof settingsSchema>;

const ENV = {
  baseUrl: "WINIT_BASE_URL",
  appKey: "WINIT_APP_KEY",
  token: "WINIT_TOKEN",
  clientId: "WINIT_CLIENT_ID",
  clientSecret: "WINIT_CLIENT_SECRET",
  platform: "WINIT_PLATFORM",
  listWindowDays: "WINIT_LIST_WINDOW_DAYS",
  lookbackDays: "WINIT_LOOKBACK_DAYS",
} as const;

export const winitModule: ProviderModule<WinitSettings> = {
  provider: "WINIT",
  graphql: {
    description: "WINIT (万邑通) overseas warehouses.",
    details: WinitReturnDetails,
    receipt: WinitReceipt,
    createOptions: WinitReturnOptions,
    wireNames: { providerOrderNo: "returnGoodsOrderNo", referenceNo: "customerOrderNo" },
  },
  // "默认每分钟1000" (seed 002): 1000 requests a minute per account.
  rateLimit: { points: 1000, perSeconds: 60 },
  accountSchema: settingsSchema,
  envVariables: Object.values(ENV),
  accountFromEnv(env) {
    return envAccount(env, ENV, [ENV.appKey, ENV.token, ENV.clientSecret], { baseUrl: "https://openapi.winit.com.cn" });
  },
  createAdapter(account, settings, deps) {
    const client = new WinitClient(settings, deps.http, deps.clock);
    return new WinitAdapter(account, client, settings, deps.clock);
  },
};
