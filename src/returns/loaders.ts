import DataLoader from "dataloader";
import type { Caller } from "../auth/caller.js";
import { StoreUnavailableError } from "../store/health.js";
import type { Store } from "../store/index.js";
import { keyString, type OrderKey, type ReturnOrder, type ReturnOrderEvent } from "./model.js";
import type { AccountDirectory, LookupAnswer, ReturnProviderAdapter } from "./ports.js";
import { whenStoreDown, type OrderRecorder } from "./recording.js";
import { withRecorded } from "./sent.js";

/** Everything one request carries into the service: who asks, and its request-scoped loaders. */
export interface Loaders {
  caller: Caller;
  orders: DataLoader<OrderKey, ReturnOrder | null, string>;
  events: DataLoader<OrderKey, ReturnOrderEvent[], string>;
  /** What `events` has already loaded, by `keyString`: readable without awaiting; cleared with it. */
  loadedEvents: Map<string, ReturnOrderEvent[]>;
  /** Set when the store could not give events and they were answered empty (the response says so). */
  eventsMissing: boolean;
}

export interface LoaderOptions {
  /** Turns request batching off; exists only so the benchmark can measure what batching saves. */
  batching: boolean;
  /** Observes DataLoader batch sizes (metrics). */
  onBatch?: (loader: "orders" | "events", size: number) => void;
}

/**
 * Request-scoped loaders: each key fetched once per request, one provider batch per account.
 * Orders of accounts the caller may not see load as null, whatever path asks for them.
 */
export class RequestLoaders {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly store: Store,
    private readonly recorder: OrderRecorder,
    private readonly options: LoaderOptions,
  ) {}

  create(caller: Caller): Loaders {
    const batch = this.options.batching;
    const loadedEvents = new Map<string, ReturnOrderEvent[]>();
    const loaders: Loaders = {
      caller,
      orders: new DataLoader(
        (keys) => {
          this.options.onBatch?.("orders", keys.length);
          return this.loadOrders(keys.map((k) => (caller.allows(k.provider, k.account) ? k : null)));
        },
        { cacheKeyFn: keyString, batch },
      ),
      events: new DataLoader(
        async (keys) => {
          this.options.onBatch?.("events", keys.length);
          const events = await this.store.events.eventsOf([...keys]).catch((error: unknown) => {
            // The orders themselves came from their providers: they are still worth answering.
            if (!(error instanceof StoreUnavailableError)) throw error;
            loaders.eventsMissing = true;
            return new Map<string, ReturnOrderEvent[]>();
          });
          return keys.map((k) => {
            const key = keyString(k);
            const found = events.get(key) ?? [];
            loadedEvents.set(key, found);
            return found;
          });
        },
        { cacheKeyFn: keyString, batch },
      ),
      loadedEvents,
      eventsMissing: false,
    };
    return loaders;
  }

  private async loadOrders(requested: readonly (OrderKey | null)[]): Promise<(ReturnOrder | null | Error)[]> {
    const keys = requested.filter((k): k is OrderKey => k !== null);
    const known = await whenStoreDown(this.store.orders.lookup(keys), new Map());
    const groups = new Map<string, { adapter: ReturnProviderAdapter; keys: OrderKey[] }>();
    for (const key of keys) {
      const adapter = this.directory.get(key.provider, key.account);
      if (!adapter) continue;
      const id = `${key.provider}/${key.account}`;
      const group = groups.get(id) ?? { adapter, keys: [] };
      group.keys.push(key);
      groups.set(id, group);
    }
    const found = new Map<string, ReturnOrder | null | Error>();
    await Promise.all(
      [...groups.values()].map(async ({ adapter, keys: groupKeys }) => {
        try {
          const orders = await adapter.getMany(
            groupKeys.map((k) => ({ providerOrderNo: k.providerOrderNo, createdAt: known.get(keyString(k))?.createdAt ?? null })),
          );
          // What was sent fills what the provider leaves out; the seller's reference recorded at create too.
          const recorded = (order: LookupAnswer, k: OrderKey): LookupAnswer =>
            order && !(order instanceof Error) ? withRecorded(order, known.get(keyString(k))) : order;
          groupKeys.forEach((k, i) => found.set(keyString(k), recorded(orders[i] ?? null, k)));
          await this.recorder.observe(orders.filter((o): o is ReturnOrder => o != null && !(o instanceof Error)));
        } catch (error) {
          for (const k of groupKeys) found.set(keyString(k), error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
    return requested.map((k) => (k ? (found.get(keyString(k)) ?? null) : null));
  }
}
