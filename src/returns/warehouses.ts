import type { Logger } from "../logger.js";
import { StoreUnavailableError } from "../store/health.js";
import { ProviderUnavailableError, ReturnsError, UpstreamBudgetExceededError } from "./errors.js";
import { InFlight } from "./in-flight.js";
import type { ReturnProvider } from "./model.js";
import type { AccountDirectory, ProviderWarehouse, ReturnProviderAdapter } from "./ports.js";

export interface ReturnWarehouse extends ProviderWarehouse {
  provider: ReturnProvider;
  account: string;
}

/**
 * Where a return of one account can go: the provider's own list where its adapter can ask for it,
 * else the account's `warehouses` setting, else nothing. A provider's answer is kept `cacheMs` per
 * account (a create form asks on every open; the list changes rarely), and concurrent misses of
 * one account share one call. A failed call is not kept.
 */
export class WarehouseCatalog {
  private readonly cached = new Map<string, { at: number; warehouses: ReturnWarehouse[] }>();
  // A joiner whose starter ran out of its request's call budget asks on its own budget.
  private readonly inFlight = new InFlight<ReturnWarehouse[]>({ retryAloneWhen: (error) => error instanceof UpstreamBudgetExceededError });

  constructor(
    private readonly directory: AccountDirectory,
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  async of(adapter: ReturnProviderAdapter): Promise<ReturnWarehouse[]> {
    const { provider, account } = adapter;
    const tag = (list: ProviderWarehouse[]) => list.map((w) => ({ provider, account, code: w.code, name: w.name ?? null, country: w.country ?? null }));
    if (!adapter.warehouses) return tag(this.directory.configuredWarehouses?.(provider, account) ?? []);
    const key = `${provider}/${account}`;
    const hit = this.cached.get(key);
    if (hit && this.now() - hit.at < this.cacheMs) return hit.warehouses;
    return this.inFlight.run(key, async () => {
      const warehouses = tag(await adapter.warehouses!().catch((error: unknown) => Promise.reject(this.typed(adapter, error))));
      if (this.cacheMs > 0) this.cached.set(key, { at: this.now(), warehouses });
      return warehouses;
    });
  }

  /** A failure the adapter did not type is answered as the order list answers it: the provider could not be read. */
  private typed(adapter: ReturnProviderAdapter, error: unknown): unknown {
    if (error instanceof ReturnsError || error instanceof StoreUnavailableError) return error;
    this.logger?.error({ err: error, provider: adapter.provider, account: adapter.account }, "provider warehouse list failed unexpectedly");
    return new ProviderUnavailableError(adapter.provider, adapter.account, "its warehouse list could not be read");
  }
}
