import type { Logger } from "../logger.js";
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";
import type { Store } from "../store/index.js";
import type { AccountDirectory, ProviderWarehouse, ReturnProviderAdapter } from "../returns/ports.js";
import { ProviderHttp, type HttpPolicy, type ProviderCallObserver } from "./kit/http.js";
import type { ProviderModule } from "./plugin.js";
import { AccountRateLimiter, DEFAULT_RATE_LIMIT } from "./kit/rate-limit.js";
import { guardProviderAnswers } from "./kit/answer-guard.js";
import type { Redis } from "ioredis";
import { omsModule } from "./oms/index.js";
import { qianyiModule } from "./qianyi/index.js";
import { qimenModule } from "./qimen/index.js";
import { winitModule } from "./winit/index.js";

/**
 * The providers this build speaks: one entry each, keyed by its `ReturnProvider` value, so a
 * value without a module (or a module without a value) does not compile.
 */
const MODULES = {
  WINIT: winitModule,
  QIANYI: qianyiModule,
  OMS: omsModule,
  QIMEN: qimenModule,
} satisfies Record<ReturnProvider, ProviderModule<unknown>>;

export const PROVIDER_MODULES: readonly ProviderModule<never>[] = Object.values(MODULES) as ProviderModule<never>[];

/** The modules in the order of `RETURN_PROVIDERS` (the order of the schema's unions and inputs). */
export function modulesInSchemaOrder(): ProviderModule<never>[] {
  return RETURN_PROVIDERS.map((provider) => MODULES[provider] as ProviderModule<never>);
}

export interface ConfiguredAccount {
  provider: ReturnProvider;
  account: string;
  settings: unknown;
  /** Served by the in-process emulator (demo mode). */
  demo: boolean;
  /** The account's `warehouses` setting. */
  warehouses?: ProviderWarehouse[];
}

/** provider + account → adapter. */
export class ProviderRegistry implements AccountDirectory {
  private readonly adapters = new Map<string, ReturnProviderAdapter>();
  private readonly https = new Map<string, ProviderHttp>();
  private readonly warehouses = new Map<string, ProviderWarehouse[]>();

  constructor(
    accounts: ConfiguredAccount[],
    deps: {
      store: Store;
      logger: Logger;
      clock: () => Date;
      http: HttpPolicy;
      observer?: ProviderCallObserver;
      redis?: Redis;
      rateLimitsPerMinute?: Partial<Record<ReturnProvider, number>>;
    },
    modules: readonly ProviderModule<never>[] = PROVIDER_MODULES,
  ) {
    for (const configured of accounts) {
      const module = modules.find((m) => m.provider === configured.provider);
      if (!module) continue;
      const override = deps.rateLimitsPerMinute?.[configured.provider];
      const limit = override ? { points: override, perSeconds: 60 } : (module.rateLimit ?? DEFAULT_RATE_LIMIT);
      const limiter = new AccountRateLimiter(configured.provider, configured.account, limit, deps.redis);
      const http = new ProviderHttp(configured.provider, configured.account, deps.http, deps.logger, deps.observer, limiter);
      const logger = deps.logger.child({ provider: configured.provider, account: configured.account });
      const adapter = guardProviderAnswers(
        module.createAdapter(configured.account, configured.settings as never, { http, store: deps.store, logger, clock: deps.clock }),
        logger,
      );
      this.adapters.set(`${configured.provider}/${configured.account}`, adapter);
      this.https.set(`${configured.provider}/${configured.account}`, http);
      if (configured.warehouses) this.warehouses.set(`${configured.provider}/${configured.account}`, configured.warehouses);
    }
  }

  get(provider: ReturnProvider, account: string): ReturnProviderAdapter | undefined {
    return this.adapters.get(`${provider}/${account}`);
  }

  all(): ReturnProviderAdapter[] {
    return [...this.adapters.values()];
  }

  accountsOf(provider: ReturnProvider): string[] {
    return this.all()
      .filter((a) => a.provider === provider)
      .map((a) => a.account)
      .sort();
  }

  providers(): ReturnProvider[] {
    return [...new Set(this.all().map((a) => a.provider))];
  }

  configuredWarehouses(provider: ReturnProvider, account: string): ProviderWarehouse[] | undefined {
    return this.warehouses.get(`${provider}/${account}`);
  }

  breakerStates(): { provider: ReturnProvider; account: string; state: string }[] {
    return [...this.https.values()].map((h) => ({ provider: h.provider, account: h.account, state: h.breakerState }));
  }

  rateLimitQueues(): { provider: ReturnProvider; account: string; waiting: number; perMinute: number | null }[] {
    return [...this.https.values()].map((h) => ({
      provider: h.provider,
      account: h.account,
      waiting: h.limiter?.waiting ?? 0,
      perMinute: h.limiter ? (h.limiter.limit.points * 60) / h.limiter.limit.perSeconds : null,
    }));
  }
}
