import { z } from "zod";
import { envAccount, type ProviderModule } from "../plugin.js";
import { OmsAdapter } from "./adapter.js";
import { OmsReceipt, OmsReturnDetails, OmsReturnOptions } from "./graphql.js";
import { OmsClient } from "./client.js";

const settingsSchema = z.object({
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  apiSecret: z.string().min(1),
});

export type OmsSettings = z.infer<typeof settingsSchema>;

const ENV = {
  baseUrl: "OMS_BASE_URL",
  apiKey: "OMS_API_KEY",
  apiSecret: "OMS_API_SECRET",
} as const;

export const omsModule: ProviderModule<OmsSettings> = {
  provider: "OMS",
  graphql: {
    description: "The 众包 OMS.",
    details: OmsReturnDetails,
    receipt: OmsReceipt,
    createOptions: OmsReturnOptions,
    updateOptions: OmsReturnOptions,
    wireNames: { providerOrderNo: "orderNo", referenceNo: "referenceNo" },
  },
  accountSchema: settingsSchema,
  envVariables: Object.values(ENV),
  accountFromEnv(env) {
    return envAccount(env, ENV, [ENV.apiKey, ENV.apiSecret], { baseUrl: "https://oms-api.zbao56.com" });
  },
  createAdapter(account, settings, deps) {
    return new OmsAdapter(account, new OmsClient(settings, deps.http, deps.clock), deps.clock);
  },
};
