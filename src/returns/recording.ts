import type { Logger } from "../logger.js";
import { StoreUnavailableError } from "../store/health.js";
import type { Store } from "../store/index.js";
import { ProviderUnavailableError } from "./errors.js";
import type { IndexedOrder } from "../store/orders.js";
import type { OrderKey, ReturnOrder } from "./model.js";
import type { SentOrder } from "./sent.js";

/** What the service writes to the order index, and how a store failure changes a read or a mutation. */
export class OrderRecorder {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** Records what a read showed; a failing store must not fail the read. */
  async observe(orders: ReturnOrder[]): Promise<void> {
    try {
      await this.store.orders.record(orders, "OBSERVED");
    } catch (error) {
      // An outage is logged once by the store; the next read records what it sees.
      if (!(error instanceof StoreUnavailableError)) this.logger.warn({ err: error }, "could not record observed orders");
    }
  }

  /** What the index knows of orders a read shows (what was sent, the reference), as looked up lately; nothing while the store is down. */
  shown(keys: OrderKey[]): Promise<Map<string, IndexedOrder>> {
    return whenStoreDown(this.store.orders.lookupForShowing(keys), new Map());
  }

  /** What the index knows of these orders (what was sent, the reference); nothing while the store is down. */
  known(keys: OrderKey[]): Promise<Map<string, IndexedOrder>> {
    return whenStoreDown(this.store.orders.lookup(keys), new Map());
  }

  /**
   * Records what a mutation did (and `before` it, what else belongs to the record). The provider
   * has already acted, so a store that went away since the check before it must not turn the
   * answer into a failure the caller would retry: it is logged. Where the store is the provider's
   * only record of the order (`recordedHere`), an unrecorded mutation is lost to every later read,
   * so it is answered as not done, naming the order for the operator. The caller's `reason` is
   * kept with the event whether or not the provider takes one (several cannot carry it).
   */
  async mutation(
    order: ReturnOrder,
    options: {
      done: "created" | "changed" | "cancelled";
      recordedHere?: boolean;
      before?: () => Promise<void>;
      sent?: SentOrder;
      reason?: string | null;
    },
  ): Promise<void> {
    try {
      await options.before?.();
      await this.store.orders.record([order], "MUTATION", { keepSnapshot: true, sent: options.sent, reason: options.reason ?? null });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const where = { provider: order.provider, account: order.account, providerOrderNo: order.providerOrderNo };
      if (!options.recordedHere) {
        this.logger.warn(where, "mutation done at the provider but not recorded: the store is unavailable");
        return;
      }
      this.logger.error(where, "mutation done at the provider but not recorded in its only record");
      throw new ProviderUnavailableError(
        order.provider,
        order.account,
        `${order.providerOrderNo} was ${options.done} at the provider, but this subgraph (its only record) could not store it; ask an operator to recover it before trying again`,
        false,
      );
    }
  }
}

/** A store read that only helps (creation-date hints, the account index): without the store, `fallback`. */
export async function whenStoreDown<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof StoreUnavailableError) return fallback;
    throw error;
  }
}
